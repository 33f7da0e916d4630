// The formatting engine of Plan 9's fmt(2): dofmt walks a format, handing each conversion
// to a verb function that writes through the Fmt's buffer; the buffer's flush function
// decides where the bytes go (a file, a fixed string, a growing string: see print.cpp).
// Built-in verbs: d i u o x X b p c C s q r %, and e f g E G (fltfmt.cpp); flags - + space # 0 u h l (hh, ll), width,
// .precision and * for either. u before an integer verb is Plan 9's flag (%ud, %lux),
// anywhere else it is ANSI's verb. Widths and precisions of strings count runes, not bytes.
// o u x X b p convert unsigned, as in ANSI C; %p is bare hex as in Plan 9 (%#p adds 0x).
// Verbs installed with fmtinstall are looked up before the built-in ones.
#include <climits>

#include "fltconv.h"

namespace {

struct Verb {
    Rune r;
    int (*f)(Fmt*);
};

constexpr int Maxverbs = 32;
// Installing is locked against other installers; lookups take no lock: an entry is
// complete before ninstalled counts it, and a replaced function is one word.
Lock installlock;
Verb installed[Maxverbs];
int ninstalled;

// Appends n bytes, flushing whenever the buffer fills; -1 once the flush gives up.
int put(Fmt* f, const char* s, usize n)
{
    while (n > 0) {
        if (f->to >= f->stop && (f->flush == nullptr || !f->flush(f) || f->to >= f->stop))
            return -1;
        usize m = f->stop - f->to;
        if (m > n)
            m = n;
        memmove(f->to, s, m);
        f->to += m;
        f->nfmt += m;
        s += m;
        n -= m;
    }
    return 0;
}

int pad(Fmt* f, int n, char c)
{
    char buf[16];
    memset(buf, c, sizeof buf);
    for (; n > 0; n -= sizeof buf)
        if (put(f, buf, n < (int)sizeof buf ? n : sizeof buf) < 0)
            return -1;
    return 0;
}

// Writes bytes that show as `runes` characters, padded with blanks to the field width.
int padded(Fmt* f, const char* s, usize bytes, int runes)
{
    int w = (f->flags & FmtWidth) ? f->width - runes : 0;
    if (!(f->flags & FmtLeft) && pad(f, w, ' ') < 0)
        return -1;
    if (put(f, s, bytes) < 0)
        return -1;
    if ((f->flags & FmtLeft) && pad(f, w, ' ') < 0)
        return -1;
    return 0;
}

// Writes the string s, cut to the precision in runes.
int copy(Fmt* f, const char* s)
{
    usize bytes = 0;
    int runes = 0;
    Rune r;
    while (s[bytes] && (!(f->flags & FmtPrec) || runes < f->prec)) {
        bytes += chartorune(&r, s + bytes);
        runes++;
    }
    return padded(f, s, bytes, runes);
}

// Fetches the next integer argument as a magnitude and a sign, honouring h, hh, l and ll.
uvlong fetch(Fmt* f, ulong fl, bool* neg)
{
    *neg = false;
    if (fl & FmtUnsigned) {
        if (fl & FmtVLong)
            return va_arg(f->args, uvlong);
        if (fl & FmtLong)
            return va_arg(f->args, ulong);
        uint u = va_arg(f->args, uint);
        if (fl & FmtByte)
            return (uchar)u;
        if (fl & FmtShort)
            return (ushort)u;
        return u;
    }
    vlong v;
    if (fl & FmtVLong) {
        v = va_arg(f->args, vlong);
    } else if (fl & FmtLong) {
        v = va_arg(f->args, long);
    } else {
        int i = va_arg(f->args, int);
        v = (fl & FmtByte) ? (signed char)i : (fl & FmtShort) ? (short)i : i;
    }
    *neg = v < 0;
    return *neg ? 0 - (uvlong)v : (uvlong)v;
}

int fmt_int(Fmt* f)
{
    ulong fl = f->flags;
    uint base = 10;
    const char* digits = "0123456789abcdef";
    switch (f->r) {
    case 'o':
        base = 8;
        break;
    case 'b':
        base = 2;
        break;
    case 'X':
        digits = "0123456789ABCDEF";
        [[fallthrough]];
    case 'x':
    case 'p':
        base = 16;
        break;
    }
    if (f->r != 'd' && f->r != 'i') {
        fl |= FmtUnsigned;
        fl &= ~(FmtSign | FmtSpace);
    }
    bool neg;
    uvlong v;
    if (f->r == 'p')
        neg = false, v = (uintptr)va_arg(f->args, void*);
    else
        v = fetch(f, fl, &neg);

    char buf[64];  // 64 binary digits at most
    char* p = buf + sizeof buf;
    for (; v != 0; v /= base)
        *--p = digits[v % base];
    if (p == buf + sizeof buf) {
        // ANSI: zero with precision 0 prints no digits, except that %#o always shows a 0.
        if (!(fl & FmtPrec) || f->prec != 0 || (base == 8 && (fl & FmtSharp)))
            *--p = '0';
        if (base == 16)
            fl &= ~FmtSharp;  // zero gets no 0x
    }
    int ndigits = buf + sizeof buf - p;
    int zeros = (fl & FmtPrec) && f->prec > ndigits ? f->prec - ndigits : 0;

    char prefix[3];
    int nprefix = 0;
    if (neg)
        prefix[nprefix++] = '-';
    else if (fl & FmtSign)
        prefix[nprefix++] = '+';
    else if (fl & FmtSpace)
        prefix[nprefix++] = ' ';
    if ((fl & FmtSharp) && base == 16) {
        prefix[nprefix++] = '0';
        prefix[nprefix++] = f->r == 'X' ? 'X' : 'x';
    } else if ((fl & FmtSharp) && base == 8 && zeros == 0 && *p != '0') {
        prefix[nprefix++] = '0';
    }

    int len = nprefix + zeros + ndigits;
    if ((fl & (FmtZero | FmtWidth)) == (FmtZero | FmtWidth) && !(fl & (FmtLeft | FmtPrec))
        && f->width > len) {
        zeros += f->width - len;
        len = f->width;
    }
    int w = (fl & FmtWidth) ? f->width - len : 0;
    if (!(fl & FmtLeft) && pad(f, w, ' ') < 0)
        return -1;
    if (put(f, prefix, nprefix) < 0 || pad(f, zeros, '0') < 0 || put(f, p, ndigits) < 0)
        return -1;
    if ((fl & FmtLeft) && pad(f, w, ' ') < 0)
        return -1;
    return 0;
}

int fmt_rune(Fmt* f)
{
    char buf[UTFmax];
    Rune r = va_arg(f->args, int);
    return padded(f, buf, runetochar(buf, &r), 1);
}

int fmt_string(Fmt* f)
{
    const char* s = va_arg(f->args, const char*);
    return copy(f, s != nullptr ? s : "<nil>");
}

// %q: quotes the string rc-style when it is empty or holds blanks, controls or quotes
// (always with #), doubling each quote inside. The precision does not apply to %q.
int fmt_quote(Fmt* f)
{
    const char* s = va_arg(f->args, const char*);
    if (s == nullptr)
        return copy(f, "<nil>");
    bool quote = *s == 0 || (f->flags & FmtSharp);
    int runes = 0;
    int quotes = 0;
    Rune r;
    for (const char* p = s; *p; runes++) {
        p += chartorune(&r, p);
        quote |= r <= ' ' || r == '\'';
        quotes += r == '\'';
    }
    if (!quote)
        return padded(f, s, strlen(s), runes);
    int w = (f->flags & FmtWidth) ? f->width - (runes + quotes + 2) : 0;
    if (!(f->flags & FmtLeft) && pad(f, w, ' ') < 0)
        return -1;
    if (put(f, "'", 1) < 0)
        return -1;
    for (const char* q; (q = strchr(s, '\'')) != nullptr; s = q + 1)
        if (put(f, s, q - s) < 0 || put(f, "''", 2) < 0)
            return -1;
    if (put(f, s, strlen(s)) < 0 || put(f, "'", 1) < 0)
        return -1;
    if ((f->flags & FmtLeft) && pad(f, w, ' ') < 0)
        return -1;
    return 0;
}

int fmt_errstr(Fmt* f)
{
    char buf[ERRMAX];
    rerrstr(buf, sizeof buf);
    return copy(f, buf);
}

// Flags return 1: the conversion goes on with the next character.
int fmt_flag(Fmt* f)
{
    switch (f->r) {
    case '-':
        f->flags |= FmtLeft;
        break;
    case '+':
        f->flags |= FmtSign;
        break;
    case ' ':
        f->flags |= FmtSpace;
        break;
    case '#':
        f->flags |= FmtSharp;
        break;
    case 'u':
        f->flags |= FmtUnsigned;
        break;
    case 'h':
        f->flags |= (f->flags & FmtShort) ? FmtByte : FmtShort;
        break;
    case 'l':
        f->flags |= (f->flags & FmtLong) ? FmtVLong : FmtLong;
        break;
    }
    return 1;
}

// An unknown verb prints as %verb% so the mistake shows in the output.
int fmt_bad(Fmt* f)
{
    char buf[2 + UTFmax];
    buf[0] = '%';
    int n = 1 + runetochar(buf + 1, &f->r);
    buf[n++] = '%';
    return put(f, buf, n);
}

int fmt_verb(Fmt* f)
{
    int n = __atomic_load_n(&ninstalled, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n; i++)
        if (installed[i].r == f->r)
            return __atomic_load_n(&installed[i].f, __ATOMIC_RELAXED)(f);
    switch (f->r) {
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
    case 'b':
    case 'p':
        return fmt_int(f);
    case 'c':
    case 'C':
        return fmt_rune(f);
    case 'e':
    case 'f':
    case 'g':
    case 'E':
    case 'G':
        return fmt_float(f);
    case 's':
        return fmt_string(f);
    case 'q':
        return fmt_quote(f);
    case 'r':
        return fmt_errstr(f);
    case '%':
        return padded(f, "%", 1, 1);
    case '-':
    case '+':
    case ' ':
    case '#':
    case 'h':
    case 'l':
        return fmt_flag(f);
    }
    return fmt_bad(f);
}

// Parses the width, precision and flags of one conversion and runs its verb; *fmt is just
// past the '%'. Returns -1 on error.
int conversion(Fmt* f, const char** fmt)
{
    f->flags = 0;
    f->width = 0;
    f->prec = 0;
    for (;;) {
        Rune r;
        int n = chartorune(&r, *fmt);
        if (r == 0)
            return 0;  // a trailing % prints nothing
        *fmt += n;
        f->r = r;
        if (r >= '0' && r <= '9') {
            int d = r - '0';
            if (f->flags & FmtPrec)
                f->prec = f->prec < 100000 ? f->prec * 10 + d : f->prec;
            else if (d == 0 && !(f->flags & FmtWidth))
                f->flags |= FmtZero;
            else {
                f->width = f->width < 100000 ? f->width * 10 + d : f->width;
                f->flags |= FmtWidth;
            }
        } else if (r == '.') {
            f->flags |= FmtPrec;
            f->prec = 0;
        } else if (r == '*') {
            int i = va_arg(f->args, int);
            if (f->flags & FmtPrec) {
                if (i < 0)
                    f->flags &= ~FmtPrec;
                f->prec = i;
            } else {
                if (i < 0) {
                    f->flags |= FmtLeft;
                    i = i == INT_MIN ? 0 : -i;
                }
                f->width = i;
                f->flags |= FmtWidth;
            }
        } else if (r == 'u' && **fmt != 0 && strchr("dioxXb", **fmt) != nullptr) {
            fmt_flag(f);  // Plan 9's %ud, %lux: u is a flag before an integer verb
        } else if ((n = fmt_verb(f)) <= 0) {
            return n;
        }
    }
}

}  // namespace

extern "C" {

int dofmt(Fmt* f, const char* fmt)
{
    int start = f->nfmt;
    for (;;) {
        const char* lit = fmt;
        while (*fmt && *fmt != '%')
            fmt++;
        if (put(f, lit, fmt - lit) < 0)
            return -1;
        if (*fmt == 0)
            return f->nfmt - start;
        fmt++;
        if (conversion(f, &fmt) < 0)
            return -1;
    }
}

int fmtinstall(int c, int (*fn)(Fmt*))
{
    if (c <= 0 || c > Runemax || fn == nullptr)
        return -1;
    lock(&installlock);
    int r = 0;
    int i = 0;
    while (i < ninstalled && installed[i].r != (Rune)c)
        i++;
    if (i < ninstalled)
        __atomic_store_n(&installed[i].f, fn, __ATOMIC_RELAXED);
    else if (ninstalled == Maxverbs)
        r = -1;
    else {
        installed[i] = Verb{(Rune)c, fn};
        __atomic_store_n(&ninstalled, i + 1, __ATOMIC_RELEASE);
    }
    unlock(&installlock);
    return r;
}

int fmtvprint(Fmt* f, const char* fmt, va_list args)
{
    va_list outer;
    va_copy(outer, f->args);
    va_end(f->args);
    va_copy(f->args, args);
    int n = dofmt(f, fmt);
    va_end(f->args);
    va_copy(f->args, outer);
    va_end(outer);
    f->flags = 0;
    f->width = 0;
    f->prec = 0;
    return n < 0 ? -1 : 0;
}

int fmtprint(Fmt* f, const char* fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int n = fmtvprint(f, fmt, args);
    va_end(args);
    return n;
}

int fmtstrcpy(Fmt* f, const char* s)
{
    return copy(f, s != nullptr ? s : "<nil>");
}

}  // extern "C"
