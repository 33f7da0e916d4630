// rc's lexer. Characters come from a Source; the line count is advanced, and the prompt
// shown, just before the first character of each line is read, as in Plan 9's rc (so
// errors on a script's first line are reported as line 2, exactly as there). Free carets
// are inserted here: a word directly followed by the start of another word yields '^',
// and a word directly followed by '(' yields a subscript.
#include "syntax.h"

namespace {

int rawc(Source& s)
{
    if (s.text)
        return s.pos < s.len ? static_cast<int>(static_cast<unsigned char>(s.text[s.pos++])) : static_cast<int>(Teof);
    if (s.bufpos == s.buflen) {
        long n = s.fill ? s.fill(s.arg, s.buf, sizeof s.buf) : 0;
        if (n <= 0)
            return Teof;
        s.bufpos = 0;
        s.buflen = n;
    }
    return static_cast<unsigned char>(s.buf[s.bufpos++]);
}

int getnext(Lexer& lx)
{
    if (lx.doprompt) {
        if (lx.prompt)
            lx.prompt(lx.hook_arg);
        if (lx.lineno)
            ++*lx.lineno;
        lx.doprompt = false;
    }
    int c;
    if (lx.after_backslash != -2) {
        c = lx.after_backslash;
        lx.after_backslash = -2;
    } else {
        c = rawc(*lx.src);
        if (c == '\\' && !lx.inquote) {
            int d = rawc(*lx.src);
            if (d == '\n' && !lx.incomment) {
                if (lx.echo) {
                    lx.echo(lx.hook_arg, '\\');
                    lx.echo(lx.hook_arg, '\n');
                }
                lx.doprompt = true;
                return ' ';
            }
            lx.after_backslash = d;
        }
    }
    if (c == '\n' || c == Teof)
        lx.doprompt = true;
    if (c != Teof && lx.echo)
        lx.echo(lx.hook_arg, c);
    return c;
}

bool nextis(Lexer& lx, int c)
{
    if (lex_nextc(lx) == c) {
        lex_advance(lx);
        return true;
    }
    return false;
}

void skipwhite(Lexer& lx)
{
    for (;;) {
        int c = lex_nextc(lx);
        if (c == '#') {
            lx.incomment = true;
            while ((c = lex_nextc(lx)) != '\n' && c != Teof)
                lex_advance(lx);
            lx.incomment = false;
        }
        if (c != ' ' && c != '\t')
            return;
        lex_advance(lx);
    }
}

// A malformed [..] after a redirection or pipe: the lexer reports it (as Plan 9's rc
// does, with the token as read so far) and returns end of file, which the parser then
// reports as a syntax error too.
int bracket_error(Lexer& lx, Tree* t, Tree** val)
{
    lx.error.clear();
    lx.error.add(t->kind == Kind::Pipe ? "pipe syntax" : "redirection syntax");
    tree_free(t);
    *val = nullptr;
    return Teof;
}

int redirection(Lexer& lx, int c, Tree** val)
{
    Tree* t = tree_new(Kind::Redir);
    lx.tok.add(static_cast<char>(c));
    if (c == '|') {
        t->kind = Kind::Pipe;
        t->fd0 = 1;
        t->fd1 = 0;
    } else if (c == '>') {
        t->rtype = nextis(lx, '>') ? Rtype::Append : Rtype::Write;
        if (t->rtype == Rtype::Append)
            lx.tok.add('>');
        t->fd0 = 1;
    } else {
        if (nextis(lx, '<')) {
            t->rtype = Rtype::Here;
            lx.tok.add('<');
        } else if (nextis(lx, '>')) {
            t->rtype = Rtype::Rdwr;
            lx.tok.add('>');
        } else {
            t->rtype = Rtype::Read;
        }
        t->fd0 = 0;
    }
    if (nextis(lx, '[')) {
        // The token text grows as Plan 9's lexer grows it (the first digit twice), since
        // it appears in the error messages.
        lx.tok.add('[');
        int d = lex_advance(lx);
        if (d != Teof)
            lx.tok.add(static_cast<char>(d));
        if (d < '0' || d > '9')
            return bracket_error(lx, t, val);
        int n = 0;
        do {
            n = n * 10 + (d - '0');
            if (n > 1000000)
                return bracket_error(lx, t, val);
            lx.tok.add(static_cast<char>(d));
            d = lex_advance(lx);
        } while (d >= '0' && d <= '9');
        bool has_eq = d == '=';
        int m = -1;
        if (has_eq) {
            lx.tok.add('=');
            d = lex_advance(lx);
            if (d >= '0' && d <= '9') {
                m = 0;
                do {
                    m = m * 10 + (d - '0');
                    if (m > 1000000)
                        return bracket_error(lx, t, val);
                    lx.tok.add(static_cast<char>(d));
                    d = lex_advance(lx);
                } while (d >= '0' && d <= '9');
            } else if (t->kind == Kind::Pipe) {
                return bracket_error(lx, t, val);
            }
        }
        bool here_or_append = t->rtype == Rtype::Here || t->rtype == Rtype::Append;
        if (d != ']' || (has_eq && t->kind != Kind::Pipe && here_or_append))
            return bracket_error(lx, t, val);
        lx.tok.add(']');
        if (t->kind == Kind::Pipe) {
            if (has_eq) {  // |[right=left]
                t->fd0 = m;
                t->fd1 = n;
            } else {
                t->fd0 = n;
            }
        } else if (has_eq) {
            t->kind = Kind::Dup;
            t->fd0 = n;
            t->rtype = m < 0 ? Rtype::Close : Rtype::Dupfd;
            t->fd1 = m < 0 ? 0 : m;
        } else {
            t->fd0 = n;
        }
    }
    *val = t;
    if (t->kind == Kind::Pipe) {
        lex_skipnl(lx);
        return Tpipe;
    }
    return t->kind == Kind::Dup ? Tdup : Tredir;
}

struct Keyword {
    const char* name;
    int token;
};
const Keyword keywords[] = {
    {"for", Tfor}, {"in", Tin}, {"while", Twhile}, {"if", Tif}, {"not", Tnot}, {"~", Ttwiddle},
    {"!", Tbang}, {"@", Tsubshell}, {"switch", Tswitch}, {"fn", Tfn},
};

int quoted_word(Lexer& lx, Tree** val)
{
    Str w;
    lx.inquote = true;
    for (;;) {
        int c = lex_advance(lx);
        if (c == Teof)
            break;
        if (c == '\'') {
            if (lex_nextc(lx) != '\'')
                break;
            lex_advance(lx);
        }
        w.add(static_cast<char>(c));
    }
    lx.inquote = false;
    if (lx.lastc == Teof) {
        lx.tok.clear();
        lx.tok.add("EOF");
        *val = nullptr;
        return Teof;
    }
    lx.tok.clear();
    lx.tok.add(w.c_str());
    *val = tree_word(w.c_str(), true);
    lx.lastword = true;
    lx.lastdol = false;
    return Tword;
}

}  // namespace

// Reads the bodies of the here documents of the line just ended, each up to a line that
// is exactly its terminator.
void lex_heredocs(Lexer& lx)
{
    lx.after_newline = false;
    if (!lx.heredocs)
        return;
    Heredoc* list = lx.heredocs;
    lx.heredocs = nullptr;
    // They were pushed as met: reverse into source order.
    Heredoc* ordered = nullptr;
    while (list) {
        Heredoc* next = list->next;
        list->next = ordered;
        ordered = list;
        list = next;
    }
    lx.inquote = true;
    while (Heredoc* h = ordered) {
        ordered = h->next;
        const char* tag = h->redir->child[0] ? h->redir->child[0]->str : "";
        Str body, line;
        for (;;) {
            int c = lex_advance(lx);
            if (c == Teof)
                break;
            if (c != '\n') {
                line.add(static_cast<char>(c));
                continue;
            }
            if (strcmp(line.c_str(), tag) == 0)
                break;
            body.add(line.c_str(), line.n);
            body.add('\n');
            line.clear();
        }
        if (lx.lastc == Teof && strcmp(line.c_str(), tag) != 0)
            body.add(line.c_str(), line.n);
        free(h->redir->str);
        bool quoted = h->redir->child[0] && h->redir->child[0]->quoted;
        if (!quoted && lx.subst) {
            Str done;
            lx.subst(lx.hook_arg, body.c_str(), done);
            h->redir->str = done.take();
        } else {
            h->redir->str = body.take();
        }
        delete h;
    }
    lx.inquote = false;
}

bool wordchr(int c)
{
    return c != Teof && !strchr("\n \t#;&|^$=`'{}()<>", c) && c != 0;
}

bool idchr(int c)
{
    // Names are letters, digits, _ and *, plus anything beyond ASCII.
    return c > ' ' && !strchr("!\"#$%&'()+,-./:;<=>?@[\\]^`{|}~", c);
}

int lex_nextc(Lexer& lx)
{
    if (lx.peekc == -2)
        lx.peekc = getnext(lx);
    return lx.peekc;
}

int lex_advance(Lexer& lx)
{
    int c = lex_nextc(lx);
    lx.lastc = c;
    lx.peekc = -2;
    return c;
}

void lex_skipnl(Lexer& lx)
{
    for (;;) {
        skipwhite(lx);
        if (lex_nextc(lx) != '\n')
            return;
        lex_advance(lx);
    }
}

int lex(Lexer& lx, Tree** val)
{
    *val = nullptr;
    if (lx.after_newline)
        lex_heredocs(lx);
    lx.tok.clear();
    int d = lex_nextc(lx);
    if (lx.lastword) {
        lx.lastword = false;
        if (d == '(') {
            lex_advance(lx);
            lx.tok.add("( [SUB]");
            return Tsub;
        }
        if (wordchr(d) || d == '\'' || d == '`' || d == '$' || d == '"') {
            lx.tok.add('^');
            return '^';
        }
    }
    lx.inquote = false;
    skipwhite(lx);
    int c = lex_advance(lx);
    switch (c) {
    case Teof:
        lx.lastdol = false;
        lx.tok.add("EOF");
        return Teof;
    case '$':
        lx.lastdol = true;
        if (nextis(lx, '#')) {
            lx.tok.add("$#");
            return Tcount;
        }
        if (nextis(lx, '"')) {
            lx.tok.add("$\"");
            return Tflat;
        }
        lx.tok.add('$');
        return '$';
    case '&':
        lx.lastdol = false;
        if (nextis(lx, '&')) {
            lex_skipnl(lx);
            lx.tok.add("&&");
            return Tandand;
        }
        lx.tok.add('&');
        return '&';
    case '|':
        lx.lastdol = false;
        if (nextis(lx, '|')) {
            lex_skipnl(lx);
            lx.tok.add("||");
            return Toror;
        }
        return redirection(lx, c, val);
    case '<':
    case '>':
        lx.lastdol = false;
        return redirection(lx, c, val);
    case '\'':
        return quoted_word(lx, val);
    default:
        break;
    }
    if (!wordchr(c)) {
        lx.lastdol = false;
        lx.tok.add(static_cast<char>(c));
        lx.after_newline = c == '\n';
        return c;
    }
    Str w;
    for (;;) {
        if (c == '*' || c == '[' || c == '?' || c == GLOB)
            w.add(GLOB);
        w.add(static_cast<char>(c));
        lx.tok.add(static_cast<char>(c));
        c = lex_nextc(lx);
        if (!wordchr(c) || (lx.lastdol && !idchr(c)))
            break;
        lex_advance(lx);
    }
    lx.lastdol = false;
    for (const Keyword& k : keywords)
        if (strcmp(lx.tok.c_str(), k.name) == 0) {
            *val = tree_word(w.c_str(), false);
            return k.token;
        }
    lx.lastword = true;
    *val = tree_word(w.c_str(), false);
    return Tword;
}
