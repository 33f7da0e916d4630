// libregexp: regexp(6) syntax, leftmost-longest matches and their submatches (the
// expected ones are what 9base's sed, on Plan 9's library, reports; thousands of random
// patterns agreed with it), regsub, the
// bounds of regexec, and malformed or huge patterns and subjects: an error or an answer,
// never a crash, and never exponential time.
#include "../libc/shim.h"
#include "libregexp/regexp.h"
#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>
#include <string>

namespace {

// "[match](sub1)(sub2)..." for the first nsub submatches, "-" for one that took no
// part, or "none".
std::string run(Reprog* re, const std::string& s, int nsub = 3)
{
    REQUIRE(re != nullptr);
    Resub m[10] = {};
    int r = regexec(re, s.c_str(), m, nsub + 1);
    free(re);
    if (r <= 0)
        return "none";
    std::string out = "[" + std::string(m[0].sp, m[0].ep) + "]";
    for (int i = 1; i <= nsub; i++)
        out += m[i].sp ? "(" + std::string(m[i].sp, m[i].ep) + ")" : "-";
    return out;
}

std::string match(const char* pat, const std::string& s, int nsub = 0)
{
    return run(regcomp(pat), s, nsub);
}

// The error regcomp gives for pat, or "ok".
std::string error(const std::string& pat)
{
    shim::clearerror();
    Reprog* re = regcomp(pat.c_str());
    if (re) {
        free(re);
        return "ok";
    }
    return shim::lasterror();
}

std::string sub(const char* pat, const char* s, const char* tmpl)
{
    Reprog* re = regcomp(pat);
    REQUIRE(re != nullptr);
    Resub m[10] = {};
    REQUIRE(regexec(re, s, m, 10) == 1);
    free(re);
    char buf[64];
    regsub(tmpl, buf, sizeof buf, m, 10);
    return buf;
}

}  // namespace

TEST_CASE("regexp: literals, dot, closures, alternation, anchors")
{
    CHECK(match("abc", "xxabcxx") == "[abc]");
    CHECK(match("a.c", "a\nc abc") == "[abc]");
    CHECK(match("ab*c", "ac") == "[ac]");
    CHECK(match("ab+c", "ac abbc") == "[abbc]");
    CHECK(match("ab?c", "abbc abc") == "[abc]");
    CHECK(match("x*", "abc") == "[]");
    CHECK(match("cat|dog", "hotdog") == "[dog]");
    CHECK(match("^a", "ba\nab") == "[a]");
    CHECK(match("^ab", "ba\nab") == "[ab]");
    CHECK(match("b$", "ab\nc") == "[b]");
    CHECK(match("^$", "") == "[]");
    CHECK(match("a\\.b\\*", "axb* a.b*") == "[a.b*]");
    CHECK(match("\\(x\\)", "(x)") == "[(x)]");
    CHECK(match("a**", "aaa") == "[aaa]");
    CHECK(match("^*x", "x") == "[x]");
    CHECK(match("", "abc") == "[]");
    CHECK(match("q", "abc") == "none");
    CHECK(match("a$b", "a\nb") == "none");
}

TEST_CASE("regexp: character classes are sets of runes")
{
    CHECK(match("[a-c]+", "xxbcaz") == "[bca]");
    CHECK(match("[^a-c]+", "abxyzc") == "[xyz]");
    CHECK(match("[^a]+", "b\nb") == "[b]");  // a negated class never matches newline
    CHECK(match("[\\]x]+", "a]x]b") == "[]x]]");
    CHECK(match("[a\\-z]+", "b-az") == "[-az]");
    CHECK(match("[.*]+", "a.*b") == "[.*]");
    CHECK(match("[]", "abc") == "none");
    CHECK(match("[^]+", "ab\n") == "[ab]");
    CHECK(match("[z-a]", "z a") == "none");
    CHECK(match("[α-γ]+", "aβγδ") == "[βγ]");
    CHECK(match("[^α]", "αβ") == "[β]");
    CHECK(match("α.γ", "xαβγ") == "[αβγ]");
    CHECK(match("[a-cx-z0-9]+", "-b0y-") == "[b0y]");
}

TEST_CASE("regexp: leftmost, then longest")
{
    CHECK(match("a|ab", "ab") == "[ab]");
    CHECK(match("b|abc", "abc") == "[abc]");
    CHECK(match("abcd|c", "abcd") == "[abcd]");
    CHECK(match("(a|ab)(c|bcd)", "abcd") == "[abcd]");
    CHECK(match("x*y|x", "xxxz") == "[x]");
    CHECK(match("a*", "baaa") == "[]");
}

TEST_CASE("regexp: submatches as Plan 9 reports them")
{
    auto m = [](const char* p, const char* s) { return run(regcomp(p), s, 3); };
    CHECK(m("(a*)(a*)", "aaa") == "[aaa](aaa)()-");
    CHECK(m("(a|ab)(c|bcd)(d*)", "abcd") == "[abcd](a)(bcd)()");
    CHECK(m("(a|b)*", "abab") == "[abab](b)--");
    CHECK(m("((a)|b)+", "abab") == "[abab](b)(a)-");
    CHECK(m("(a*)*", "aaa") == "[aaa](aaa)--");
    CHECK(m("(a*)+", "b") == "[]()--");
    CHECK(m("(a|b)*", "xy") == "[]---");
    CHECK(m("x(a*)(a*)y", "xaaay") == "[xaaay](aaa)()-");
    CHECK(m("(a)|(b)", "b") == "[b]-(b)-");
    CHECK(m("((x))", "x") == "[x](x)(x)-");
    CHECK(m("(.+c*)+", "abcc") == "[abcc](c)--");
    CHECK(m("(c*[ab]+)+", "cabcc") == "[cab](b)--");
    CHECK(m("a+|(a)a*", "cccabbc") == "[a](a)--");
    CHECK(m("c(a|a(a|c*))?", "cabaca") == "[ca](a)()-");
    CHECK(m("(.*)x(.*)", "axbxc") == "[axbxc](axb)(c)-");
    CHECK(m("(.*),(.*),(.*)", "a,b,c,d") == "[a,b,c,d](a,b)(c)(d)");
    CHECK(m("(a+)(a+)", "aaaa") == "[aaaa](aaa)(a)-");
}

TEST_CASE("regexp: regcomplit and regcompnl")
{
    CHECK(run(regcomplit("a.*(b"), "xa.*(b", 0) == "[a.*(b]");
    CHECK(run(regcomplit("a\\b"), "a\\b", 0) == "[a\\b]");
    CHECK(run(regcomplit("a.b"), "axb", 0) == "none");
    CHECK(run(regcompnl("a.b"), "a\nb", 0) == "[a\nb]");
    CHECK(run(regcomp("a.b"), "a\nb", 0) == "none");
}

TEST_CASE("regexp: regexec bounds and answers")
{
    const char* s = "abc abc";
    Reprog* re = regcomp("^?abc$?");
    REQUIRE(re);
    Resub m[2] = {{s + 1, nullptr}, {}};
    REQUIRE(regexec(re, s, m, 2) == 1);
    CHECK(m[0].sp == s + 4);
    CHECK(m[0].ep == s + 7);
    m[0] = {s, s + 2};  // the subject ends at "ab"
    CHECK(regexec(re, s, m, 1) == 0);
    CHECK(m[0].sp == nullptr);
    m[0] = {s + 4, s + 7};
    CHECK(regexec(re, s, m, 1) == 1);
    CHECK(regexec(re, s, nullptr, 0) == 1);
    free(re);

    re = regcomp("c$");
    REQUIRE(re);
    m[0] = {s, s + 3};  // $ matches at the given end
    CHECK(regexec(re, s, m, 1) == 1);
    free(re);

    re = regcomp("^b");  // ^ is the start of the string, not of the search
    REQUIRE(re);
    m[0] = {s + 1, nullptr};
    CHECK(regexec(re, s, m, 1) == 0);
    free(re);

    const char cut[] = "a\xce";  // a rune cut short by the end of the subject
    re = regcomp("a.");
    REQUIRE(re);
    m[0] = {cut, cut + 2};
    CHECK(regexec(re, cut, m, 1) == 1);
    free(re);
}

TEST_CASE("regexp: regsub")
{
    CHECK(sub("(b+)(c)", "abbcd", "<&|\\0|\\1|\\2|\\3>") == "<bbc|bbc|bb|c|>");
    CHECK(sub("b", "abc", "\\\\\\&x\\") == "\\&x");
    char small[4];
    Resub m[1] = {};
    Reprog* re = regcomp("b+");
    REQUIRE(regexec(re, "abbbbbc", m, 1) == 1);
    free(re);
    regsub("[&]", small, sizeof small, m, 1);
    CHECK(std::string(small) == "[bb");
    regsub("&", small, sizeof small, nullptr, 0);
    CHECK(std::string(small) == "");
}

TEST_CASE("regexp: malformed patterns are errors")
{
    CHECK(error("(") == "unmatched left paren");
    CHECK(error("(a") == "unmatched left paren");
    CHECK(error("a)") == "unmatched right paren");
    CHECK(error(")") == "unmatched right paren");
    CHECK(error("()") == "missing operand for (");
    CHECK(error("*a") == "missing operand for *");
    CHECK(error("+") == "missing operand for +");
    CHECK(error("a|?") == "missing operand for ?");
    CHECK(error("|a") == "missing operand for |");
    CHECK(error("a|") == "missing operand for |");
    CHECK(error("(a||b)") == "missing operand for |");
    CHECK(error("[") == "malformed '[]'");
    CHECK(error("[a") == "malformed '[]'");
    CHECK(error("[-a]") == "malformed '[]'");
    CHECK(error("[a-]") == "malformed '[]'");
    CHECK(error("[a\\") == "trailing backslash");
    CHECK(error("a\\") == "trailing backslash");
    CHECK(error("\\") == "trailing backslash");
    CHECK(error(std::string(1001, '(') + "a" + std::string(1001, ')')) == "too many nested parentheses");
    CHECK(error(std::string(1000, '(') + "a" + std::string(1000, ')')) == "ok");
    CHECK(error(std::string(100000, '(')) != "ok");
    CHECK(error(std::string(100000, ')')) == "unmatched right paren");
    CHECK(error("\xff\xfe(") == "unmatched left paren");
}

TEST_CASE("regexp: huge patterns and subjects take linear time")
{
    std::string big(1 << 20, 'a');
    CHECK(match("(a|aa)*b", big) == "none");
    CHECK(match("(a*)*b", big) == "none");
    CHECK(match("a*$", big).size() == big.size() + 2);
    // a?^n a^n on a^n: exponential for a backtracker.
    std::string pat;
    for (int i = 0; i < 200; i++)
        pat += "a?";
    pat += std::string(200, 'a');
    CHECK(match(pat.c_str(), std::string(200, 'a')).size() == 202);
    std::string alts;
    for (int i = 0; i < 20000; i++)
        alts += (i ? "|" : "") + std::to_string(i) + "x";
    CHECK(match(alts.c_str(), "abc 19999x") == "[19999x]");
    std::string cls = "[";
    for (int c = 0x100; c < 0x10000; c += 2) {
        char b[4];
        int n = c < 0x800 ? 2 : 3;
        if (n == 2) {
            b[0] = 0xC0 | c >> 6, b[1] = 0x80 | (c & 0x3F);
        } else {
            b[0] = 0xE0 | c >> 12, b[1] = 0x80 | (c >> 6 & 0x3F), b[2] = 0x80 | (c & 0x3F);
        }
        cls.append(b, n);
    }
    cls += "]";
    CHECK(match(cls.c_str(), "xx\xc4\x82") == "[\xc4\x82]");  // U+0102
    CHECK(match(cls.c_str(), "xx\xc4\x81") == "none");  // U+0101
}

TEST_CASE("regexp: random patterns and subjects never crash")
{
    std::mt19937 rng(5);
    const char alphabet[] = "ab()[]^$.*+?|\\-\n\xce\xb1";
    for (int i = 0; i < 20000; i++) {
        std::string pat, s;
        int n = rng() % 12;
        for (int k = 0; k < n; k++)
            pat += alphabet[rng() % (sizeof alphabet - 1)];
        for (int k = rng() % 16; k > 0; k--)
            s += "ab\n\xce\xb1"[rng() % 4];
        Reprog* re = regcomp(pat.c_str());
        if (re == nullptr)
            continue;
        Resub m[4] = {};
        int r = regexec(re, s.c_str(), m, 4);
        CHECK(r >= 0);
        if (r == 1) {
            CHECK(m[0].sp >= s.c_str());
            CHECK(m[0].ep <= s.c_str() + s.size());
            CHECK(m[0].sp <= m[0].ep);
        }
        free(re);
    }
}
