// libc's conversions between doubles and decimal digit strings (fltconv.cpp), used by
// strtod and by the floating-point verbs of print (fltfmt.cpp). A Decimal is the value
// 0.d[0]d[1]...d[n-1] x 10^exp with no leading or trailing zero digits; zero has n == 0.
#pragma once

#include "libc.h"

struct Decimal {
    static constexpr int Maxdigits = 800;  // enough for any double written out exactly
    char d[Maxdigits];  // ASCII digits
    int n;
    int exp;
};

// The exact decimal value of m x 2^e (m < 2^64).
void decimal_exact(Decimal* out, uvlong m, int e);

// The shortest digits that read back (by strtod) as |x|, for finite x.
void decimal_shortest(Decimal* out, double x);

// <0, 0, >0 as a < b, a == b, a > b.
int decimal_cmp(const Decimal& a, const Decimal& b);

// Rounds to at most n digits, halves away from zero, as Plan 9's print does. n may be
// zero or negative (rounding to a power of ten above the first digit).
void decimal_round(Decimal* a, int n);

// The verb function of %e %f %g %E %G (fltfmt.cpp).
int fmt_float(Fmt* f);
