// tr [-cds] [string1 [string2]]: copies standard input to standard output translating the
// runes of string1 into the corresponding runes of string2 (the last of string2 repeats
// when it is shorter), as Plan 9's tr. -d deletes the runes of string1, -c complements
// string1 (every rune not in it, in order), -s squeezes runs of a rune of string2 to one.
// In the strings a-z is a range, \ooo (1-3 octal digits) and \xhhhh (1-4 hex digits) name
// a rune, and \ before anything else stands for that character. Input is UTF-8; bytes
// that do not decode become U+FFFD.
#include "libc.h"

namespace {

// A string of the command line expanded one rune at a time.
struct Spec {
    const char* base = "";
    const char* cur = "";
    long last = -1;  // the rune returned before, -1 at the start
    long final = -1;  // the end of the range being expanded, -1 if none

    void init(const char* s)
    {
        base = cur = s;
        last = final = -1;
    }
    void rewind() { init(base); }
    long next();
};

uchar fbits[(Runemax + 1) / 8];  // the runes of string1 (or its complement)
uchar tbits[(Runemax + 1) / 8];  // the runes of string2: squeezed by -s
bool cflag, dflag, sflag;
Spec from, to;

void set(uchar* b, long c) { b[c / 8] |= 1 << (c & 7); }
void clear(uchar* b, long c) { b[c / 8] &= ~(1 << (c & 7)); }
bool isset(const uchar* b, long c) { return b[c / 8] & (1 << (c & 7)); }

[[noreturn]] void error(const char* s)
{
    fprint(2, "%s: %s\n", argv0, s);
    exits(s);
}

int hexval(Rune r)
{
    if (r >= '0' && r <= '9')
        return r - '0';
    if (r >= 'a' && r <= 'f')
        return r - 'a' + 10;
    if (r >= 'A' && r <= 'F')
        return r - 'A' + 10;
    return -1;
}

// One rune of a string, with its escape; returns where the next begins.
const char* getrune(const char* s, Rune* rp)
{
    s += chartorune(rp, s);
    if (*rp != '\\' || *s == 0)
        return s;
    Rune r;
    long n = 0;
    if (*s == 'x') {
        s++;
        for (int i = 0; i < 4; i++) {
            int len = chartorune(&r, s);
            if (hexval(r) < 0) {
                *rp = i == 0 ? 'x' : n;
                return s;
            }
            n = 16 * n + hexval(r);
            s += len;
        }
        *rp = n;
        return s;
    }
    for (int i = 0; i < 3; i++) {
        int len = chartorune(&r, s);
        if (r < '0' || r > '7') {
            if (i == 0) {
                *rp = r;
                return s + len;
            }
            *rp = n;
            return s;
        }
        n = 8 * n + r - '0';
        s += len;
    }
    if (n > 0377)
        error("char>0377");
    *rp = n;
    return s;
}

// The next rune of the expanded string, or -1 at its end.
long Spec::next()
{
    if (final >= 0) {
        if (last < final)
            return ++last;
        final = -1;
    }
    if (*cur == 0)
        return -1;
    Rune r;
    if (*cur == '-' && last >= 0 && cur[1]) {
        cur = getrune(cur + 1, &r);
        if ((long)r < last)
            error("Invalid range specification");
        if ((long)r > last) {
            final = r;
            return ++last;
        }
    }
    cur = getrune(cur, &r);
    last = r;
    return last;
}

char inbuf[4096], outbuf[4096];
long inpos, inend, outn;

void flush()
{
    if (outn > 0 && write(1, outbuf, outn) != outn)
        error("write error");
    outn = 0;
}

void putrune(long c)
{
    if (outn + UTFmax >= (long)sizeof outbuf)
        flush();
    Rune r = c;
    outn += runetochar(outbuf + outn, &r);
}

int seqlen(uchar c)
{
    if (c < 0xC0)
        return 1;
    return c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 1;
}

// The next input rune, or -1 at the end (a sequence cut short there is dropped).
long getinput()
{
    if (inend - inpos < UTFmax && inend - inpos < seqlen(inbuf[inpos])) {
        flush();
        memmove(inbuf, inbuf + inpos, inend - inpos);
        inend -= inpos;
        inpos = 0;
        for (;;) {
            long n = read(0, inbuf + inend, sizeof inbuf - 1 - inend);
            if (n < 0)
                error("read error");
            inend += n;
            if (n == 0 || inend >= seqlen(inbuf[0]))
                break;
        }
        if (inend == 0 || inend < seqlen(inbuf[0]))
            return -1;
    }
    char seq[UTFmax + 1] = {};
    memmove(seq, inbuf + inpos, inend - inpos < UTFmax ? inend - inpos : (long)UTFmax);
    Rune r;
    inpos += chartorune(&r, seq);
    return r;
}

// Copies the input through map, squeezing under -s. Runes above high become beyond, or
// stay as they are when beyond is negative.
void run(const Rune* map, long high, long beyond)
{
    long prev = Runemax + 1;
    for (long c; (c = getinput()) >= 0;) {
        if (c <= high)
            c = map[c];
        else if (beyond >= 0)
            c = beyond;
        if (sflag && c == prev && isset(tbits, c))
            continue;
        prev = c;
        putrune(c);
    }
    flush();
}

Rune* newmap(long high)
{
    Rune* p = (Rune*)malloc((high + 1) * sizeof(Rune));
    if (p == nullptr)
        error("can't allocate memory");
    return p;
}

void del()
{
    long c;
    if (cflag)
        memset(fbits, 0xFF, sizeof fbits);
    while ((c = from.next()) >= 0)
        cflag ? clear(fbits, c) : set(fbits, c);
    if (sflag)
        while ((c = to.next()) >= 0)
            set(tbits, c);
    long prev = Runemax + 1;
    while ((c = getinput()) >= 0)
        if (!isset(fbits, c) && (c != prev || !isset(tbits, c))) {
            prev = c;
            putrune(c);
        }
    flush();
}

void complement()
{
    long c, high = 0, t = -1, lastc = 0;
    while ((c = from.next()) >= 0) {
        high = c > high ? c : high;
        set(fbits, c);
    }
    while ((t = to.next()) > 0) {
        high = t > high ? t : high;
        set(tbits, t);
    }
    to.rewind();
    Rune* map = newmap(high);
    for (long i = 0; i <= high; i++) {
        if (isset(fbits, i)) {
            map[i] = i;
            continue;
        }
        if ((t = to.next()) < 0)
            t = lastc;
        else
            lastc = t;
        map[i] = t;
    }
    run(map, high, t);
}

void translit()
{
    long c, high = 0, lastc = 0;
    while ((c = from.next()) >= 0)
        high = c > high ? c : high;
    from.rewind();
    Rune* map = newmap(high);
    for (long i = 0; i <= high; i++)
        map[i] = i;
    while ((c = from.next()) >= 0) {
        long t = to.next();
        if (t < 0)
            t = lastc;
        else
            lastc = t;
        if (isset(fbits, c) && (long)map[c] != t)
            error("ambiguous translation");
        set(fbits, c);
        map[c] = t;
        set(tbits, t);
    }
    while ((c = to.next()) >= 0)
        set(tbits, c);
    run(map, high, -1);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "tr";
    ARGBEGIN {
    case 's':
        sflag = true;
        break;
    case 'd':
        dflag = true;
        break;
    case 'c':
        cflag = true;
        break;
    default:
        error("bad option");
    } ARGEND
    if (argc > 0)
        from.init(argv[0]);
    if (argc > 1)
        to.init(argv[1]);
    if (argc > 2)
        error("arg count");
    if (dflag) {
        if ((sflag && argc != 2) || (!sflag && argc != 1))
            error("arg count");
        del();
    } else {
        if (argc != 2)
            error("arg count");
        if (cflag)
            complement();
        else
            translit();
    }
    exits(nullptr);
}
