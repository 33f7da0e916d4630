// Keys of sort(1), as Plan 9's sort builds them: every field's key ends in a 0 byte (0xFF
// when reversed) so that a shorter field sorts first. A number becomes a sign byte (0x10
// negative, 0x20 zero, 0x30 positive), a two-byte decimal exponent biased by 0x4040, its
// significant digits and the end byte; a negative (or reversed) one is complemented so
// the byte order is the numeric order. A month is its ordinal plus 10 (9 for none).
// Mapped keys translate bytes through the field's table, which drops what -d -i -w ignore
// and folds what -f folds; runes beyond Latin-1 pass whole unless -d or -i drop them.
#include "sortkey.h"

namespace {

// lower case, upper case, the letter both fold to
const uchar latin[][3] = {
    {0xE0, 0xC0, 'A'}, {0xE1, 0xC1, 'A'}, {0xE2, 0xC2, 'A'}, {0xE4, 0xC4, 'A'},
    {0xE3, 0xC3, 'A'}, {0xE5, 0xC5, 'A'}, {0xE8, 0xC8, 'E'}, {0xE9, 0xC9, 'E'},
    {0xEA, 0xCA, 'E'}, {0xEB, 0xCB, 'E'}, {0xEC, 0xCC, 'I'}, {0xED, 0xCD, 'I'},
    {0xEE, 0xCE, 'I'}, {0xEF, 0xCF, 'I'}, {0xF2, 0xD2, 'O'}, {0xF3, 0xD3, 'O'},
    {0xF4, 0xD4, 'O'}, {0xF6, 0xD6, 'O'}, {0xF5, 0xD5, 'O'}, {0xF8, 0xD8, 'O'},
    {0xF9, 0xD9, 'U'}, {0xFA, 0xDA, 'U'}, {0xFB, 0xDB, 'U'}, {0xFC, 0xDC, 'U'},
    {0xE6, 0xC6, 'A'}, {0xF0, 0xD0, 'D'}, {0xF1, 0xD1, 'N'}, {0xFD, 0xDD, 'Y'},
    {0xE7, 0xC7, 'C'},
};

const char* const months[12] = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
};

int latinfold(int c)
{
    for (const auto& l : latin)
        if (c == l[0] || c == l[1])
            return l[2];
    return -1;
}

bool blank(int c)
{
    return c == ' ' || c == '\t';
}

void mapmonth(Field* f)
{
    for (int i = 0; i < 256; i++) {
        int c = 1;
        if (blank(i))
            c = 0;
        else if (i >= 'a' && i <= 'z')
            c = i - 'a' + 'A';
        else if (i >= 'A' && i <= 'Z')
            c = i;
        f->mapto[i] = c;
    }
}

void mapbytes(Field* f)
{
    for (int i = 0; i < 256; i++) {
        int c = i;
        if ((f->flags & Iflag) && (c < 040 || c > 0176))
            c = -1;
        if ((f->flags & Wflag) && blank(c))
            c = -1;
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if ((f->flags & Dflag) && c >= 0 && !blank(c) && !alnum && latinfold(c) < 0)
            c = -1;
        if ((f->flags & Fflag) && c >= 0) {
            if (c >= 'a' && c <= 'z')
                c += 'A' - 'a';
            if (latinfold(c) >= 0)
                c = latinfold(c);
        }
        if ((f->flags & Rflag) && c >= 0 && i > 0 && i < Runeself)
            c = ~c & 0xFF;
        f->mapto[i] = c < 0 ? 0 : c;
    }
}

// Where a position m.n starts in line (which ends in '\n'), or nil for its end. An end
// position stops at the separator ending field m rather than after it.
const char* skip(const char* l, int n1, int n2, bool skipblanks, bool endfield, Rune tab)
{
    if (endfield && n1 < 0)
        return nullptr;
    Rune c;
    const char* at = l;  // where c is
    const char* p = l + chartorune(&c, l);
    auto advance = [&] {
        at = p;
        p += chartorune(&c, p);
    };
    for (int i = n1; i > 0; i--) {
        if (tab != 0) {
            while (c != tab) {
                if (c == '\n')
                    return nullptr;
                advance();
            }
            if (!(endfield && i == 1))
                advance();
        } else {
            while (blank(c))
                advance();
            while (!blank(c)) {
                if (c == '\n')
                    return nullptr;
                advance();
            }
        }
    }
    if (skipblanks)
        while (blank(c))
            advance();
    p = at;
    for (int i = n2; i > 0; i--) {
        if (*p == '\n')
            return nullptr;
        p += chartorune(&c, p);
    }
    return p;
}

long plainkey(uchar* k, const uchar* p, const uchar* e, bool rev)
{
    long n = 0;
    for (; p < e; p++)
        k[n++] = rev ? ~*p : *p;
    k[n++] = rev ? 0xFF : 0;
    return n;
}

// Reads [sign] digits [. digits] [e [sign] digits] (the exponent only under -g), with
// blanks before the sign; the first other byte ends the number.
long numberkey(uchar* key, const uchar* p, const uchar* e, bool rev, bool exponents)
{
    enum { Start, Sign, Zero, Digit, Point, Fract, Zerofract, Exp, Expsign, Expdigit };
    int state = Start;
    long n = 3;  // room for the sign and exponent bytes
    int nzero = 0;  // trailing zeros among the digits
    int dp = 0x4040;  // the decimal exponent
    int exp = 0;
    bool expneg = false;
    auto digit = [&](uchar c) {
        key[n++] = rev ? ~c : c;
    };
    for (; p < e; p++) {
        uchar c = *p;
        if (blank(c) && (state == Start || state == Sign))
            continue;
        if ((c == '+' || c == '-') && state == Start) {
            state = Sign;
            rev ^= c == '-';
            continue;
        }
        if ((c == '+' || c == '-') && state == Exp) {
            state = Expsign;
            expneg = c == '-';
            continue;
        }
        if (c >= '0' && c <= '9' && (state == Exp || state == Expsign || state == Expdigit)) {
            exp = exp < 10000 ? exp * 10 + c - '0' : exp;
            state = Expdigit;
            continue;
        }
        if (c == '0' && (state == Start || state == Sign || state == Zero)) {
            state = Zero;
            continue;
        }
        if (c == '0' && (state == Point || state == Zerofract)) {
            dp--;
            state = Zerofract;
            continue;
        }
        if (c >= '0' && c <= '9' && state != Fract && state != Point && state != Zerofract) {
            digit(c);
            nzero = c == '0' ? nzero + 1 : 0;
            dp++;
            state = Digit;
            continue;
        }
        if (c >= '0' && c <= '9') {
            digit(c);
            nzero = c == '0' ? nzero + 1 : 0;
            state = Fract;
            continue;
        }
        if (c == '.' && (state == Start || state == Sign || state == Zero || state == Digit)) {
            state = state == Digit ? Fract : state == Zero ? Zerofract : Point;
            continue;
        }
        if (exponents && (c == 'e' || c == 'E') && (state == Digit || state == Fract)) {
            state = Exp;
            continue;
        }
        break;
    }
    if (state == Start || state == Sign || state == Zero || state == Zerofract || state == Point) {
        key[0] = 0x20;  // zero: between the negatives and the positives
        key[1] = 0;
        return 2;
    }
    if (state == Exp || state == Expsign || state == Expdigit)
        dp += expneg ? -exp : exp;
    n -= nzero;
    key[n++] = rev ? 0xFF : 0;
    key[0] = rev ? 0x10 : 0x30;
    if (rev)
        dp = ~dp;
    key[1] = dp >> 8;
    key[2] = dp;
    return n;
}

long monthkey(uchar* k, const char* p, const char* e, const Field& f)
{
    bool rev = f.flags & Rflag;
    long n = 0;
    Rune place[3];
    int np = 0;
    while (p < e) {
        Rune c;
        p += chartorune(&c, p);
        if (c < 256 && (c = f.mapto[c]) == 0)
            continue;
        place[np++] = c;
        if (np < 3)
            continue;
        int m = 11;
        for (; m >= 0; m--)
            if (place[0] == (uchar)months[m][0] && place[1] == (uchar)months[m][1]
                && place[2] == (uchar)months[m][2])
                break;
        k[n++] = rev ? ~(m + 10) : m + 10;
        break;
    }
    k[n++] = rev ? 0xFF : 0;
    return n;
}

long mappedkey(uchar* k, const char* p, const char* e, const Field& f)
{
    bool rev = f.flags & Rflag;
    long n = 0;
    while (p < e) {
        Rune c;
        if ((uchar)*p < Runeself)
            c = (uchar)*p++;
        else
            p += chartorune(&c, p);
        if (c != 0 && c < Runeself) {
            if (f.mapto[c] != 0)
                k[n++] = f.mapto[c];
            continue;
        }
        if (c != 0 && c < 256) {
            if ((c = f.mapto[c]) == 0)
                continue;
        } else if (f.mapto[255] == 0) {
            continue;
        }
        int len = runetochar((char*)k + n, &c);
        for (int i = 0; rev && i < len; i++)
            k[n + i] = ~k[n + i];
        n += len;
    }
    k[n++] = rev ? 0xFF : 0;
    return n;
}

}  // namespace

bool setkind(Field* f)
{
    ulong fl = f->flags & ~(Bflag | B1flag);
    if (fl == 0)
        f->kind = Kind::Plain;
    else if (fl == Rflag)
        f->kind = Kind::Reverse;
    else if ((fl & (Gflag | Nflag)) && !(fl & ~(Gflag | Nflag | Rflag)))
        f->kind = Kind::Number;
    else if ((fl & ~Rflag) == Mflag)
        f->kind = Kind::Month, mapmonth(f);
    else if ((fl & (Dflag | Fflag | Iflag | Wflag)) && !(fl & ~(Dflag | Fflag | Iflag | Rflag | Wflag)))
        f->kind = Kind::Mapped, mapbytes(f);
    else
        return false;
    return true;
}

long keyroom(long len)
{
    return 3 * len + 8;
}

long makekey(uchar* key, const char* line, long len, const Field& f, bool whole, Rune tab)
{
    const char* p = line;
    const char* e = line + len;
    if (!whole) {
        p = skip(line, f.beg1, f.beg2, f.flags & B1flag, false, tab);
        e = skip(line, f.end1, f.end2, f.flags & Bflag, true, tab);
        if (p == nullptr)
            p = line + len;
        if (e == nullptr)
            e = line + len;
    }
    if (e < p)
        e = p;
    switch (f.kind) {
    case Kind::Plain:
        return plainkey(key, (const uchar*)p, (const uchar*)e, false);
    case Kind::Reverse:
        return plainkey(key, (const uchar*)p, (const uchar*)e, true);
    case Kind::Number:
        return numberkey(key, (const uchar*)p, (const uchar*)e, f.flags & Rflag, f.flags & Gflag);
    case Kind::Month:
        return monthkey(key, p, e, f);
    case Kind::Mapped:
        return mappedkey(key, p, e, f);
    }
    return 0;
}
