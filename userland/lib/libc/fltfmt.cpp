// print's floating-point verbs %e %f %g (and %E %G) with flags - + space # 0, width and
// precision (default 6). As in Plan 9's print, a double is first turned into the shortest
// digits that read back as it, and those are rounded (halves away from zero) or padded
// with zeros: %.20f of 0.1 is 0.10000000000000000000 and %.1f of 0.25 is 0.3. %g drops
// trailing zeros unless # is given and switches to %e form when the exponent is below -4
// or not below the precision. Infinities print as Inf and NaN as NaN.
#include "fltconv.h"

namespace {

constexpr int Maxprec = 400;  // longer precisions only add zeros nobody can read

struct Out {
    char buf[Decimal::Maxdigits + Maxprec + 16];
    int n;
    void put(char c)
    {
        if (n < (int)sizeof buf - 1)
            buf[n++] = c;
    }
};

char digit(const Decimal& d, int i)
{
    return i >= 0 && i < d.n ? d.d[i] : '0';
}

// d is already rounded to prec+1 digits.
void estyle(Out* o, const Decimal& d, int prec, bool sharp, char e)
{
    o->put(digit(d, 0));
    if (prec > 0 || sharp)
        o->put('.');
    for (int i = 1; i <= prec; i++)
        o->put(digit(d, i));
    int x = d.n == 0 ? 0 : d.exp - 1;
    o->put(e);
    o->put(x < 0 ? '-' : '+');
    if (x < 0)
        x = -x;
    char buf[8];
    int n = snprint(buf, sizeof buf, "%.2d", x);
    for (int i = 0; i < n; i++)
        o->put(buf[i]);
}

// d is already rounded to prec places after the point.
void fstyle(Out* o, const Decimal& d, int prec, bool sharp)
{
    if (d.n == 0 || d.exp <= 0)
        o->put('0');
    else
        for (int i = 0; i < d.exp; i++)
            o->put(digit(d, i));
    if (prec > 0 || sharp)
        o->put('.');
    for (int i = 0; i < prec; i++)
        o->put(digit(d, d.exp + i));
}

void body(Out* o, double x, Rune verb, int prec, bool sharp)
{
    Decimal d;
    decimal_shortest(&d, x);
    bool upper = verb == 'E' || verb == 'G';
    if (verb == 'e' || verb == 'E') {
        decimal_round(&d, prec + 1);
        estyle(o, d, prec, sharp, upper ? 'E' : 'e');
        return;
    }
    if (verb == 'f') {
        decimal_round(&d, d.exp + prec);
        fstyle(o, d, prec, sharp);
        return;
    }
    int p = prec == 0 ? 1 : prec;
    decimal_round(&d, p);
    int x10 = d.n == 0 ? 0 : d.exp - 1;
    bool e = x10 < -4 || x10 >= p;
    if (e)
        estyle(o, d, p - 1, sharp, upper ? 'E' : 'e');
    else
        fstyle(o, d, p - 1 - x10, sharp);
    if (sharp || memchr(o->buf, '.', o->n) == nullptr)
        return;
    int end = o->n;
    if (e)
        while (o->buf[end - 1] != 'e' && o->buf[end - 1] != 'E')
            end--;
    int cut = e ? end - 1 : end;
    int keep = cut;
    while (o->buf[keep - 1] == '0')
        keep--;
    if (o->buf[keep - 1] == '.')
        keep--;
    memmove(o->buf + keep, o->buf + cut, o->n - cut);
    o->n -= cut - keep;
}

}  // namespace

int fmt_float(Fmt* f)
{
    double x = va_arg(f->args, double);
    int prec = (f->flags & FmtPrec) ? f->prec : 6;
    if (prec > Maxprec)
        prec = Maxprec;
    char sign = 0;
    if (x < 0)
        sign = '-';
    else if (f->flags & FmtSign)
        sign = '+';
    else if (f->flags & FmtSpace)
        sign = ' ';
    Out o{};
    bool zero = (f->flags & FmtZero) && !(f->flags & FmtLeft);
    if (x != x) {
        sign = 0;
        zero = false;
        memmove(o.buf, "NaN", o.n = 3);
    } else if (x - x != x - x) {
        zero = false;
        memmove(o.buf, "Inf", o.n = 3);
    } else {
        body(&o, x, f->r, prec, f->flags & FmtSharp);
    }
    int len = o.n + (sign != 0);
    int padn = (f->flags & FmtWidth) && f->width > len ? f->width - len : 0;
    char* s = (char*)malloc(len + padn + 1);
    if (s == nullptr)
        return -1;
    char* p = s;
    if (!zero && !(f->flags & FmtLeft))
        p = (char*)memset(p, ' ', padn) + padn;
    if (sign)
        *p++ = sign;
    if (zero)
        p = (char*)memset(p, '0', padn) + padn;
    p = (char*)memmove(p, o.buf, o.n) + o.n;
    if (f->flags & FmtLeft)
        p = (char*)memset(p, ' ', padn) + padn;
    *p = 0;
    f->flags = 0;
    int r = fmtstrcpy(f, s);
    free(s);
    return r;
}
