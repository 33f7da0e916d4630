// Plan 9's lexical path cleaning, shared by the kernel (name evaluation) and libc.
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include "lib9/cleanname.h"

namespace {
std::string clean(const char* s)
{
    char buf[256];
    strcpy(buf, s);
    return cleanname(buf);
}
}  // namespace

TEST_CASE("cleanname: slashes, dots and dot-dots", "[cleanname]")
{
    CHECK(clean("") == ".");
    CHECK(clean(".") == ".");
    CHECK(clean("/") == "/");
    CHECK(clean("//a//") == "/a");
    CHECK(clean("a//b/./c/") == "a/b/c");
    CHECK(clean("./a") == "a");
    CHECK(clean("a/..") == ".");
    CHECK(clean("/a/b/../c") == "/a/c");
    CHECK(clean("/a/b/../..") == "/");
    CHECK(clean("/a/..b") == "/a/..b");
}

TEST_CASE("cleanname: .. stops at a root but is kept in relative names", "[cleanname]")
{
    CHECK(clean("/..") == "/");
    CHECK(clean("/../a") == "/a");
    CHECK(clean("a/../..") == "..");
    CHECK(clean("../../a") == "../../a");
    CHECK(clean("../a/../b") == "../b");
}

TEST_CASE("cleanname: device names are roots", "[cleanname]")
{
    CHECK(clean("#c") == "#c");
    CHECK(clean("#c/cons") == "#c/cons");
    CHECK(clean("#c/../x") == "#c/x");
    CHECK(clean("#c/a/..") == "#c");
    CHECK(clean("#ec/x/./y") == "#ec/x/y");
    CHECK(clean("#//boot") == "#//boot");  // device '/', file boot
    CHECK(clean("#/") == "#/");
    CHECK(clean("#|/data/..") == "#|");
    CHECK(clean("#\xc2\xa4/x/..") == "#\xc2\xa4");  // a device named by a multi-byte rune
}

TEST_CASE("cleanname: a relative name never becomes a device name", "[cleanname]")
{
    CHECK(clean("./#c") == "./#c");
    CHECK(clean("x/../#c/pid") == "./#c/pid");
    CHECK(clean("a/#b") == "a/#b");
}
