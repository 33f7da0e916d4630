// Exact conversions between IEEE doubles and decimal digits, the ground under strtod and
// print's %e %f %g. A double is m x 2^e, so its decimal value is finite and is computed
// exactly with a base-10^9 bignum (m x 2^e, or m x 5^-e shifted -e places). strtod takes
// a first guess in long double and then walks it one ulp at a time until the decimal
// input lies between the exact midpoints to its neighbours, so it is correctly rounded
// whatever the x87 precision control says. The shortest digits for a double are the
// fewest that strtod reads back as the same double (the form Plan 9's print rounds from).
#include "fltconv.h"

namespace {

constexpr uint Base = 1000000000;
constexpr int Maxlimbs = Decimal::Maxdigits / 9 + 2;

struct Big {
    uint limb[Maxlimbs];  // little-endian, base 10^9
    int n;
};

void big_mul(Big* b, uint k)
{
    uvlong carry = 0;
    for (int i = 0; i < b->n; i++) {
        uvlong v = (uvlong)b->limb[i] * k + carry;
        b->limb[i] = v % Base;
        carry = v / Base;
    }
    while (carry != 0 && b->n < Maxlimbs) {
        b->limb[b->n++] = carry % Base;
        carry /= Base;
    }
}

struct Bits {
    uvlong m;
    int e;
    int expfield;
};

Bits split(double x)
{
    uvlong u;
    memmove(&u, &x, sizeof u);
    Bits b;
    b.expfield = (u >> 52) & 0x7FF;
    b.m = u & ((1ULL << 52) - 1);
    if (b.expfield == 0) {
        b.e = -1074;
    } else {
        b.m |= 1ULL << 52;
        b.e = b.expfield - 1075;
    }
    return b;
}

// The next double away from zero (up) or towards it; x is not negative.
double step(double x, bool up)
{
    uvlong u;
    memmove(&u, &x, sizeof u);
    u += up ? 1 : -1;
    memmove(&x, &u, sizeof u);
    return x;
}

long double pow10(int n)
{
    long double r = 1, p = 10;
    for (; n > 0; n >>= 1, p *= p)
        if (n & 1)
            r *= p;
    return r;
}

// The double nearest to the (non-negative) decimal a, ties to even.
double decimal_to_double(const Decimal& a)
{
    if (a.n == 0 || a.exp < -330)
        return 0;
    if (a.exp > 310)
        return __builtin_inf();
    uvlong v = 0;
    int k = a.n < 19 ? a.n : 19;
    for (int i = 0; i < k; i++)
        v = v * 10 + (a.d[i] - '0');
    int p = a.exp - k;
    long double ld = v;
    ld = p >= 0 ? ld * pow10(p) : ld / pow10(-p);
    double x = ld;
    Decimal mid;
    for (int guard = 0; guard < 4096; guard++) {
        Bits b = split(x);
        if (b.expfield == 0x7FF)
            return x;
        decimal_exact(&mid, 2 * b.m + 1, b.e - 1);
        int c = decimal_cmp(a, mid);
        if (c > 0 || (c == 0 && (b.m & 1))) {
            x = step(x, true);
            if (c > 0)
                continue;
            return x;
        }
        if (b.m == 0)
            return x;
        if (b.m == 1ULL << 52 && b.expfield > 1)
            decimal_exact(&mid, 4 * b.m - 1, b.e - 2);
        else
            decimal_exact(&mid, 2 * b.m - 1, b.e - 1);
        c = decimal_cmp(a, mid);
        if (c < 0 || (c == 0 && (b.m & 1))) {
            x = step(x, false);
            if (c < 0)
                continue;
        }
        return x;
    }
    return x;
}

bool prefix(const char* s, const char* word)
{
    for (; *word; s++, word++)
        if ((*s | 0x20) != *word)
            return false;
    return true;
}

}  // namespace

void decimal_exact(Decimal* out, uvlong m, int e)
{
    Big b{};
    for (b.n = 0; m != 0; m /= Base)
        b.limb[b.n++] = m % Base;
    for (int k = e; k > 0; k -= 28)
        big_mul(&b, 1u << (k < 28 ? k : 28));
    for (int k = -e; k > 0; k -= 13) {
        uint f = 1;
        for (int i = 0; i < (k < 13 ? k : 13); i++)
            f *= 5;
        big_mul(&b, f);
    }
    out->n = 0;
    for (int i = b.n - 1; i >= 0; i--) {
        char buf[10];
        int len = snprint(buf, sizeof buf, i == b.n - 1 ? "%ud" : "%09ud", b.limb[i]);
        memmove(out->d + out->n, buf, len);
        out->n += len;
    }
    out->exp = e >= 0 ? out->n : out->n + e;
    while (out->n > 0 && out->d[out->n - 1] == '0')
        out->n--;
}

int decimal_cmp(const Decimal& a, const Decimal& b)
{
    if (a.n == 0 || b.n == 0)
        return (a.n != 0) - (b.n != 0);
    if (a.exp != b.exp)
        return a.exp < b.exp ? -1 : 1;
    for (int i = 0; i < a.n || i < b.n; i++) {
        char x = i < a.n ? a.d[i] : '0';
        char y = i < b.n ? b.d[i] : '0';
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

void decimal_round(Decimal* a, int n)
{
    if (a->n <= n)
        return;
    if (n < 0 || (n == 0 && a->d[0] < '5')) {
        a->n = 0;
        return;
    }
    bool up = a->d[n] >= '5';
    a->n = n;
    if (up) {
        int i = n - 1;
        while (i >= 0 && a->d[i] == '9')
            i--;
        if (i < 0) {
            a->d[0] = '1';
            a->n = 1;
            a->exp++;
            return;
        }
        a->d[i]++;
        a->n = i + 1;
    }
    while (a->n > 0 && a->d[a->n - 1] == '0')
        a->n--;
}

void decimal_shortest(Decimal* out, double x)
{
    if (x < 0)
        x = -x;
    Bits b = split(x);
    decimal_exact(out, b.m, b.e);
    for (int p = 1; p < 17 && out->n > p; p++) {
        Decimal t = *out;
        decimal_round(&t, p);
        if (decimal_to_double(t) == x) {
            *out = t;
            return;
        }
    }
    decimal_round(out, 17);
}

extern "C" {

double strtod(const char* s, char** end)
{
    const char* p = s;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
        p++;
    bool neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    if (prefix(p, "nan") || prefix(p, "inf")) {
        bool nan = (*p | 0x20) == 'n';
        p += prefix(p, "infinity") ? 8 : 3;
        if (end)
            *end = (char*)p;
        double v = nan ? __builtin_nan("") : __builtin_inf();
        return neg ? -v : v;
    }
    Decimal a{};
    a.n = 0;
    a.exp = 0;
    bool digits = false, point = false;
    for (;; p++) {
        if (*p == '.' && !point) {
            point = true;
            continue;
        }
        if (*p < '0' || *p > '9')
            break;
        digits = true;
        if (*p == '0' && a.n == 0) {
            if (point)
                a.exp--;
            continue;
        }
        if (a.n < Decimal::Maxdigits - 1)
            a.d[a.n++] = *p;
        else if (*p != '0' && a.d[a.n - 1] == '0')
            a.d[a.n - 1] = '1';  // sticky: the digits beyond make it more than it reads
        if (!point)
            a.exp++;
    }
    if (!digits) {
        if (end)
            *end = (char*)s;
        return 0;
    }
    if (*p == 'e' || *p == 'E') {
        const char* q = p + 1;
        bool eneg = *q == '-';
        if (*q == '-' || *q == '+')
            q++;
        if (*q >= '0' && *q <= '9') {
            int x = 0;
            for (; *q >= '0' && *q <= '9'; q++)
                x = x < 100000 ? x * 10 + (*q - '0') : x;
            a.exp += eneg ? -x : x;
            p = q;
        }
    }
    if (end)
        *end = (char*)p;
    while (a.n > 0 && a.d[a.n - 1] == '0')
        a.n--;
    double v = decimal_to_double(a);
    return neg ? -v : v;
}

double atof(const char* s)
{
    return strtod(s, nullptr);
}

}  // extern "C"
