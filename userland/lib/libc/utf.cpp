// UTF-8 runes (Plan 9's rune(2) subset). Decoding never fails: a malformed or overlong
// sequence, or one beyond Runemax, reads as Runeerror and consumes one byte, so a loop
// over a string always advances.
#include "libc.h"

extern "C" {

int chartorune(Rune* r, const char* str)
{
    auto* s = (const uchar*)str;
    uint c = s[0];
    if (c < 0x80) {
        *r = c;
        return 1;
    }
    int n;
    Rune v, min;
    if ((c & 0xE0) == 0xC0) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        *r = Runeerror;
        return 1;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *r = Runeerror;
            return 1;
        }
        v = v << 6 | (s[i] & 0x3F);
    }
    if (v < min || v > (Rune)Runemax) {
        *r = Runeerror;
        return 1;
    }
    *r = v;
    return n;
}

int runetochar(char* str, const Rune* r)
{
    auto* s = (uchar*)str;
    Rune c = *r;
    if (c > (Rune)Runemax)
        c = Runeerror;
    if (c < 0x80) {
        s[0] = c;
        return 1;
    }
    if (c < 0x800) {
        s[0] = 0xC0 | c >> 6;
        s[1] = 0x80 | (c & 0x3F);
        return 2;
    }
    if (c < 0x10000) {
        s[0] = 0xE0 | c >> 12;
        s[1] = 0x80 | (c >> 6 & 0x3F);
        s[2] = 0x80 | (c & 0x3F);
        return 3;
    }
    s[0] = 0xF0 | c >> 18;
    s[1] = 0x80 | (c >> 12 & 0x3F);
    s[2] = 0x80 | (c >> 6 & 0x3F);
    s[3] = 0x80 | (c & 0x3F);
    return 4;
}

int runelen(long r)
{
    char buf[UTFmax];
    Rune c = r;
    return runetochar(buf, &c);
}

int utflen(const char* s)
{
    int n = 0;
    Rune r;
    while (*s) {
        s += chartorune(&r, s);
        n++;
    }
    return n;
}

long runestrlen(const Rune* s)
{
    const Rune* e = s;
    while (*e)
        e++;
    return e - s;
}

char* utfrune(const char* s, long c)
{
    if (c < Runeself)
        return strchr(s, (int)c);
    Rune r;
    for (int n; *s; s += n) {
        n = chartorune(&r, s);
        if (r == (Rune)c)
            return (char*)s;
    }
    return nullptr;
}

// Like strecpy, but never splits a multi-byte rune at the end of the buffer.
char* utfecpy(char* to, char* e, const char* from)
{
    if (to >= e)
        return to;
    Rune r;
    for (int n; *from; from += n, to += n) {
        n = chartorune(&r, from);
        if (n >= e - to)
            break;
        memmove(to, from, n);
    }
    *to = 0;
    return to;
}

}  // extern "C"
