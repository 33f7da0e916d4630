// rc's parser: recursive descent over the grammar of Plan 9's rc (its yacc grammar's
// precedences: | binds tightest, then ! @ and prefix assignments/redirections, then && ||,
// and if/for/while bodies take everything after them). Trees have the shapes Plan 9's rc
// builds, so they print back (tree_print) the same way. Lists of words, arguments and
// commands are built without recursion, so long lines cannot exhaust the stack.
#include "syntax.h"

namespace {

struct Parser {
    Lexer& lx;
    int tok = 0;
    Tree* val = nullptr;
    bool failed = false;
    Str error;
    const char* status = "syntax error";
    int error_line = 0;

    explicit Parser(Lexer& l) : lx(l) {}
    ~Parser() { tree_free(val); }

    void advance()
    {
        tree_free(val);
        tok = lex(lx, &val);
    }
    Tree* take()
    {
        Tree* t = val;
        val = nullptr;
        return t;
    }
};

bool is_keyword(int tok)
{
    return tok >= Tfor && tok <= Tfn;
}

void syntax_error(Parser& p)
{
    if (p.failed)
        return;
    p.failed = true;
    p.error_line = p.lx.lineno ? *p.lx.lineno : 0;
    auto report = [&](const char* what) {
        const char* tok = p.lx.tok.c_str();
        if (tok[0] && tok[0] != '\n') {
            p.error.add("token ");
            quote_word(p.error, tok);
            p.error.add(": ");
        }
        p.error.add(what);
    };
    if (p.lx.error.n) {
        report(p.lx.error.c_str());
        p.error.add('\n');
        p.lx.error.clear();
    }
    report("syntax error");
}

// Is the token the one closing what inner began? If not: a syntax error, inner freed.
bool closing(Parser& p, int closer, Tree* inner)
{
    if (!p.failed && p.tok == closer)
        return true;
    syntax_error(p);
    tree_free(inner);
    return false;
}

// A keyword used where a word is expected is just a word.
Tree* keyword_word(Parser& p)
{
    Tree* t = p.take();
    p.advance();
    return t;
}

Tree* brace(Parser& p);
Tree* word(Parser& p);
Tree* cmd(Parser& p);
Tree* pipeline(Parser& p);

// An error with its own message (and $status), not "syntax error".
void plain_error(Parser& p, const char* msg)
{
    if (p.failed)
        return;
    p.failed = true;
    p.error_line = p.lx.lineno ? *p.lx.lineno : 0;
    p.status = msg;
    p.error.add(msg);
}

bool word_start(int tok)
{
    return tok == Tword || tok == '$' || tok == Tcount || tok == Tflat || tok == '`' || tok == '(';
}

Tree* comword(Parser& p);

// The operand of $, $# and $": one word piece, keywords allowed.
Tree* var_name(Parser& p)
{
    if (is_keyword(p.tok))
        return keyword_word(p);
    if (!word_start(p.tok)) {
        syntax_error(p);
        return nullptr;
    }
    return comword(p);
}

Tree* words(Parser& p)
{
    Tree* list = nullptr;
    while (!p.failed && (word_start(p.tok) || is_keyword(p.tok) || p.tok == Tredir)) {
        Tree* w = word(p);
        if (!w)
            break;
        list = tree_new(Kind::Words, list, w);
    }
    return list;
}

// <{cmd} or >{cmd}: the redirection token is current and the next token is '{'.
Tree* pipefd(Parser& p, Tree* redir)
{
    redir->kind = Kind::Pipefd;
    redir->child[0] = brace(p);
    return redir;
}

Tree* comword(Parser& p)
{
    switch (p.tok) {
    case '$': {
        p.advance();
        Tree* name = var_name(p);
        if (!name)
            return nullptr;
        if (p.tok != Tsub)
            return tree_new(Kind::Var, name);
        p.advance();
        Tree* sub = tree_new(Kind::Sub, name, words(p));
        if (!closing(p, ')', sub))
            return nullptr;
        p.advance();
        return sub;
    }
    case Tcount:
    case Tflat: {
        Kind k = p.tok == Tcount ? Kind::Count : Kind::Flat;
        p.advance();
        Tree* name = var_name(p);
        return name ? tree_new(k, name) : nullptr;
    }
    case Tword:
        return keyword_word(p);
    case '`': {
        p.advance();
        if (p.tok != '{') {
            syntax_error(p);
            return nullptr;
        }
        Tree* b = brace(p);
        return b ? tree_new(Kind::Backq, b) : nullptr;
    }
    case '(': {
        p.advance();
        Tree* list = tree_new(Kind::List, words(p));
        if (!closing(p, ')', list))
            return nullptr;
        p.advance();
        return list;
    }
    case Tredir: {
        Tree* r = p.take();
        p.advance();
        if (p.tok != '{') {
            tree_free(r);
            syntax_error(p);
            return nullptr;
        }
        return pipefd(p, r);
    }
    default:
        syntax_error(p);
        return nullptr;
    }
}

// Pieces joined by ^, left to right. A keyword may be a piece unless first_word.
Tree* concat(Parser& p, bool first_word)
{
    Tree* t = (!first_word && is_keyword(p.tok)) ? keyword_word(p) : comword(p);
    while (t && p.tok == '^') {
        p.advance();
        Tree* r = is_keyword(p.tok) ? keyword_word(p) : comword(p);
        if (!r) {
            tree_free(t);
            return nullptr;
        }
        t = tree_new(Kind::Concat, t, r);
    }
    return t;
}

Tree* word(Parser& p)
{
    return concat(p, false);
}

void note_heredoc(Parser& p, Tree* r)
{
    if (r->rtype != Rtype::Here)
        return;
    if (r->child[0]->kind != Kind::Word) {  // the terminator must be one plain word
        plain_error(p, "Bad here tag");
        return;
    }
    deglob(r->child[0]->str);
    p.lx.heredocs = new Heredoc{r, p.lx.heredocs};
}

// The word a redirection r (already taken) sends to or takes from.
Tree* redir_target(Parser& p, Tree* r)
{
    Tree* w = word(p);
    if (!w) {
        tree_free(r);
        syntax_error(p);
        return nullptr;
    }
    r->child[0] = w;
    note_heredoc(p, r);
    return r;
}

// A redirection token is current: its target word follows (Dup has none).
Tree* redirection(Parser& p)
{
    Tree* r = p.take();
    p.advance();
    return r->kind == Kind::Dup ? r : redir_target(p, r);
}

// A Tredir token is current. Either it begins a <{cmd} or >{cmd} word, with any ^ pieces
// after it (is_word is set), or it is a redirection to the word after it.
Tree* redir_or_pipefd(Parser& p, bool& is_word)
{
    Tree* r = p.take();
    p.advance();
    is_word = p.tok == '{';
    if (!is_word)
        return redir_target(p, r);
    Tree* a = pipefd(p, r);
    while (a && p.tok == '^') {
        p.advance();
        Tree* rest = word(p);
        a = rest ? tree_new(Kind::Concat, a, rest) : (tree_free(a), nullptr);
    }
    return a;
}

Tree* brace(Parser& p);

// Commands separated by ; or & (and newlines too in a body), up to a token that ends
// the sequence: a line's newline, a body's } or ). Built as Plan 9's rc builds it: a
// right-leaning chain of Seq nodes in which empty commands leave no trace.
Tree* sequence(Parser& p, bool newlines)
{
    Tree** items = nullptr;
    int n = 0, cap = 0;
    for (;;) {
        Tree* c = cmd(p);
        if (p.failed) {
            tree_free(c);
            break;
        }
        if (c) {  // `if not if(...)` chains: the if inside counts
            Tree* last = c;
            while (last && last->kind == Kind::Ifnot)
                last = last->child[0];
            p.lx.iflast = last && last->kind == Kind::If;
        }
        bool more = p.tok == ';' || p.tok == '&' || (newlines && p.tok == '\n');
        if (more && p.tok == '&')
            c = tree_new(Kind::Async, c);
        if (c) {
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                items = static_cast<Tree**>(realloc(items, cap * sizeof(Tree*)));
            }
            items[n++] = c;
        }
        if (!more)
            break;
        p.advance();
    }
    Tree* chain = n ? items[--n] : nullptr;
    while (n > 0)
        chain = tree_new(Kind::Seq, items[--n], chain);
    free(items);
    if (p.failed) {
        tree_free(chain);
        return nullptr;
    }
    return chain;
}

Tree* body(Parser& p)
{
    return sequence(p, true);
}

Tree* brace(Parser& p)
{
    // p.tok is '{'
    p.advance();
    Tree* b = tree_new(Kind::Brace, body(p));
    if (!closing(p, '}', b))
        return nullptr;
    p.advance();
    return b;
}

// ( body ) of if and while; the newlines after it are skipped.
Tree* paren(Parser& p)
{
    if (p.tok != '(') {
        syntax_error(p);
        return nullptr;
    }
    p.advance();
    Tree* b = tree_new(Kind::Pcmd, body(p));
    if (!closing(p, ')', b))
        return nullptr;
    lex_skipnl(p.lx);
    p.advance();
    return b;
}

Tree* simplemung(Tree* args)
{
    Tree* result = tree_new(Kind::Simple, args);
    for (Tree* u = args; u && u->kind == Kind::Arglist; u = u->child[0]) {
        Tree* r = u->child[1];
        if (r && (r->kind == Kind::Redir || r->kind == Kind::Dup)) {
            r->child[1] = result;
            result = r;
            u->child[1] = nullptr;
        }
    }
    return result;
}

Tree* simple_or_assign(Parser& p, Tree* first)
{
    if (!first)
        return nullptr;
    if (p.tok == '=') {
        p.advance();
        Tree* value = word(p);
        if (!value) {
            tree_free(first);
            syntax_error(p);
            return nullptr;
        }
        Tree* c = pipeline(p);
        return tree_new(Kind::Assign, first, value, c);
    }
    Tree* args = first;
    while (!p.failed) {
        Tree* a;
        if (p.tok == Tredir) {
            bool is_word;
            a = redir_or_pipefd(p, is_word);
        } else if (p.tok == Tdup) {
            a = p.take();
            p.advance();
        } else if (word_start(p.tok) || is_keyword(p.tok)) {
            a = word(p);
        } else {
            break;
        }
        if (!a)
            break;
        args = tree_new(Kind::Arglist, args, a);
    }
    if (p.failed) {
        tree_free(args);
        return nullptr;
    }
    return simplemung(args);
}

Tree* primary(Parser& p)
{
    switch (p.tok) {
    case '{': {
        Tree* b = brace(p);
        if (!b)
            return nullptr;
        // Redirections after the brace wrap it, the first outermost.
        Tree* epilog = nullptr;
        Tree** hole = &epilog;
        while (!p.failed && (p.tok == Tredir || p.tok == Tdup)) {
            Tree* r = redirection(p);
            if (!r)
                break;
            *hole = r;
            hole = &r->child[1];
        }
        *hole = b;
        if (p.failed) {
            tree_free(epilog);
            return nullptr;
        }
        return epilog;
    }
    case Tif: {
        p.advance();
        if (p.tok == Tnot) {
            if (!p.lx.iflast) {  // checked while parsing, as in Plan 9's rc
                plain_error(p, "`if not' does not follow `if(...)'");
                return nullptr;
            }
            lex_skipnl(p.lx);
            p.advance();
            Tree* c = cmd(p);
            return p.failed ? (tree_free(c), nullptr) : tree_new(Kind::Ifnot, c);
        }
        Tree* cond = paren(p);
        if (!cond)
            return nullptr;
        Tree* c = cmd(p);
        return tree_new(Kind::If, cond, c);
    }
    case Tfor: {
        p.advance();
        if (p.tok != '(') {
            syntax_error(p);
            return nullptr;
        }
        p.advance();
        Tree* var = word(p);
        if (!var)
            return nullptr;
        Tree* f = tree_new(Kind::For, var);
        if (p.tok == Tin) {  // for(x in) loops over nothing: an empty List tells it from for(x)
            p.advance();
            f->child[1] = words(p);
            if (!f->child[1])
                f->child[1] = tree_new(Kind::List);
        }
        if (!closing(p, ')', f))
            return nullptr;
        lex_skipnl(p.lx);
        p.advance();
        f->child[2] = cmd(p);
        return f;
    }
    case Twhile: {
        p.advance();
        Tree* cond = paren(p);
        if (!cond)
            return nullptr;
        Tree* c = cmd(p);
        return tree_new(Kind::While, cond, c);
    }
    case Tswitch: {
        p.advance();
        Tree* w = word(p);
        if (!w)
            return nullptr;
        // Newlines may come before the brace. Like Plan 9's yacc parser, skip them after
        // the token following the word has been read (it shows in error line numbers).
        lex_skipnl(p.lx);
        if (p.tok == '\n')
            p.advance();
        if (p.tok != '{') {
            tree_free(w);
            syntax_error(p);
            return nullptr;
        }
        Tree* b = brace(p);
        return b ? tree_new(Kind::Switch, w, b) : (tree_free(w), nullptr);
    }
    case Ttwiddle: {
        p.advance();
        Tree* subject = word(p);
        if (!subject)
            return nullptr;
        return tree_new(Kind::Twiddle, subject, words(p));
    }
    case Tfn: {
        p.advance();
        Tree* names = words(p);
        if (p.tok != '{')
            return tree_new(Kind::Fn, names);
        Tree* b = brace(p);
        return b ? tree_new(Kind::Fn, names, b) : (tree_free(names), nullptr);
    }
    default:
        if (!word_start(p.tok))
            return nullptr;  // the empty command
        return simple_or_assign(p, concat(p, true));
    }
}

Tree* unary(Parser& p)
{
    switch (p.tok) {
    case Tbang:
    case Tsubshell: {
        Kind k = p.tok == Tbang ? Kind::Bang : Kind::Subshell;
        p.advance();
        Tree* c = pipeline(p);
        return tree_new(k, c);
    }
    case Tredir: {
        bool is_word;
        Tree* r = redir_or_pipefd(p, is_word);
        if (is_word)  // <{cmd} starting a simple command
            return simple_or_assign(p, r);
        if (r)
            r->child[1] = pipeline(p);
        return r;
    }
    case Tdup: {
        Tree* d = p.take();
        p.advance();
        d->child[1] = pipeline(p);
        return d;
    }
    default:
        return primary(p);
    }
}

Tree* pipeline(Parser& p)
{
    Tree* t = unary(p);
    while (!p.failed && p.tok == Tpipe) {
        Tree* pipe = p.take();
        p.advance();
        pipe->child[0] = t;
        pipe->child[1] = unary(p);
        t = pipe;
    }
    return t;
}

Tree* cmd(Parser& p)
{
    Tree* t = pipeline(p);
    while (!p.failed && (p.tok == Tandand || p.tok == Toror)) {
        Kind k = p.tok == Tandand ? Kind::Andand : Kind::Oror;
        p.advance();
        t = tree_new(k, t, pipeline(p));
    }
    return t;
}

void drop_heredocs(Lexer& lx)
{
    while (Heredoc* h = lx.heredocs) {
        lx.heredocs = h->next;
        delete h;
    }
}

}  // namespace

ParseResult parse_line(Lexer& lx)
{
    ParseResult r;
    Parser p(lx);
    p.advance();
    if (p.tok == Teof && !lx.error.n) {
        r.eof = true;
        return r;
    }
    Tree* t = sequence(p, false);
    if (!p.failed && p.tok != '\n')  // a line must end with a newline, even the last
        syntax_error(p);
    if (p.failed) {
        tree_free(t);
        drop_heredocs(lx);
        lx.lastword = lx.lastdol = false;
        while (lx.lastc != '\n' && lx.lastc != Teof)
            lex_advance(lx);
        r.error.add(p.error.c_str());
        r.status = p.status;
        r.error_line = p.error_line;
        return r;
    }
    if (p.tok == '\n')
        lex_heredocs(lx);
    r.tree = t;
    return r;
}
