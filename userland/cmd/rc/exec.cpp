// The interpreter: runs parse trees. Control flow and builtins run in this process;
// external commands, pipeline stages (all but the last), & commands, @ subshells and `{}
// run in forked copies of rc. A copy that has nothing left to do after an external
// command execs it directly instead of forking again ("tail" position). Errors set
// sh.unwinding, which stops everything up to the nearest interactive input.
#include "rc.h"

Shell sh;

namespace {

int mypid;

void cond_run(Tree* t)
{
    sh.condition_depth++;
    run(t);
    sh.condition_depth--;
}

void trace(const Words& args)
{
    Str line;
    for (int i = 0; i < args.n; i++) {
        if (i)
            line.add(' ');
        quote_word(line, args.v[i]);
    }
    line.add('\n');
    write(2, line.c_str(), line.n);
}

// -e: a failed command outside a condition ends rc.
void exit_on_error()
{
    if (sh.flag['e'] && sh.condition_depth == 0 && !sh.unwinding && !truestatus())
        rc_exit(get_status());
}

void run_simple(Tree* t, bool tail)
{
    Words args = eval_words(t->child[0]);
    if (sh.unwinding) {
        close_pipefds();
        return;
    }
    if (args.n == 0) {
        close_pipefds();
        rc_error("empty argument list");
        return;
    }
    if (sh.flag['x'])
        trace(args);
    Var* v = var_lookup(args.v[0]);
    if (v && v->fn) {
        call_function(v, static_cast<Words&&>(args));
    } else if (Builtin b = builtin_lookup(args.v[0])) {
        b(args);
    } else {
        Var* exit_fn = var_lookup("sigexit");
        if (tail && sh.is_child && !(exit_fn && exit_fn->fn)) {
            redir_apply_all();
            env_export();
            search_exec(args);
        }
        int pid = fork_child();
        if (pid == 0) {
            env_export();
            search_exec(args);
        }
        if (pid < 0)
            rc_error("try again");
        else
            wait_for(pid);
    }
    close_pipefds();
    exit_on_error();
}

// a | b: the left side runs in a child (a longer pipeline's left part is itself a pipe,
// run there), the right side in this rc, as in Plan 9's rc, so `echo x | fn-that-assigns`
// affects this shell. $status is the left's status, |, and the right's.
void run_pipe(Tree* t)
{
    int p[2];
    int pid = fork_with_pipe(p);
    if (pid < 0)
        return;
    if (pid == 0) {
        close(p[0]);
        dup(p[1], t->fd0);
        close(p[1]);
        run(t->child[0], true);
        rc_exit(get_status());
    }
    close(p[1]);
    sh.redir = new Redir{Redir::Open, p[0], t->fd1, sh.redir};
    run(t->child[1]);
    redir_pop();
    Str right;
    right.add(get_status());
    wait_for(pid);
    Str status;
    status.add(get_status());
    status.add('|');
    status.add(right.c_str());
    set_status(status.c_str());
}

void run_async(Tree* t)
{
    int pid = fork_child();
    if (pid == 0) {
        int null = open("/dev/null", OREAD);
        if (null >= 0 && null != 0) {
            dup(null, 0);
            close(null);
        }
        run(t->child[0], true);
        rc_exit(get_status());
    }
    if (pid < 0) {
        rc_error("try again");
        return;
    }
    Str s;
    s.add_int(pid);
    var_set1("apid", s.c_str());
}

void run_assign(Tree* t, bool tail)
{
    char* name = eval_single(t->child[0], "variable name");
    if (!name)
        return;
    Words val = eval_words(t->child[1]);
    if (sh.unwinding) {
        free(name);
        return;
    }
    // Assignments standing alone (x=1 y=2) all last; before a command, only for it.
    Tree* rest = t->child[2];
    while (rest && rest->kind == Kind::Assign)
        rest = rest->child[2];
    if (!rest) {
        var_set(name, static_cast<Words&&>(val));
        free(name);
        run(t->child[2]);
        return;
    }
    var_push(name, static_cast<Words&&>(val));
    run(t->child[2], tail);
    var_pop(name);
    free(name);
}

void run_for(Tree* t)
{
    char* name = eval_single(t->child[0], "variable name");
    if (!name)
        return;
    Words list = t->child[1] ? eval_words(t->child[1]) : var_value("*").copy();
    if (sh.unwinding) {
        free(name);
        return;
    }
    var_push(name, Words());  // the loop variable is local to the loop
    for (int i = 0; i < list.n && !sh.unwinding; i++) {
        var_set1(name, list.v[i]);
        run(t->child[2]);
    }
    var_pop(name);
    free(name);
}

void run_while(Tree* t)
{
    Tree* cond = t->child[0];
    if (cond && cond->kind == Kind::Pcmd && !cond->child[0])
        set_status("");
    for (;;) {
        cond_run(cond);
        if (sh.unwinding || !truestatus())
            break;
        run(t->child[1]);
        if (sh.unwinding)
            break;
    }
}

bool is_case(Tree* c)
{
    if (!c || c->kind != Kind::Simple)
        return false;
    Tree* first = c->child[0];
    while (first && first->kind == Kind::Arglist)
        first = first->child[0];
    return first && first->kind == Kind::Word && !first->quoted && strcmp(first->str, "case") == 0;
}

bool case_matches(Tree* c, const char* subject)
{
    Words pats = eval_words(c->child[0], false);
    for (int i = 1; i < pats.n; i++)
        if (match(subject, pats.v[i]))
            return true;
    return false;
}

void run_switch(Tree* t)
{
    Words subj = eval_words(t->child[0], false);
    if (sh.unwinding)
        return;
    char* subject = strdup(subj.n ? subj.v[0] : "");  // marks kept, as Plan 9's rc keeps them
    Tree* body = t->child[1] ? t->child[1]->child[0] : nullptr;
    bool matched = false;
    while (body && !sh.unwinding) {
        Tree* c = body->kind == Kind::Seq ? body->child[0] : body;
        body = body->kind == Kind::Seq ? body->child[1] : nullptr;
        if (is_case(c)) {
            if (matched)
                break;
            matched = case_matches(c, subject);
        } else if (matched) {
            run(c);
        }
    }
    free(subject);
}

void run_twiddle(Tree* t)
{
    Words subj = eval_words(t->child[0], false);
    Words pats = eval_words(t->child[1], false);
    if (sh.unwinding)
        return;
    Str subject;
    subject.add("");
    for (int i = 0; i < subj.n; i++) {
        if (i)
            subject.add(' ');
        subject.add(subj.v[i]);
    }
    // The subject keeps its GLOB marks, as in Plan 9's rc: an unquoted a*c matches only a
    // pattern with the same unquoted star.
    for (int i = 0; i < pats.n; i++)
        if (match(subject.c_str(), pats.v[i])) {
            set_status("");
            return;
        }
    set_status("no match");
    exit_on_error();
}

void run_fn(Tree* t)
{
    Words names = eval_words(t->child[0]);
    for (int i = 0; i < names.n && !sh.unwinding; i++)
        fn_define(names.v[i], t->child[1] ? tree_copy(t->child[1]) : nullptr);
    if (!sh.unwinding)
        set_status("");
}

}  // namespace

void set_status(const char* s)
{
    var_set1("status", s);
    if (sh.flag['s'] && *s) {  // -s: as Plan 9's rc, for statuses rc sets itself
        Str line;
        line.add("status=");
        quote_word(line, s);
        line.add('\n');
        write(2, line.c_str(), line.n);
    }
}

const char* get_status()
{
    const Words& w = var_value("status");
    return w.n ? w.v[0] : "";
}

bool truestatus()
{
    for (const char* s = get_status(); *s; s++)
        if (*s != '|' && *s != '0')
            return false;
    return true;
}

void rc_error(const char* msg)
{
    if (strcmp(sh.argv0, "rc") == 0 || strcmp(sh.argv0, "/bin/rc") == 0)
        fprint(2, "rc: %s\n", msg);
    else
        fprint(2, "rc (%s): %s\n", sh.argv0, msg);
    set_status("error");
    sh.unwinding = true;
}

void rc_exit(const char* status)
{
    static bool been_here;
    char* fixed = status ? strdup(status) : nullptr;
    Var* v = var_lookup("sigexit");
    if (getpid() == mypid && !been_here && v && v->fn) {
        been_here = true;
        sh.unwinding = false;
        if (fixed)
            set_status(fixed);
        Words args = var_value("*").copy();
        var_push("*", static_cast<Words&&>(args));
        Tree* body = tree_copy(v->fn);
        run(body);
        tree_free(body);
    }
    // Plan 9's rc reruns the exit after sigexit: `exit word` exits with the word again,
    // a bare exit with the status sigexit left.
    if (fixed)
        set_status(fixed);
    free(fixed);
    exits(truestatus() ? nullptr : get_status());
}

int fork_with_pipe(int p[2])
{
    if (pipe(p) < 0) {
        rc_error("can't make pipe");
        return -1;
    }
    int pid = fork_child();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        rc_error("try again");
    }
    return pid;
}

void exec_init()
{
    mypid = getpid();
}

int fork_child(int flags)
{
    int pid = rfork(RFPROC | RFFDG | RFREND | flags);
    if (pid == 0) {
        sh.is_child = true;
        redir_apply_all();
    }
    return pid;
}

// The wait messages of children that ended while rc was waiting for another.
struct Reaped {
    int pid;
    char* msg;
    Reaped* next;
};
Reaped* reaped;

bool take_reaped(int pid)
{
    for (Reaped** l = &reaped; *l; l = &(*l)->next)
        if ((*l)->pid == pid) {
            Reaped* r = *l;
            *l = r->next;
            set_status(r->msg);
            free(r->msg);
            delete r;
            return true;
        }
    return false;
}

void wait_for(int pid)
{
    if (take_reaped(pid))
        return;
    for (;;) {
        Waitmsg* w = wait();
        if (!w) {
            char err[ERRMAX];
            rerrstr(err, sizeof err);
            if (strstr(err, "interrupted"))
                continue;  // the note went to the child too; it is ending
            return;
        }
        if (w->pid == pid) {
            var_set1("status", w->msg);
            free(w);
            return;
        }
        reaped = new Reaped{w->pid, strdup(w->msg), reaped};
        free(w);
    }
}

void wait_all()
{
    while (Reaped* r = reaped) {
        reaped = r->next;
        set_status(r->msg);
        free(r->msg);
        delete r;
    }
    while (Waitmsg* w = wait()) {
        set_status(w->msg);
        free(w);
    }
}

void call_function(Var* fn, Words&& args)
{
    if (sh.call_depth >= 5000) {
        rc_error("function calls nested too deeply");
        return;
    }
    Words rest;
    for (int i = 1; i < args.n; i++)
        rest.push(args.v[i]);
    Tree* body = tree_copy(fn->fn);  // the function may redefine itself while it runs
    var_push("*", static_cast<Words&&>(rest));
    sh.call_depth++;
    run(body);
    sh.call_depth--;
    var_pop("*");
    tree_free(body);
}

void run(Tree* t, bool tail)
{
    while (t && !sh.unwinding) {
        if (sh.ntrap)
            dotrap();
        if (sh.unwinding)
            return;
        switch (t->kind) {
        case Kind::Seq:
            run(t->child[0]);
            t = t->child[1];
            continue;
        case Kind::Async:
            run_async(t);
            break;
        case Kind::Andand:
        case Kind::Oror:
            cond_run(t->child[0]);
            if (sh.unwinding || truestatus() != (t->kind == Kind::Andand))
                break;
            t = t->child[1];
            continue;
        case Kind::Bang:
            cond_run(t->child[0]);
            set_status(truestatus() ? "false" : "");
            break;
        case Kind::Subshell: {
            int pid = fork_child();
            if (pid == 0) {
                run(t->child[0], true);
                rc_exit(get_status());
            }
            if (pid < 0)
                rc_error("try again");
            else
                wait_for(pid);
            break;
        }
        case Kind::Pipe:
            run_pipe(t);
            break;
        case Kind::Redir:
        case Kind::Dup:
            if (redir_push(t)) {
                run(t->child[1], tail);
                redir_pop();
            }
            break;
        case Kind::Assign:
            run_assign(t, tail);
            break;
        case Kind::If:
            cond_run(t->child[0]);
            if (sh.unwinding)
                break;
            if (!truestatus()) {
                sh.ifnot = true;
                break;
            }
            run(t->child[1], tail);
            sh.ifnot = false;
            break;
        case Kind::Ifnot:
            if (sh.ifnot) {
                t = t->child[0];
                continue;
            }
            break;
        case Kind::For:
            run_for(t);
            break;
        case Kind::While:
            run_while(t);
            break;
        case Kind::Switch:
            run_switch(t);
            break;
        case Kind::Twiddle:
            run_twiddle(t);
            break;
        case Kind::Fn:
            run_fn(t);
            break;
        case Kind::Brace:
        case Kind::Pcmd:
            t = t->child[0];
            continue;
        case Kind::Simple:
            run_simple(t, tail);
            break;
        default:
            break;
        }
        return;
    }
}
