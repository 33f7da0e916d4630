// The MC146818 CMOS real-time clock: whole seconds since the epoch, read at boot to set
// the kernel's clock and served as #r/rtc.
#include "io.h"
#include "pc/pc.h"
#include "port/lib.h"

namespace {

uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

void cmos_put(uint8_t reg, uint8_t v)
{
    outb(0x70, reg);
    outb(0x71, v);
}

int bcd(int v, bool binary) { return binary ? v : (v >> 4) * 10 + (v & 15); }
int tobcd(int v, bool binary) { return binary ? v : (v / 10) << 4 | v % 10; }

// Days from 1970-01-01 to y-m-d (proleptic Gregorian).
int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil {
    int y, m, d;
};

Civil civil_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return Civil { static_cast<int>(yoe + era * 400) + (m <= 2), m, d };
}

}  // namespace

uint64_t rtc_read()
{
    for (int i = 0; i < 1000000 && (cmos(0x0A) & 0x80); i++)  // wait out an update
        ;
    bool binary = cmos(0x0B) & 0x04;
    int sec = bcd(cmos(0x00), binary), min = bcd(cmos(0x02), binary);
    int hour = bcd(cmos(0x04) & 0x7F, binary), day = bcd(cmos(0x07), binary);
    int mon = bcd(cmos(0x08), binary), year = bcd(cmos(0x09), binary);
    year += year < 70 ? 2000 : 1900;
    if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60)
        return 0;  // no clock, or a nonsensical one: start at the epoch
    return static_cast<uint64_t>(days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec);
}

void rtc_write(uint64_t secs)
{
    bool binary = cmos(0x0B) & 0x04;
    Civil c = civil_from_days(static_cast<int64_t>(secs / 86400));
    int s = static_cast<int>(secs % 86400);
    cmos_put(0x00, tobcd(s % 60, binary));
    cmos_put(0x02, tobcd(s / 60 % 60, binary));
    cmos_put(0x04, tobcd(s / 3600, binary));
    cmos_put(0x07, tobcd(c.d, binary));
    cmos_put(0x08, tobcd(c.m, binary));
    cmos_put(0x09, tobcd(c.y % 100, binary));
}
