// rc's lexer and parser on the host: trees printed back the way Plan 9's rc prints them
// (the expected texts were taken from Plan 9's rc), free carets, here documents, the
// error messages, and hostile input (long lines, deep nesting, garbage) that must end in
// a clean result or a syntax error, never a crash.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "../../../userland/cmd/rc/syntax.h"

namespace {

struct Line {
    std::string text;  // the tree printed back, or the error message
    bool error = false;
    int error_line = 0;
};

std::vector<Line> parse_all(const std::string& src)
{
    Source s;
    s.text = src.data();
    s.len = static_cast<long>(src.size());
    Lexer lx;
    int lineno = 1;
    lx.src = &s;
    lx.lineno = &lineno;
    std::vector<Line> out;
    for (;;) {
        ParseResult r = parse_line(lx);
        if (r.eof)
            break;
        Line l;
        if (r.error.n) {
            l.text = r.error.c_str();
            l.error = true;
            l.error_line = r.error_line;
        } else {
            Str p;
            tree_print(p, r.tree);
            l.text = p.c_str();
        }
        tree_free(r.tree);
        out.push_back(l);
    }
    return out;
}

std::string printed(const std::string& line)
{
    auto all = parse_all(line + "\n");
    REQUIRE(all.size() == 1);
    INFO(all[0].text);
    REQUIRE(!all[0].error);
    return all[0].text;
}

std::string error_of(const std::string& src)
{
    for (const Line& l : parse_all(src))
        if (l.error)
            return l.text;
    return "";
}

// A pattern as the lexer marks an unquoted word: * ? [ are special.
std::string glob(const std::string& p)
{
    std::string r;
    for (char c : p) {
        if (c == '*' || c == '?' || c == '[')
            r += GLOB;
        r += c;
    }
    return r;
}

}  // namespace

TEST_CASE("rc prints trees back as Plan 9's rc does")
{
    CHECK(printed("fn a {sleep 1 & echo b}") == "fn a {sleep 1&;echo b}");
    CHECK(printed("echo a >x >>[2]y <z") == ">x >>[2]y <z echo a");
    CHECK(printed("{echo c} >w") == ">w {echo c}");
    CHECK(printed("cat | grep x |[2] cat |[2=3] wc") == "cat|grep x|[2]cat|[3=2]wc");
    CHECK(printed("if(~ $x *.c ? [a-z] '*') echo 'yes' a'b'")
          == "if(~ $x *.c ? [a-z] '*')echo 'yes' a^'b'");
    CHECK(printed("for(i in a b) echo $i") == "for(i in a b)echo $i");
    CHECK(printed("for(i) echo") == "for(i)echo");
    CHECK(printed("for(i in ) echo") == "for(i in ())echo");
    CHECK(printed("while(! test -f x) @{ echo >[2=1] >[1=] x }")
          == "while (! test -f x)@ {>[2=1]>[1=]echo x}");
    CHECK(printed("switch($x){case a; echo a\ncase *\necho b}")
          == "switch ($x) {case a;echo a;case *;echo b}");
    CHECK(printed("x=1 y=(a b) echo $x $\"x $#x $x(1 2-3) `{echo} <{echo} >{cat} $$x a^b c^$d")
          == "x=1 y=(a b) echo $x $\"x $#x $x(1 2-3) `{echo} <{echo} >{cat} $$x a^b c^$d");
    CHECK(printed("~ a b && echo || echo c; fn d {echo}; fn e; x=()")
          == "~ a b && echo || echo c;fn d {echo};fn e ;x=()");
}

TEST_CASE("rc inserts free carets")
{
    CHECK(printed("echo a'b'$c") == "echo a^'b'^$c");
    CHECK(printed("echo $x.c") == "echo $x^.c");
    CHECK(printed("echo $x`{y}") == "echo $x^`{y}");
    CHECK(printed("echo (a b)c") == "echo (a b) c");  // no caret after )
}

TEST_CASE("rc binds operators with Plan 9's precedences")
{
    CHECK(printed("! a | b && c") == "! a|b && c");
    CHECK(printed("if(x) a && b") == "if(x)a && b");
    CHECK(printed("x=1 a | b") == "x=1 a|b");
    CHECK(printed("a |\n b") == "a|b");
    CHECK(printed("a &&\n\n b") == "a && b");
}

TEST_CASE("rc reads here documents after their line")
{
    auto all = parse_all("cat <<EOF; echo x\nhello $y\n  EOF\nEOF\necho after\n");
    REQUIRE(all.size() == 2);
    CHECK(all[0].text == "<<EOF cat;echo x");
    CHECK(all[1].text == "echo after");
}

TEST_CASE("rc reports syntax errors as Plan 9's rc does")
{
    auto one = parse_all("echo a=b\n");
    REQUIRE(one.size() == 1);
    CHECK(one[0].text == "token '=': syntax error");
    CHECK(one[0].error_line == 2);  // Plan 9's rc counts the first line as 2
    CHECK(error_of("echo a(b)\n") == "token '( [SUB]': syntax error");
    CHECK(error_of("echo )\n") == "token ')': syntax error");
    CHECK(error_of("echo 'abc\n") == "token EOF: syntax error");
    CHECK(error_of("echo a |\n") == "token EOF: syntax error");
    CHECK(error_of("echo a") == "token EOF: syntax error");  // the last line needs its newline
    CHECK(error_of("echo >[x] f\n") == "token '>[x': redirection syntax\ntoken '>[x': syntax error");
    CHECK(error_of("echo |[2=] cat\n") == "token '|[22=': pipe syntax\ntoken '|[22=': syntax error");
    CHECK(error_of("echo x; if not echo y\n") == "`if not' does not follow `if(...)'");
    CHECK(error_of("if(~ a b) echo a; if not echo b\n") == "");
    CHECK(error_of("if(~ a b) echo a\n\nif not if(x) y\nif not z\n") == "");
}

TEST_CASE("rc goes on after a syntax error with the next line")
{
    auto all = parse_all("echo )\necho ok\n");
    REQUIRE(all.size() == 2);
    CHECK(all[0].error);
    CHECK(all[1].text == "echo ok");
}

TEST_CASE("rc parses a 1 MB line")
{
    std::string line = "echo";
    while (line.size() < (1u << 20))
        line += " word";
    auto all = parse_all(line + "\n");
    REQUIRE(all.size() == 1);
    CHECK(!all[0].error);
    CHECK(all[0].text.size() == line.size());
    std::string word(1u << 20, 'x');
    CHECK(printed("echo " + word) == "echo " + word);
}

TEST_CASE("rc parses 1000 levels of nesting, and rejects them unbalanced")
{
    std::string open, close;
    for (int i = 0; i < 1000; i++) {
        open += "{";
        close += "}";
    }
    CHECK(printed(open + "echo deep" + close) == open + "echo deep" + close);
    std::string ifs;
    for (int i = 0; i < 1000; i++)
        ifs += "if(x) ";
    CHECK(!printed(ifs + "echo").empty());
    std::string lists = "echo ";
    for (int i = 0; i < 1000; i++)
        lists += "(";
    CHECK(error_of(lists + "a\n") == "syntax error");  // at the newline, which is not named
    CHECK(error_of(open + "echo\n") == "token EOF: syntax error");
}

TEST_CASE("rc survives binary garbage")
{
    std::mt19937 rng(5);
    const std::string alphabet = "{}()<>[]=|&;^$#\"'`~!@ \t\nabc*?0123\\\x01\x80\xff";
    for (int round = 0; round < 2000; round++) {
        std::string src;
        int n = rng() % 200;
        for (int i = 0; i < n; i++)
            src += (rng() % 4) ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng());
        parse_all(src);  // must end; ASan and UBSan watch it
    }
    SUCCEED();
}

TEST_CASE("rc matches patterns with marked specials only")
{
    CHECK(match("a.c", glob("*.c").c_str()));
    CHECK(!match("a.h", glob("*.c").c_str()));
    CHECK(match("", glob("*").c_str()));
    CHECK(match("b", glob("[a-c]").c_str()));
    CHECK(!match("d", glob("[a-c]").c_str()));
    CHECK(match("d", glob("[~a-c]").c_str()));
    CHECK(match("\xce\xb1x", glob("?x").c_str()));  // ? is one rune
    CHECK(match("\xce\xb1", glob("[\xce\xb1-\xce\xb3]").c_str()));
    CHECK(!match("abc", "*"));  // an unmarked * is literal
    CHECK(match("*", "*"));
    CHECK(!match("a[", glob("a[").c_str()));  // an unclosed class matches nothing
    CHECK(match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", glob("*a*a*a*a*a*a*b").c_str()));
    CHECK(!match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", glob("*a*a*a*a*a*a*b").c_str()));
}

TEST_CASE("rc quotes words only when it must")
{
    auto q = [](const char* s) {
        Str o;
        quote_word(o, s);
        return std::string(o.c_str());
    };
    CHECK(q("abc") == "abc");
    CHECK(q("*") == "*");
    CHECK(q("") == "''");
    CHECK(q("a b") == "'a b'");
    CHECK(q("it's") == "'it''s'");
    CHECK(q("a=b") == "'a=b'");
}
