// Evaluating words: variables, subscripts, $# and $", concatenation (pairwise or
// distributed, as rc defines ^), `{} substitution split on $ifs, <{} and >{} (a pipe to a
// child, named by its /fd file), and globbing of the words that hold GLOB marks.
#include "rc.h"

namespace {

Words eval_word(Tree* t);

// The items of a left-leaning Words or Arglist chain, in order (null items skipped).
int flatten(Tree* t, Tree**& items)
{
    int n = 0;
    for (Tree* u = t; u && (u->kind == Kind::Words || u->kind == Kind::Arglist); u = u->child[0])
        n++;
    items = static_cast<Tree**>(malloc((n + 1) * sizeof(Tree*)));
    int i = n;
    Tree* u = t;
    for (; u && (u->kind == Kind::Words || u->kind == Kind::Arglist); u = u->child[0])
        items[--i] = u->child[1];
    if (u) {  // a single word, or the first word of an Arglist
        memmove(items + 1, items, n * sizeof(Tree*));
        items[0] = u;
        n++;
    }
    return n;
}

Words concat(Words&& a, Words&& b)
{
    Words r;
    if (a.n == 0 || b.n == 0) {
        rc_error("null list in concatenation");
        return r;
    }
    if (a.n != 1 && b.n != 1 && a.n != b.n) {
        rc_error("mismatched list lengths in concatenation");
        return r;
    }
    int n = a.n > b.n ? a.n : b.n;
    for (int i = 0; i < n; i++) {
        Str s;
        s.add(a.v[a.n == 1 ? 0 : i]);
        s.add(b.v[b.n == 1 ? 0 : i]);
        r.push_own(s.take());
    }
    return r;
}

// n, n- or n-m (1-based); anything else selects nothing.
void subscript(const Words& val, const char* sub, Words& out)
{
    const char* s = sub;
    if (*s < '0' || *s > '9')
        return;
    long lo = 0;
    while (*s >= '0' && *s <= '9')
        lo = lo * 10 + (*s++ - '0');
    long hi = lo;
    if (*s == '-') {
        s++;
        if (*s == 0) {
            hi = val.n;
        } else {
            hi = 0;
            while (*s >= '0' && *s <= '9')
                hi = hi * 10 + (*s++ - '0');
        }
    }
    if (*s != 0)
        return;
    for (long i = lo; i <= hi && i <= val.n; i++)
        if (i >= 1)
            out.push(val.v[i - 1]);
}

// The n of a name made only of digits ($1, $#2), else 0 ($0 is an ordinary variable).
long positional(const char* name)
{
    long n = 0;
    for (const char* s = name; *s; s++) {
        if (*s < '0' || *s > '9' || n > 1000000)
            return 0;
        n = n * 10 + (*s - '0');
    }
    return n;
}

Words pipefd(Tree* t)
{
    Words r;
    int p[2];
    bool reader = t->rtype == Rtype::Read;  // <{cmd}: rc's command reads what cmd writes
    int pid = fork_with_pipe(p);
    if (pid < 0)
        return r;
    if (pid == 0) {
        int mine = reader ? p[1] : p[0];
        dup(mine, reader ? 1 : 0);
        close(p[0]);
        close(p[1]);
        run(t->child[0], true);
        rc_exit(get_status());
    }
    int keep = reader ? p[0] : p[1];
    close(reader ? p[1] : p[0]);
    sh.pipefds = static_cast<int*>(realloc(sh.pipefds, (sh.npipefds + 1) * sizeof(int)));
    sh.pipefds[sh.npipefds++] = keep;
    char name[32];
    snprint(name, sizeof name, "/fd/%d", keep);
    r.push(name);
    return r;
}

void split_ifs(const char* text, long n, Words& out)
{
    Str ifs;  // only the first word counts, as in Plan 9's rc
    const Words& w = var_value("ifs");
    ifs.add(w.n ? w.v[0] : "");
    Str cur;
    bool in_word = false;
    for (long i = 0; i < n; i++) {
        char c = text[i];
        if (c != 0 && strchr(ifs.c_str(), c)) {
            if (in_word)
                out.push_own(cur.take());
            in_word = false;
            continue;
        }
        cur.add(c);
        in_word = true;
    }
    if (in_word)
        out.push_own(cur.take());
}

Words backquote(Tree* brace)
{
    Words r;
    int p[2];
    int pid = fork_with_pipe(p);
    if (pid < 0)
        return r;
    if (pid == 0) {
        close(p[0]);
        dup(p[1], 1);
        close(p[1]);
        run(brace, true);
        rc_exit(get_status());
    }
    close(p[1]);
    Str text;
    char buf[8192];
    long n;
    while ((n = read(p[0], buf, sizeof buf)) > 0)
        text.add(buf, static_cast<int>(n));
    close(p[0]);
    wait_for(pid);
    split_ifs(text.c_str(), text.n, r);
    return r;
}

}  // namespace

char* eval_single(Tree* t, const char* what)
{
    Words w = eval_word(t);
    if (sh.unwinding)
        return nullptr;
    if (w.n != 1) {
        Str msg;
        msg.add(what);
        msg.add(" not singleton!");
        rc_error(msg.c_str());
        return nullptr;
    }
    char* s = w.v[0];
    w.v[0] = nullptr;
    w.n = 0;
    return deglob(s);
}

namespace {

Words eval_word(Tree* t)
{
    Words r;
    if (!t || sh.unwinding)
        return r;
    switch (t->kind) {
    case Kind::Word:
        r.push(t->str);
        break;
    case Kind::Var:
    case Kind::Count:
    case Kind::Flat:
    case Kind::Sub: {
        char* name = eval_single(t->child[0], "variable name");
        if (!name)
            break;
        const Words& val = var_value(name);
        long nth = positional(name);
        free(name);
        if (nth > 0 && t->kind == Kind::Var) {  // $n is the n-th element of $*
            const Words& star = var_value("*");
            if (nth <= star.n)
                r.push(star.v[nth - 1]);
        } else if (nth > 0 && t->kind == Kind::Count) {
            Str s;
            s.add_int(nth <= var_value("*").n ? 1 : 0);
            r.push_own(s.take());
        } else if (t->kind == Kind::Var) {
            r = val.copy();
        } else if (t->kind == Kind::Count) {
            Str s;
            s.add_int(val.n);
            r.push_own(s.take());
        } else if (t->kind == Kind::Flat) {
            Str s;
            for (int i = 0; i < val.n; i++) {
                if (i)
                    s.add(' ');
                s.add(val.v[i]);
            }
            r.push_own(s.take());
        } else {
            Words copy = val.copy();  // evaluating the subscripts may change the variable
            Words subs = eval_words(t->child[1], false);
            for (int i = 0; i < subs.n; i++)
                subscript(copy, deglob(subs.v[i]), r);
        }
        break;
    }
    case Kind::Backq:
        r = backquote(t->child[0]);
        break;
    case Kind::List:
        r = eval_words(t->child[0], false);
        break;
    case Kind::Pipefd:
        r = pipefd(t);
        break;
    case Kind::Concat: {
        Words a = eval_word(t->child[0]);
        if (sh.unwinding)
            break;
        Words b = eval_word(t->child[1]);
        if (sh.unwinding)
            break;
        r = concat(static_cast<Words&&>(a), static_cast<Words&&>(b));
        break;
    }
    case Kind::Words:
    case Kind::Arglist:
        r = eval_words(t, false);
        break;
    default:
        break;
    }
    return r;
}

}  // namespace

Words eval_words(Tree* t, bool glob)
{
    Words r;
    if (!t)
        return r;
    Tree** items;
    int n = flatten(t, items);
    for (int i = 0; i < n && !sh.unwinding; i++) {
        if (!items[i])
            continue;
        Words w = eval_word(items[i]);
        for (int j = 0; j < w.n; j++) {
            char* s = w.v[j];
            w.v[j] = nullptr;
            if (glob && has_glob(s))
                glob_expand(s, r);
            else
                r.push_own(glob ? deglob(s) : s);
        }
        w.n = 0;
    }
    free(items);
    return r;
}

void close_pipefds()
{
    for (int i = 0; i < sh.npipefds; i++)
        close(sh.pipefds[i]);
    sh.npipefds = 0;
}
