// quotestrdup and unquotestrdup: rc quoting added only when needed, and removed again.
#include "shim.h"
#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>
#include <string>

namespace {

std::string quoted(const char* s)
{
    char* q = shim::quotestrdup(s);
    REQUIRE(q != nullptr);
    std::string r = q;
    free(q);
    return r;
}

std::string unquoted(const char* s)
{
    char* u = shim::unquotestrdup(s);
    REQUIRE(u != nullptr);
    std::string r = u;
    free(u);
    return r;
}

}  // namespace

TEST_CASE("quote: quotes only what needs it", "[quote]")
{
    CHECK(quoted("abc") == "abc");
    CHECK(quoted("") == "''");
    CHECK(quoted("a b") == "'a b'");
    CHECK(quoted("it's") == "'it''s'");
    CHECK(quoted("tab\there") == "'tab\there'");
}

TEST_CASE("quote: unquoting", "[quote]")
{
    CHECK(unquoted("abc") == "abc");
    CHECK(unquoted("''") == "");
    CHECK(unquoted("'a b'") == "a b");
    CHECK(unquoted("'it''s'") == "it's");
    CHECK(unquoted("a'b c'd e") == "ab cd e");
    CHECK(unquoted("'open") == "open");
}

TEST_CASE("quote: unquoting undoes quoting", "[quote]")
{
    std::mt19937 rng(2);
    const char alphabet[] = "ab '\t\"x";
    for (int i = 0; i < 5000; i++) {
        std::string s(rng() % 12, 'a');
        for (char& c : s)
            c = alphabet[rng() % (sizeof alphabet - 1)];
        REQUIRE(unquoted(quoted(s.c_str()).c_str()) == s);
    }
}
