// rc's parse trees: building, copying, freeing, and printing them back as rc text the
// way whatis and the fn# files of /env show function bodies (the same spacing rules as
// Plan 9's rc, so definitions round-trip between shells).
#include "syntax.h"

Tree* tree_new(Kind kind, Tree* c0, Tree* c1, Tree* c2)
{
    auto* t = new Tree;
    t->kind = kind;
    t->child[0] = c0;
    t->child[1] = c1;
    t->child[2] = c2;
    return t;
}

Tree* tree_word(const char* s, bool quoted)
{
    Tree* t = tree_new(Kind::Word);
    t->str = strdup(s);
    t->quoted = quoted;
    return t;
}

void tree_free(Tree* t)
{
    // Long word lists lean left and long command sequences right: follow those chains
    // in a loop so that freeing them needs no deep recursion.
    while (t) {
        bool right = t->kind == Kind::Seq;
        Tree* next = t->child[right ? 1 : 0];
        tree_free(t->child[right ? 0 : 1]);
        tree_free(t->child[2]);
        free(t->str);
        delete t;
        t = next;
    }
}

Tree* tree_copy(const Tree* t)
{
    if (!t)
        return nullptr;
    auto* c = new Tree(*t);
    if (t->str)
        c->str = strdup(t->str);
    for (int i = 0; i < 3; i++)
        c->child[i] = tree_copy(t->child[i]);
    return c;
}

namespace {

void fd_spec(Str& out, int fd)
{
    out.add('[');
    out.add_int(fd);
    out.add(']');
}

void print_redir(Str& out, const Tree* t)
{
    switch (t->rtype) {
    case Rtype::Here:
        out.add("<<");
        break;
    case Rtype::Read:
        out.add('<');
        break;
    case Rtype::Rdwr:
        out.add("<>");
        break;
    case Rtype::Append:
        out.add(">>");
        break;
    default:
        out.add('>');
        break;
    }
    bool is_input = t->rtype == Rtype::Here || t->rtype == Rtype::Read || t->rtype == Rtype::Rdwr;
    if (t->fd0 != (is_input ? 0 : 1))
        fd_spec(out, t->fd0);
}

// A word's text without its GLOB marks (a marked GLOB, from the input, stays).
void print_unquoted(Str& out, const char* s)
{
    for (; *s; s++) {
        if (*s == GLOB && *++s == 0)
            break;
        out.add(*s);
    }
}

}  // namespace

namespace {

// A left-leaning Words or Arglist chain: its items in order, one space between (items
// taken out of an Arglist, its redirections, are null). A loop, since chains are long.
void print_list(Str& out, const Tree* t)
{
    int n = 0;
    const Tree* u = t;
    for (; u && u->kind == t->kind; u = u->child[0])
        n++;
    auto** items = static_cast<const Tree**>(malloc((n + 1) * sizeof(Tree*)));
    items[0] = u;
    int i = n;
    for (u = t; u && u->kind == t->kind; u = u->child[0])
        items[i--] = u->child[1];
    bool any = false;
    for (i = 0; i <= n; i++) {
        if (!items[i])
            continue;
        if (any)
            out.add(' ');
        tree_print(out, items[i]);
        any = true;
    }
    free(items);
}

}  // namespace

void tree_print(Str& out, const Tree* t)
{
    if (!t)
        return;
    const Tree* c0 = t->child[0];
    const Tree* c1 = t->child[1];
    const Tree* c2 = t->child[2];
    switch (t->kind) {
    case Kind::Word:
        if (t->quoted) {
            out.add('\'');
            for (const char* s = t->str; *s; s++) {
                if (*s == '\'')
                    out.add('\'');
                out.add(*s);
            }
            out.add('\'');
        } else {
            print_unquoted(out, t->str);
        }
        break;
    case Kind::Var:
        out.add('$');
        tree_print(out, c0);
        break;
    case Kind::Flat:
        out.add("$\"");
        tree_print(out, c0);
        break;
    case Kind::Count:
        out.add("$#");
        tree_print(out, c0);
        break;
    case Kind::Sub:
        out.add('$');
        tree_print(out, c0);
        out.add('(');
        tree_print(out, c1);
        out.add(')');
        break;
    case Kind::Backq:
        out.add('`');
        tree_print(out, c0);
        break;
    case Kind::List:
    case Kind::Pcmd:
        out.add('(');
        tree_print(out, c0);
        out.add(')');
        break;
    case Kind::Concat:
        tree_print(out, c0);
        out.add('^');
        tree_print(out, c1);
        break;
    case Kind::Words:
    case Kind::Arglist:
        print_list(out, t);
        break;
    case Kind::Simple:
        tree_print(out, c0);
        break;
    case Kind::Brace:
        out.add('{');
        tree_print(out, c0);
        out.add('}');
        break;
    case Kind::Seq:
        tree_print(out, c0);
        if (c0 && c1)
            out.add(';');
        tree_print(out, c1);
        break;
    case Kind::Async:
        tree_print(out, c0);
        out.add('&');
        break;
    case Kind::Andand:
    case Kind::Oror:
        tree_print(out, c0);
        out.add(t->kind == Kind::Andand ? " && " : " || ");
        tree_print(out, c1);
        break;
    case Kind::Pipe:
        tree_print(out, c0);
        out.add('|');
        if (t->fd1 != 0) {  // printed [left=right], the reverse of how |[right=left] is written
            out.add('[');
            out.add_int(t->fd0);
            out.add('=');
            out.add_int(t->fd1);
            out.add(']');
        } else if (t->fd0 != 1) {
            fd_spec(out, t->fd0);
        }
        tree_print(out, c1);
        break;
    case Kind::Bang:
        out.add("! ");
        tree_print(out, c0);
        break;
    case Kind::Subshell:
        out.add("@ ");
        tree_print(out, c0);
        break;
    case Kind::Redir:
    case Kind::Pipefd:
        print_redir(out, t);
        tree_print(out, c0);
        if (c1) {
            out.add(' ');
            tree_print(out, c1);
        }
        break;
    case Kind::Dup:
        out.add(">[");
        out.add_int(t->fd0);
        out.add('=');
        if (t->rtype == Rtype::Dupfd)
            out.add_int(t->fd1);
        out.add(']');
        tree_print(out, c1);
        break;
    case Kind::Assign:
        tree_print(out, c0);
        out.add('=');
        tree_print(out, c1);
        if (c2) {
            out.add(' ');
            tree_print(out, c2);
        }
        break;
    case Kind::If:
        out.add("if");
        tree_print(out, c0);
        tree_print(out, c1);
        break;
    case Kind::Ifnot:
        out.add("if not ");
        tree_print(out, c0);
        break;
    case Kind::For:
        out.add("for(");
        tree_print(out, c0);
        if (c1) {
            out.add(" in ");
            tree_print(out, c1);
        }
        out.add(')');
        tree_print(out, c2);
        break;
    case Kind::While:
        out.add("while ");
        tree_print(out, c0);
        tree_print(out, c1);
        break;
    case Kind::Switch:
        out.add("switch ");
        tree_print(out, c0);
        out.add(' ');
        tree_print(out, c1);
        break;
    case Kind::Twiddle:
        out.add("~ ");
        tree_print(out, c0);
        out.add(' ');
        tree_print(out, c1);
        break;
    case Kind::Fn:
        out.add("fn ");
        tree_print(out, c0);
        out.add(' ');
        tree_print(out, c1);
        break;
    }
}
