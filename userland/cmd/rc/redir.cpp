// Redirections. rc opens the file itself (so errors are its own), then pushes an entry on
// the redirection stack; children apply the whole stack, oldest first, just before they
// run, and builtins find where a descriptor really goes with redir_fd. Here documents
// arrive through a pipe, written directly when short or by a child when long.
#include "rc.h"

namespace {

void push(Redir::Op op, int from, int to)
{
    sh.redir = new Redir{op, from, to, sh.redir};
}

enum { Shortdoc = 4096 };  // a pipe holds at least this much: no writer process needed

int heredoc_fd(Tree* t)
{
    Str text;  // substituted as it was read (lex.cpp)
    text.add(t->str ? t->str : "");
    int p[2];
    if (pipe(p) < 0)
        return -1;
    if (text.n <= Shortdoc) {
        write(p[1], text.c_str(), text.n);
        close(p[1]);
        return p[0];
    }
    int pid = fork_child();
    if (pid == 0) {
        close(p[0]);
        write(p[1], text.c_str(), text.n);
        _exits(nullptr);
    }
    close(p[1]);
    return pid < 0 ? (close(p[0]), -1) : p[0];
}

void open_error(const char* file)
{
    Str msg;
    msg.add("can't open ");
    msg.add(file);
    msg.add(": ");
    char err[ERRMAX];
    rerrstr(err, sizeof err);
    msg.add(err);
    rc_error(msg.c_str());
}

void apply(Redir* r)
{
    if (!r)
        return;
    apply(r->next);
    switch (r->op) {
    case Redir::Open:
        if (r->from != r->to) {
            dup(r->from, r->to);
            close(r->from);
        }
        break;
    case Redir::Dup:
        dup(r->from, r->to);
        break;
    case Redir::Close:
        close(r->to);
        break;
    }
}

void free_stack(Redir* r)
{
    while (r) {
        Redir* next = r->next;
        delete r;
        r = next;
    }
}

}  // namespace

bool redir_push(Tree* t)
{
    if (t->kind == Kind::Dup) {
        if (t->rtype == Rtype::Close)
            push(Redir::Close, -1, t->fd0);
        else
            push(Redir::Dup, t->fd1, t->fd0);
        return true;
    }
    int fd;
    const char* file = "here document";
    char* name = nullptr;
    if (t->rtype == Rtype::Here) {
        fd = heredoc_fd(t);
    } else {
        // The target is globbed, and must then be one word.
        Words target = eval_words(t->child[0]);
        if (sh.unwinding)
            return false;
        if (target.n != 1) {
            static const char* const op[] = {"", "<", ">", ">>", "<<", "<>"};
            Str msg;
            msg.add(op[static_cast<int>(t->rtype)]);
            msg.add(" requires singleton");
            rc_error(msg.c_str());
            return false;
        }
        name = target.v[0];
        target.v[0] = nullptr;
        target.n = 0;
        file = name;
        switch (t->rtype) {
        case Rtype::Read:
            fd = open(name, OREAD);
            break;
        case Rtype::Rdwr:
            fd = open(name, ORDWR);
            break;
        case Rtype::Append:
            fd = open(name, OWRITE);
            if (fd < 0)
                fd = create(name, OWRITE, 0666);
            else
                seek(fd, 0, 2);
            break;
        default:
            fd = create(name, OWRITE, 0666);
            break;
        }
    }
    if (fd < 0) {
        open_error(file);
        free(name);
        return false;
    }
    free(name);
    push(Redir::Open, fd, t->fd0);
    return true;
}

void redir_pop()
{
    Redir* r = sh.redir;
    if (!r)
        return;
    sh.redir = r->next;
    if (r->op == Redir::Open)
        close(r->from);
    delete r;
}

void redir_apply_all()
{
    apply(sh.redir);
    free_stack(sh.redir);
    sh.redir = nullptr;
}

int redir_fd(int fd)
{
    for (Redir* r = sh.redir; r; r = r->next) {
        if (r->to != fd)
            continue;
        switch (r->op) {
        case Redir::Open:
            return r->from;
        case Redir::Close:
            return -1;
        case Redir::Dup:
            fd = r->from;  // where the copied descriptor went at that point
            continue;
        }
    }
    return fd;
}
