// Broken-down times and their text (Plan 9's ctime(2)), in GMT only: Myrmex has no time
// zones yet, so localtime is gmtime and every zone printed is GMT. Dates follow the proleptic Gregorian calendar in
// both directions from the epoch (1970-01-01, a Thursday). A Tm handed in by the caller
// may hold anything: out-of-range fields are folded into range, never used as indexes.
#include "libc.h"

namespace {

constexpr vlong Day = 24 * 60 * 60;
constexpr vlong Y2k = 10957;  // days from the epoch to 2000-01-01, which starts a 400-year cycle
constexpr vlong Cycle = 146097;  // days in 400 Gregorian years

const char Wdays[] = "SunMonTueWedThuFriSat";
const char Months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
constexpr int Mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Division and remainder rounding toward minus infinity, for times before the epoch.
vlong floordiv(vlong a, vlong b)
{
    vlong q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

vlong floormod(vlong a, vlong b)
{
    return a - floordiv(a, b) * b;
}

bool leap(vlong y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int monthdays(vlong y, int m)
{
    return Mdays[m] + (m == 1 && leap(y));
}

// leaps(b) - leaps(a) is the number of leap years in a+1..b, for any a <= b.
vlong leaps(vlong y)
{
    return floordiv(y, 4) - floordiv(y, 100) + floordiv(y, 400);
}

// Days from the epoch to January 1 of year y.
vlong yeardays(vlong y)
{
    return 365 * (y - 1970) + leaps(y - 1) - leaps(1969);
}

// Writes the decimal n (which may be negative) at p and returns the end.
char* putnum(char* p, vlong n)
{
    char tmp[24];
    int i = 0;
    uvlong u = n < 0 ? 0 - (uvlong)n : (uvlong)n;
    do
        tmp[i++] = char('0' + u % 10);
    while ((u /= 10) != 0);
    if (n < 0)
        *p++ = '-';
    while (i > 0)
        *p++ = tmp[--i];
    return p;
}

// Two digits at p, padded with pad.
char* put2(char* p, int n, char pad)
{
    p[0] = n >= 10 ? char('0' + n / 10 % 10) : pad;
    p[1] = char('0' + n % 10);
    return p + 2;
}

char* put3(char* p, const char* names, vlong i, vlong n)
{
    memmove(p, names + 3 * floormod(i, n), 3);
    return p + 3;
}

Tm tm;
char text[40];  // "Wed Aug  5 01:07:47 GMT 1973\n" with room for any year

}  // namespace

extern "C" {

Tm* gmtime(long t)
{
    vlong days = floordiv(t, Day);
    vlong secs = t - days * Day;
    tm.hour = int(secs / 3600);
    tm.min = int(secs / 60 % 60);
    tm.sec = int(secs % 60);
    tm.wday = int(floormod(days + 4, 7));

    // Whole 400-year cycles from 2000 first, so the year loop below runs at most 400 times.
    vlong d = days - Y2k;
    vlong cycles = floordiv(d, Cycle);
    d -= cycles * Cycle;
    vlong y = 2000 + 400 * cycles;
    while (d >= 365 + leap(y)) {
        d -= 365 + leap(y);
        y++;
    }
    tm.year = int(y - 1900);
    tm.yday = int(d);
    int m = 0;
    while (d >= monthdays(y, m)) {
        d -= monthdays(y, m);
        m++;
    }
    tm.mon = m;
    tm.mday = int(d) + 1;
    memmove(tm.zone, "GMT", 4);
    tm.tzoff = 0;
    return &tm;
}

Tm* localtime(long t)
{
    return gmtime(t);
}

char* asctime(const Tm* t)
{
    char* p = text;
    p = put3(p, Wdays, t->wday, 7);
    *p++ = ' ';
    p = put3(p, Months, t->mon, 12);
    *p++ = ' ';
    p = put2(p, int(floormod(t->mday, 100)), ' ');
    *p++ = ' ';
    p = put2(p, int(floormod(t->hour, 100)), '0');
    *p++ = ':';
    p = put2(p, int(floormod(t->min, 100)), '0');
    *p++ = ':';
    p = put2(p, int(floormod(t->sec, 100)), '0');
    *p++ = ' ';
    memmove(p, "GMT", 3);
    p += 3;
    *p++ = ' ';
    p = putnum(p, vlong(t->year) + 1900);
    *p++ = '\n';
    *p = 0;
    return text;
}

char* ctime(long t)
{
    return asctime(localtime(t));
}

// Months beyond 0..11 carry into the year; the other fields simply add up, so a day 0
// is the last of the month before and 25:00 is 01:00 the next day.
long tm2sec(const Tm* t)
{
    vlong y = vlong(t->year) + 1900 + floordiv(t->mon, 12);
    int m = int(floormod(t->mon, 12));
    vlong days = yeardays(y) + t->mday - 1;
    for (int i = 0; i < m; i++)
        days += monthdays(y, i);
    return long(days * Day + vlong(t->hour) * 3600 + vlong(t->min) * 60 + t->sec);
}

}  // extern "C"
