// The write grammar of /proc/N/ns (kernel/port/nscmd.cpp): fields, flags, quoting and
// the errors ANTS's writable ns gives.
#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "lib9/error.h"
#include "lib9/sys.h"
#include "port/nscmd.h"

namespace {

struct Parsed {
    const char* error;
    NsCmd cmd {};
    std::string buf;
};

Parsed parse(const std::string& text)
{
    Parsed p;
    p.buf.assign(text.size() + 1, '\0');
    p.error = nscmd_parse(text.data(), text.size(), p.buf.data(), &p.cmd);
    return p;
}

std::string str(const char* s) { return s ? s : "(nil)"; }

}  // namespace

TEST_CASE("nscmd: bind, mount and unmount in each of their forms")
{
    auto b = parse("bind /tmp /n/x\n");
    REQUIRE(b.error == nullptr);
    CHECK(b.cmd.verb == NsVerb::Bind);
    CHECK(b.cmd.flag == MREPL);
    CHECK(str(b.cmd.source) == "/tmp");
    CHECK(str(b.cmd.target) == "/n/x");
    CHECK(b.cmd.spec == nullptr);

    auto bf = parse("bind -bc '#c' /dev");
    REQUIRE(bf.error == nullptr);
    CHECK(bf.cmd.flag == (MBEFORE | MCREATE));
    CHECK(str(bf.cmd.source) == "#c");

    auto m = parse("mount -aC /srv/slashn /n");
    REQUIRE(m.error == nullptr);
    CHECK(m.cmd.verb == NsVerb::Mount);
    CHECK(m.cmd.flag == (MAFTER | MCACHE));
    CHECK(str(m.cmd.spec) == "");

    auto ms = parse("mount /srv/boot /root main/active");
    REQUIRE(ms.error == nullptr);
    CHECK(ms.cmd.flag == MREPL);
    CHECK(str(ms.cmd.spec) == "main/active");

    auto mfs = parse("mount -c #s/boot /root ''\n");
    REQUIRE(mfs.error == nullptr);
    CHECK(str(mfs.cmd.spec) == "");

    auto u1 = parse("unmount /n/x");
    REQUIRE(u1.error == nullptr);
    CHECK(u1.cmd.verb == NsVerb::Unmount);
    CHECK(u1.cmd.source == nullptr);
    CHECK(str(u1.cmd.target) == "/n/x");

    auto u2 = parse("\tunmount  /tmp   /n/x \r\n");
    REQUIRE(u2.error == nullptr);
    CHECK(str(u2.cmd.source) == "/tmp");
    CHECK(str(u2.cmd.target) == "/n/x");
}

TEST_CASE("nscmd: rc quoting")
{
    auto p = parse("bind '/a dir' 'it''s'/x");
    REQUIRE(p.error == nullptr);
    CHECK(str(p.cmd.source) == "/a dir");
    CHECK(str(p.cmd.target) == "it's/x");
    CHECK(parse("bind '/a /b").error == Ebadarg);  // unclosed
}

TEST_CASE("nscmd: mount(1)'s other flags are accepted and ignored")
{
    auto p = parse("mount -qn /srv/x /n");
    REQUIRE(p.error == nullptr);
    CHECK(p.cmd.flag == MREPL);
    CHECK(parse("bind - /a /b").cmd.flag == MREPL);
}

TEST_CASE("nscmd: wrong field counts, verbs and flags are bad arguments")
{
    for (const char* bad : { "", "\n", "bind", "unmount", "cd /", "bind /a", "mount /srv/x", "bind /a /b /c",
             "bind -a /a /b /c", "unmount -a /a /b", "unmount /a /b /c", "mount -a /srv/x /n spec extra",
             "mount /srv/x /n spec extra", "bind -ab /a /b", "mount -ba /srv/x /n", "chdir /a /b",
             "bind a b c d e f", "BIND /a /b" })
        CHECK(parse(bad).error == Ebadarg);
    std::string nul = "bind /a /b";
    nul[5] = '\0';
    CHECK(parse(nul).error == Ebadarg);
}

TEST_CASE("nscmd: pipes cannot be named")
{
    CHECK(parse("mount #|/data0 /n/x").error == Ebadsharp);
    CHECK(parse("bind '#|' /n/x").error == Ebadsharp);
    CHECK(parse("unmount #|/data /n").error == Ebadsharp);
    CHECK(parse("bind /n/x #|").error == Ebadsharp);
    CHECK(parse("bind /n/#| /n/x").error == nullptr);  // only as a # device name
}

TEST_CASE("nscmd: long names fill the caller's n+1 bytes and no more")
{
    std::string x(3000, 'x'), y(3000, 'y');
    CHECK(parse("mount -abcC " + x + " /n " + y).error == Ebadarg);  // both -a and -b
    auto p = parse("mount -acC " + x + " /n " + y);
    REQUIRE(p.error == nullptr);
    CHECK(std::string(p.cmd.source) == x);
    CHECK(str(p.cmd.spec) == y);
}
