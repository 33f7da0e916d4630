// ctime(2) for GMT: known dates in Plan 9's text, agreement with the host's gmtime over
// the whole 32-bit range and far beyond, tm2sec as gmtime's inverse, and the folding of
// out-of-range fields.
#include "shim.h"
#include <catch2/catch.hpp>
#include <ctime>
#include <random>
#include <string>

namespace {

shim::Fields host_gmtime(long t)
{
    time_t tt = t;
    struct tm h;
    REQUIRE(gmtime_r(&tt, &h) != nullptr);
    return {h.tm_sec, h.tm_min, h.tm_hour, h.tm_mday, h.tm_mon, h.tm_year, h.tm_wday, h.tm_yday};
}

bool same(const shim::Fields& a, const shim::Fields& b)
{
    return a.sec == b.sec && a.min == b.min && a.hour == b.hour && a.mday == b.mday && a.mon == b.mon
        && a.year == b.year && a.wday == b.wday && a.yday == b.yday;
}

}  // namespace

TEST_CASE("ctime: known dates", "[ctime]")
{
    CHECK(std::string(shim::ctime_text(0)) == "Thu Jan  1 00:00:00 GMT 1970\n");
    CHECK(std::string(shim::ctime_text(1000000000)) == "Sun Sep  9 01:46:40 GMT 2001\n");
    CHECK(std::string(shim::ctime_text(1234567890)) == "Fri Feb 13 23:31:30 GMT 2009\n");
    CHECK(std::string(shim::ctime_text(951782400)) == "Tue Feb 29 00:00:00 GMT 2000\n");
    CHECK(std::string(shim::ctime_text(951868800)) == "Wed Mar  1 00:00:00 GMT 2000\n");
    CHECK(std::string(shim::ctime_text(1795463358)) == "Mon Nov 23 19:49:18 GMT 2026\n");
    CHECK(std::string(shim::ctime_text(-1)) == "Wed Dec 31 23:59:59 GMT 1969\n");
    CHECK(std::string(shim::ctime_text(2147483647)) == "Tue Jan 19 03:14:07 GMT 2038\n");
    CHECK(std::string(shim::ctime_text(-2147483647 - 1)) == "Fri Dec 13 20:45:52 GMT 1901\n");
    CHECK(std::string(shim::ctime_text(4102444800)) == "Fri Jan  1 00:00:00 GMT 2100\n");
    CHECK(std::string(shim::ctime_text(253402300799)) == "Fri Dec 31 23:59:59 GMT 9999\n");
}

TEST_CASE("ctime: gmtime agrees with the host, localtime is GMT", "[ctime]")
{
    std::mt19937_64 rng(3);
    for (int i = 0; i < 200000; i++) {
        long t;
        switch (i % 3) {
        case 0:  // the 32-bit range Myrmex's long covers
            t = int32_t(rng());
            break;
        case 1:  // years 1..9999 on the 64-bit host
            t = -62135596800L + long(rng() % 315537897600ULL);
            break;
        default:  // days around leap-year and century boundaries
            t = long(rng() % 12000 - 4000) * 86400 + long(rng() % 3) - 1;
            break;
        }
        INFO("t = " << t);
        shim::Fields f = shim::gmtime_fields(t);
        REQUIRE(same(f, host_gmtime(t)));
        REQUIRE(same(shim::localtime_fields(t), f));
        REQUIRE(shim::tm2sec(f) == t);
    }
}

TEST_CASE("ctime: tm2sec folds out-of-range fields", "[ctime]")
{
    shim::Fields f = shim::gmtime_fields(1795463358);  // Mon Nov 23 19:49:18 2026
    shim::Fields g = f;
    g.mon += 2;  // January 2027
    CHECK(std::string(shim::ctime_text(shim::tm2sec(g))) == "Sat Jan 23 19:49:18 GMT 2027\n");
    g = f;
    g.mon -= 12 * 3 + 11;  // December 2022
    CHECK(std::string(shim::ctime_text(shim::tm2sec(g))) == "Fri Dec 23 19:49:18 GMT 2022\n");
    g = f;
    g.mday = 0;  // the last of October
    CHECK(std::string(shim::ctime_text(shim::tm2sec(g))) == "Sat Oct 31 19:49:18 GMT 2026\n");
    g = f;
    g.hour = 25;
    CHECK(std::string(shim::ctime_text(shim::tm2sec(g))) == "Tue Nov 24 01:49:18 GMT 2026\n");
    g = f;
    g.wday = 99;  // ignored
    g.yday = -5;
    CHECK(shim::tm2sec(g) == 1795463358);
}

TEST_CASE("ctime: asctime survives any Tm", "[ctime]")
{
    std::mt19937 rng(4);
    for (int i = 0; i < 20000; i++) {
        shim::Fields f;
        for (int* p : {&f.sec, &f.min, &f.hour, &f.mday, &f.mon, &f.year, &f.wday, &f.yday})
            *p = int(rng());
        std::string s = shim::asctime_text(f);
        REQUIRE(s.size() >= 29);
        REQUIRE(s.size() <= 36);
        REQUIRE(s.back() == '\n');
    }
}
