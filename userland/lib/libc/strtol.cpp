// String to integer conversion. One unsigned 64-bit parser serves every width; the callers
// clamp to their range on overflow as C's strto* do. Base 0 means C's (and Plan 9 atoi's)
// prefixes: 0x hexadecimal, 0 octal, else decimal.
#include <climits>

#include "libc.h"

namespace {

int digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

// Parses the magnitude; *neg reports a minus sign, *over a value beyond uvlong.
uvlong parse(const char* s, char** end, int base, bool* neg, bool* over)
{
    const char* start = s;
    *neg = false;
    *over = false;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f')
        s++;
    if (*s == '-' || *s == '+')
        *neg = *s++ == '-';
    if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
        && digit(s[2]) < 16) {
        s += 2;
        base = 16;
    } else if (base == 0) {
        base = s[0] == '0' ? 8 : 10;
    }
    uvlong v = 0;
    const char* digits = s;
    if (base >= 2 && base <= 36) {
        for (int d; (d = digit(*s)) < base; s++) {
            if (v > (~0ULL - d) / base)
                *over = true;
            v = v * base + d;
        }
    }
    if (end != nullptr)
        *end = (char*)(s == digits ? start : s);
    return v;
}

// Clamps a signed result into [-max-1, max].
vlong clamp_signed(uvlong v, bool neg, bool over, uvlong max)
{
    if (neg)
        return over || v > max + 1 ? -(vlong)max - 1 : (vlong)(0 - v);
    return over || v > max ? (vlong)max : (vlong)v;
}

}  // namespace

extern "C" {

vlong strtoll(const char* s, char** end, int base)
{
    bool neg, over;
    uvlong v = parse(s, end, base, &neg, &over);
    return clamp_signed(v, neg, over, LLONG_MAX);
}

long strtol(const char* s, char** end, int base)
{
    bool neg, over;
    uvlong v = parse(s, end, base, &neg, &over);
    return (long)clamp_signed(v, neg, over, LONG_MAX);
}

uvlong strtoull(const char* s, char** end, int base)
{
    bool neg, over;
    uvlong v = parse(s, end, base, &neg, &over);
    if (over)
        return ULLONG_MAX;
    return neg ? 0 - v : v;
}

ulong strtoul(const char* s, char** end, int base)
{
    bool neg, over;
    uvlong v = parse(s, end, base, &neg, &over);
    if (over || v > ULONG_MAX)
        return ULONG_MAX;
    return neg ? 0 - (ulong)v : (ulong)v;
}

int atoi(const char* s)
{
    return (int)strtol(s, nullptr, 0);
}

long atol(const char* s)
{
    return strtol(s, nullptr, 0);
}

vlong atoll(const char* s)
{
    return strtoll(s, nullptr, 0);
}

}  // extern "C"
