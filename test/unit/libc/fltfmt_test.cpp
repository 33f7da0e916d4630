// print's %e %f %g and strtod: known answers taken from Plan 9's print (as 9base's seq -f
// shows it: shortest digits rounded halves up), and random doubles checked against the
// host C library, whose strtod and %.Ng are correctly rounded.
#include "shim.h"
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace {

std::string fmt(const char* f, double x)
{
    char* s = shim::print_double(f, x);
    REQUIRE(s != nullptr);
    std::string r = s;
    free(s);
    return r;
}

double parse(const char* s)
{
    int used;
    return shim::parse_double(s, &used);
}

// Both libraries' %.Ng of x for the smallest N (1..17) whose host form reads back as x:
// the shortest digits, which ours must find too.
void check_shortest(double x)
{
    char buf[64];
    int p = 1;
    for (; p < 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, x);
        if (strtod(buf, nullptr) == x)
            break;
    }
    snprintf(buf, sizeof buf, "%.*g", p, x);
    char f[16];
    snprintf(f, sizeof f, "%%.%dg", p);
    REQUIRE(fmt(f, x) == buf);
    REQUIRE(parse(fmt("%.17g", x).c_str()) == x);
}

}  // namespace

TEST_CASE("print: %g, %e and %f of everyday numbers", "[libc][fmt]")
{
    CHECK(fmt("%g", 1) == "1");
    CHECK(fmt("%g", 100000) == "100000");
    CHECK(fmt("%g", 1000000) == "1e+06");
    CHECK(fmt("%g", 123456789) == "1.23457e+08");
    CHECK(fmt("%g", 0.0001) == "0.0001");
    CHECK(fmt("%g", 0.00001) == "1e-05");
    CHECK(fmt("%G", 1e-10) == "1E-10");
    CHECK(fmt("%g", 0.1 + 0.2) == "0.3");
    CHECK(fmt("%g", -0.0) == "0");
    CHECK(fmt("%g", 1e300) == "1e+300");
    CHECK(fmt("%#g", 1) == "1.00000");
    CHECK(fmt("%e", 0) == "0.000000e+00");
    CHECK(fmt("%e", 3) == "3.000000e+00");
    CHECK(fmt("%.3e", 123456) == "1.235e+05");
    CHECK(fmt("%f", 1e20) == "100000000000000000000.000000");
    CHECK(fmt("%.0f", 0.4) == "0");
    CHECK(fmt("%.3f", 0.0006) == "0.001");
    CHECK(fmt("%.2f", 0.001) == "0.00");
}

TEST_CASE("print: floats round the shortest digits, halves away from zero", "[libc][fmt]")
{
    CHECK(fmt("%.1f", 0.25) == "0.3");
    CHECK(fmt("%.1f", 0.35) == "0.4");
    CHECK(fmt("%.1f", 0.45) == "0.5");
    CHECK(fmt("%.0f", 2.5) == "3");
    CHECK(fmt("%.0f", 0.5) == "1");
    CHECK(fmt("%.2f", 1.005) == "1.01");
    CHECK(fmt("%.2f", 9.999) == "10.00");
    CHECK(fmt("%.20f", 0.1) == "0.10000000000000000000");
    CHECK(fmt("%.17g", 0.1) == "0.1");
}

TEST_CASE("print: float flags and widths", "[libc][fmt]")
{
    CHECK(fmt("%+08.2f", 3) == "+0003.00");
    CHECK(fmt("%05g", -1) == "-0001");
    CHECK(fmt("%5g", 1) == "    1");
    CHECK(fmt("%-5g|", 1) == "1    |");
    CHECK(fmt("% g", 2) == " 2");
    CHECK(fmt("%g", INFINITY) == "Inf");
    CHECK(fmt("%g", -INFINITY) == "-Inf");
    CHECK(fmt("%g", NAN) == "NaN");
}

TEST_CASE("strtod: syntax and the end of the number", "[libc][strtod]")
{
    int used;
    CHECK(shim::parse_double("  -12.5e1x", &used) == -125.0);
    CHECK(used == 9);
    CHECK(shim::parse_double("abc", &used) == 0);
    CHECK(used == 0);
    CHECK(shim::parse_double("1e", &used) == 1);
    CHECK(used == 1);
    CHECK(shim::parse_double(".5", &used) == 0.5);
    CHECK(std::isinf(parse("inf")));
    CHECK(std::isnan(parse("NaN")));
    CHECK(parse("1e400") == INFINITY);
    CHECK(parse("1e-400") == 0);
    CHECK(parse("4.9406564584124654e-324") == 4.9406564584124654e-324);
    CHECK(parse("2.2250738585072014e-308") == 2.2250738585072014e-308);
    CHECK(parse("1.7976931348623157e308") == 1.7976931348623157e308);
    CHECK(parse("9007199254740993") == 9007199254740992.0);  // a tie goes to even
    CHECK(parse("0.30000000000000004") == 0.1 + 0.2);
}

TEST_CASE("strtod and %g agree with the host on random doubles", "[libc][strtod][fmt]")
{
    std::mt19937_64 rng(5);
    for (int i = 0; i < 3000; i++) {
        uint64_t bits = rng();
        double x;
        memcpy(&x, &bits, sizeof x);
        if (!std::isfinite(x))
            continue;
        x = std::fabs(x);
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", x);
        INFO(buf);
        REQUIRE(parse(buf) == x);
        check_shortest(x);
    }
    std::uniform_real_distribution<double> small(-1000, 1000);
    for (int i = 0; i < 3000; i++) {
        double x = small(rng);
        char buf[64];
        snprintf(buf, sizeof buf, "%.6e", x);
        INFO(buf);
        REQUIRE(parse(buf) == strtod(buf, nullptr));
        check_shortest(x);
    }
}
