// rc_fuzz: any bytes as rc input, through the shell's lexer and parser
// (userland/cmd/rc: lex.cpp, parse.cpp, tree.cpp, glob.cpp). Invariants:
//  - parsing ends: no more lines (parsed or failed) than the input has bytes, plus one;
//  - a line parsed without error prints (tree_print) as rc text that parses again, alone,
//    without error and prints the same; a copy of the tree prints the same too. Left out:
//    lines with here documents (their bodies are not printed), |[a=b] pipes (printed
//    |[b=a]), pipes with an empty side (a | | b prints as a||b), redirections to a file
//    named [... or to a <{} >{} file (< <{x} prints as <<{x}) and pipes into a command
//    named [..., which print as an [fd], words ending in a backslash, which print as a
//    line continuation, $ before a name starting with # or " (printed as $# or $"), and
//    if/while/for with an empty body or && || with an empty right side (whose newline
//    then ends nothing); all of these print as Plan 9's rc prints them;
//  - pattern matching with the input's two halves as subject and pattern ends, whatever
//    the bytes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "../../userland/cmd/rc/syntax.h"

namespace {

void must(bool ok, const char* invariant)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz: invariant broken: %s\n", invariant);
        std::abort();
    }
}

// Does the tree hold something that does not print back as written?
bool unprintable(const Tree* t)
{
    if (!t)
        return false;
    if (t->kind == Kind::Redir && t->rtype == Rtype::Here)
        return true;
    if (((t->kind == Kind::If || t->kind == Kind::While) && !t->child[1]) || (t->kind == Kind::For && !t->child[2])
        || (t->kind == Kind::Ifnot && !t->child[0])
        || ((t->kind == Kind::Andand || t->kind == Kind::Oror) && !t->child[1]))
        return true;
    if (t->kind == Kind::Word && !t->quoted && t->str[0] && t->str[std::strlen(t->str) - 1] == '\\')
        return true;
    if (t->kind == Kind::Pipe && (t->fd1 != 0 || !t->child[0] || !t->child[1]))
        return true;
    bool dollar = t->kind == Kind::Var || t->kind == Kind::Sub || t->kind == Kind::Count || t->kind == Kind::Flat;
    if (dollar && t->child[0] && t->child[0]->kind == Kind::Word && strchr("#\"", t->child[0]->str[0])
        && t->child[0]->str[0])
        return true;
    const Tree* after = t->kind == Kind::Pipe ? t->child[1] : t->kind == Kind::Redir || t->kind == Kind::Pipefd ? t->child[0] : nullptr;
    if (after) {
        Str target;
        tree_print(target, after);
        if (target.n && strchr(t->kind == Kind::Pipe ? "[" : "[<>", target.c_str()[0]))
            return true;
    }
    for (const Tree* c : t->child)
        if (unprintable(c))
            return true;
    return false;
}

std::string printed(const Tree* t)
{
    Str s;
    tree_print(s, t);
    return s.c_str();
}

void check_reprint(const Tree* t)
{
    std::string text = printed(t);
    std::string line = text + "\n";
    Source s;
    s.text = line.data();
    s.len = long(line.size());
    Lexer lx;
    int lineno = 1;
    lx.src = &s;
    lx.lineno = &lineno;
    lx.iflast = true;  // the line stood after an if in the original
    ParseResult r = parse_line(lx);
    must(!r.error.n, "printed text parses");
    must(printed(r.tree) == text, "printed text parses to the same tree");
    tree_free(r.tree);
    Tree* copy = tree_copy(t);
    must(printed(copy) == text, "a copy prints the same");
    tree_free(copy);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t n)
{
    std::string src(reinterpret_cast<const char*>(data), n);
    Source s;
    s.text = src.data();
    s.len = long(n);
    Lexer lx;
    int lineno = 1;
    lx.src = &s;
    lx.lineno = &lineno;
    for (size_t lines = 0;; lines++) {
        must(lines <= n + 1, "parsing ends");
        ParseResult r = parse_line(lx);
        if (r.eof)
            break;
        if (r.tree && !unprintable(r.tree))
            check_reprint(r.tree);
        tree_free(r.tree);
    }
    std::string subject = src.substr(0, n / 2);
    std::string pattern = src.substr(n / 2);
    match(subject.c_str(), pattern.c_str());
    return 0;
}
