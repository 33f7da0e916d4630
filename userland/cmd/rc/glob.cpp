// Pattern matching for ~, switch and globbing. Only characters marked with GLOB (the
// lexer marks unquoted * ? [) are special, so quoted text and variable values match
// literally. [...] classes take ranges and ~ for complement, over UTF-8 runes.
#include "syntax.h"

namespace {

// Decodes one UTF-8 rune (bad bytes stand for themselves); returns its length.
int rune_at(const char* s, long& r)
{
    auto b = static_cast<unsigned char>(s[0]);
    int len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
    r = len == 1 ? b : b & (0x3F >> (len - 1));
    for (int i = 1; i < len; i++) {
        auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80) {
            r = b;
            return 1;
        }
        r = (r << 6) | (c & 0x3F);
    }
    return len;
}

// Matches one rune of s against the class starting after "[": sets *end past the "]".
// Returns -1 when the class is not closed (a pattern that matches nothing).
int class_match(const char* s, const char* p, const char** end)
{
    long c;
    rune_at(s, c);
    bool complement = *p == '~';
    if (complement)
        p++;
    bool hit = false;
    while (*p != ']') {
        if (*p == 0)
            return -1;
        long lo, hi;
        p += rune_at(p, lo);
        hi = lo;
        if (*p == '-') {
            p++;
            if (*p == 0)
                return -1;
            p += rune_at(p, hi);
        }
        if (lo <= c && c <= hi)
            hit = true;
    }
    *end = p + 1;
    return hit != complement;
}

}  // namespace

bool match(const char* s, const char* p)
{
    // Iterative matching with one saved star: on a mismatch, the last * swallows one more
    // rune. This is linear for patterns with one *, and never recursive.
    const char* star_p = nullptr;
    const char* star_s = nullptr;
    for (;;) {
        if (*p == GLOB && p[1] == '*') {
            while (*p == GLOB && p[1] == '*')
                p += 2;
            star_p = p;
            star_s = s;
            continue;
        }
        if (*p == 0 && *s == 0)
            return true;
        bool ok = false;
        const char* np = p;
        const char* ns = s;
        if (*s != 0) {
            long r;
            int slen = rune_at(s, r);
            if (*p == GLOB && p[1] == '?') {
                ok = true;
                np = p + 2;
                ns = s + slen;
            } else if (*p == GLOB && p[1] == '[') {
                int m = class_match(s, p + 2, &np);
                if (m < 0)
                    return false;
                ok = m == 1;
                ns = s + slen;
            } else if (*p == GLOB && p[1] == GLOB) {
                ok = *s == GLOB;
                np = p + 2;
                ns = s + 1;
            } else if (*p != 0 && *p != GLOB) {
                ok = *p == *s;
                np = p + 1;
                ns = s + 1;
            }
        }
        if (ok) {
            p = np;
            s = ns;
            continue;
        }
        if (!star_p || *star_s == 0)
            return false;
        long r;
        star_s += rune_at(star_s, r);
        s = star_s;
        p = star_p;
    }
}

bool has_glob(const char* s)
{
    return strchr(s, GLOB) != nullptr;
}

char* deglob(char* s)
{
    char* to = s;
    for (char* from = s; *from; from++) {
        if (*from == GLOB) {
            from++;
            if (*from == 0)
                break;
        }
        *to++ = *from;
    }
    *to = 0;
    return s;
}

void quote_word(Str& out, const char* s)
{
    bool plain = *s != 0;
    for (const char* t = s; *t && plain; t++)
        if (!wordchr(static_cast<unsigned char>(*t)))
            plain = false;
    if (plain) {
        out.add(s);
        return;
    }
    out.add('\'');
    for (; *s; s++) {
        if (*s == '\'')
            out.add('\'');
        out.add(*s);
    }
    out.add('\'');
}
