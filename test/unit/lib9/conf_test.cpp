// plan9.ini / command-line parser: both input forms, rc quoting, replacement of duplicate
// keys, the fixed limits, and arbitrary bytes (which must never break its invariants).
#include "lib9/conf.h"
#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <random>
#include <string>

namespace {

const char* parse(Conf& c, const std::string& s) { return c.parse(s.data(), s.size()); }

std::string get(const Conf& c, const char* key)
{
    const char* v = c.get(key);
    return v ? v : "<absent>";
}

// Every stored key obeys the key rules and finds its own value.
void check_invariants(const Conf& c)
{
    REQUIRE(c.count() <= Conf::MAXCONF);
    for (size_t i = 0; i < c.count(); i++) {
        std::string k = c.key(i);
        REQUIRE(!k.empty());
        REQUIRE(k.size() <= Conf::KEYMAX);
        REQUIRE(k != ".");
        REQUIRE(k != "..");
        for (unsigned char ch : k)
            REQUIRE((ch > ' ' && ch < 0x7F && ch != '/' && ch != '=' && ch != '\''));
        REQUIRE(c.get(k.c_str()) == c.value(i));
    }
}

}  // namespace

TEST_CASE("conf: command line skips the kernel path and bare words", "[conf]")
{
    auto c = std::make_unique<Conf>();
    CHECK(parse(*c, "/boot/myrmex console=0 -s bootargs=local!#S/sdC0/fossil  service=cpu\t") == nullptr);
    REQUIRE(c->count() == 3);
    CHECK(std::string(c->key(0)) == "console");
    CHECK(std::string(c->value(0)) == "0");
    CHECK(get(*c, "bootargs") == "local!#S/sdC0/fossil");
    CHECK(get(*c, "service") == "cpu");
    CHECK(c->get("/boot/myrmex") == nullptr);
    CHECK(c->get("-s") == nullptr);
    CHECK(c->get("servic") == nullptr);
    CHECK(c->get("service2") == nullptr);
}

TEST_CASE("conf: rc quoting", "[conf]")
{
    auto c = std::make_unique<Conf>();
    CHECK(parse(*c, "a='hello world' b='it''s' c=x'y z'w d='' e= f=a=b g=''''") == nullptr);
    CHECK(get(*c, "a") == "hello world");
    CHECK(get(*c, "b") == "it's");
    CHECK(get(*c, "c") == "xy zw");
    CHECK(get(*c, "d") == "");
    CHECK(get(*c, "e") == "");
    CHECK(get(*c, "f") == "a=b");
    CHECK(get(*c, "g") == "'");
    CHECK(c->count() == 7);
}

TEST_CASE("conf: a later duplicate replaces the value in place", "[conf]")
{
    auto c = std::make_unique<Conf>();
    CHECK(parse(*c, "a=1 b=2 a=three") == nullptr);
    REQUIRE(c->count() == 2);
    CHECK(std::string(c->key(0)) == "a");
    CHECK(std::string(c->value(0)) == "three");
    CHECK(std::string(c->key(1)) == "b");
    CHECK(std::string(c->value(1)) == "2");
    check_invariants(*c);
}

TEST_CASE("conf: plan9.ini text", "[conf]")
{
    auto c = std::make_unique<Conf>();
    const char* ini =
        "# boot configuration\n"
        "[menu]\n"
        "console=0 b115200\r\n"
        "  bootargs=local!#S/sdC0/fossil -m 100  \n"
        "\n"
        "noequal\n"
        "*nomp=1\n"
        "   # indented comment=1\n"
        "user='glenda '\n"
        "last=x";
    CHECK(parse(*c, ini) == nullptr);
    CHECK(c->count() == 5);
    CHECK(get(*c, "console") == "0 b115200");
    CHECK(get(*c, "bootargs") == "local!#S/sdC0/fossil -m 100");
    CHECK(get(*c, "*nomp") == "1");
    CHECK(get(*c, "user") == "glenda ");
    CHECK(get(*c, "last") == "x");
    check_invariants(*c);
}

TEST_CASE("conf: parsing adds to what is held", "[conf]")
{
    auto c = std::make_unique<Conf>();
    CHECK(parse(*c, "/boot/myrmex console=0 service=cpu") == nullptr);
    CHECK(parse(*c, "service=terminal\nsysname=ant\n") == nullptr);
    CHECK(c->count() == 3);
    CHECK(get(*c, "console") == "0");
    CHECK(get(*c, "service") == "terminal");
    CHECK(get(*c, "sysname") == "ant");
}

TEST_CASE("conf: bad pairs are skipped and the first error returned", "[conf]")
{
    auto c = std::make_unique<Conf>();
    SECTION("unterminated quote on the command line")
    {
        CHECK(parse(*c, "x=1 a='abc b=2") == std::string(Econfquote));
        CHECK(c->count() == 1);
        CHECK(get(*c, "x") == "1");
    }
    SECTION("unterminated quote ends with its ini line")
    {
        CHECK(parse(*c, "a='abc\nb=2\n") == std::string(Econfquote));
        CHECK(c->count() == 1);
        CHECK(get(*c, "b") == "2");
    }
    SECTION("bad keys")
    {
        CHECK(parse(*c, "=x a/b=1 .=1 ..=1 'q'=1 ok=1 ...=2") == std::string(Econfkey));
        CHECK(c->count() == 2);
        CHECK(get(*c, "ok") == "1");
        CHECK(get(*c, "...") == "2");
    }
    SECTION("control bytes in an ini key")
    {
        CHECK(parse(*c, std::string("a\x01=1\nb=2\n")) == std::string(Econfkey));
        CHECK(c->count() == 1);
    }
    SECTION("NUL inside a value")
    {
        CHECK(parse(*c, std::string("a=x\0y b=1", 9)) == std::string(Econfvalue));
        CHECK(c->count() == 1);
        CHECK(get(*c, "b") == "1");
    }
    SECTION("the first error wins")
    {
        CHECK(parse(*c, "a='x\n=y\n") == std::string(Econfquote));
        CHECK(parse(*c, "=y\na='x\n") == std::string(Econfkey));
    }
}

TEST_CASE("conf: key length limit", "[conf]")
{
    auto c = std::make_unique<Conf>();
    std::string k27(27, 'k'), k28(28, 'k');
    CHECK(parse(*c, k27 + "=ok " + k28 + "=no z=1") == std::string(Econfkeylen));
    CHECK(c->count() == 2);
    CHECK(get(*c, k27.c_str()) == "ok");
    CHECK(c->get(k28.c_str()) == nullptr);
    CHECK(c->set(k28.c_str(), "v") == std::string(Econfkeylen));
    CHECK(c->count() == 2);
}

TEST_CASE("conf: too many entries keeps what fit", "[conf]")
{
    auto c = std::make_unique<Conf>();
    std::string line;
    for (int i = 0; i < 70; i++)
        line += "k" + std::to_string(i) + "=" + std::to_string(i) + " ";
    CHECK(parse(*c, line) == std::string(Econftoomany));
    REQUIRE(c->count() == Conf::MAXCONF);
    CHECK(get(*c, "k0") == "0");
    CHECK(get(*c, "k63") == "63");
    CHECK(c->get("k64") == nullptr);
    // Replacing an existing key still works when the table is full.
    CHECK(parse(*c, "k5=five k70=x") == std::string(Econftoomany));
    CHECK(get(*c, "k5") == "five");
    check_invariants(*c);
}

TEST_CASE("conf: text space is bounded and reclaimed", "[conf]")
{
    auto c = std::make_unique<Conf>();
    // "a" NUL + value NUL fills the text exactly.
    std::string exact(Conf::CONFTEXT - 3, 'v');
    CHECK(c->set("a", exact.c_str()) == nullptr);
    CHECK(c->set("b", "") == std::string(Econffull));
    CHECK(c->count() == 1);
    std::string more(Conf::CONFTEXT - 2, 'v');
    CHECK(c->set("a", more.c_str()) == std::string(Econffull));
    CHECK(get(*c, "a") == exact);
    CHECK(c->set("a", "short") == nullptr);
    CHECK(c->set("b", "2") == nullptr);
    CHECK(parse(*c, "c=" + std::string(Conf::CONFTEXT, 'x') + " d=4") == std::string(Econffull));
    CHECK(get(*c, "d") == "4");

    // Replacing a value again and again never exhausts the space.
    std::string big(1000, 'y');
    for (int i = 0; i < 100; i++) {
        big[0] = char('a' + i % 26);
        REQUIRE(c->set("b", big.c_str()) == nullptr);
        REQUIRE(c->set("a", big.c_str()) == nullptr);
    }
    CHECK(get(*c, "a") == big);
    CHECK(get(*c, "d") == "4");
    check_invariants(*c);
}

TEST_CASE("conf: arbitrary bytes never break it", "[conf]")
{
    std::mt19937 rng(42);
    const char alphabet[] = "ab=' \n\t#[]/.\r\0\x01\xff";
    for (int round = 0; round < 2000; round++) {
        auto c = std::make_unique<Conf>();
        std::string s(rng() % 300, '\0');
        for (auto& ch : s)
            ch = round % 2 ? char(rng()) : alphabet[rng() % (sizeof alphabet - 1)];
        // Parse exactly s.size() bytes from a heap copy so ASan sees any overread.
        auto buf = std::make_unique<char[]>(s.size());
        std::memcpy(buf.get(), s.data(), s.size());
        (void)c->parse(buf.get(), s.size());
        check_invariants(*c);
    }
}
