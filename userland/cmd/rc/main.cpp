// rc, the Plan 9 shell: flags, start-up and the command-reading loop. As in Plan 9, rc
// itself only imports /env and then runs rcmain (-m file, else /rc/lib/rcmain, else
// /boot/rcmain) with the arguments as $*; rcmain decides between -c, a script, and an
// interactive session (`. -i '#d/0'`). Notes become traps handled between commands:
// a fn sigint/sighup/... runs if defined, else an interrupt abandons the command line
// (ending a non-interactive rc) and other notes end rc.
#include "rc.h"

const char* const signame[Nsig] = {
    "sigexit", "sighup", "sigint", "sigquit", "sigalrm", "sigkill", "sigfpe", "sigterm",
};

namespace {

const char* const notename[Nsig] = {
    "exit", "hangup", "interrupt", "quit", "alarm", "kill", "sys: fp:", "term",
};

void notehandler(void*, char* note)
{
    for (int i = 1; i < Nsig; i++)
        if (strncmp(note, notename[i], strlen(notename[i])) == 0) {
            sh.trap[i] = sh.trap[i] + 1;
            sh.ntrap = sh.ntrap + 1;
            if (sh.ntrap >= 32)  // a loop of notes: give up as Plan 9's rc does
                abort();
            noted(NCONT);
        }
    noted(NDFLT);
}

void report_one(Input* in, const ParseResult& r, const char* error, Str& msg)
{
    msg.add("rc: ");
    if (in->cmdfile && !in->interactive) {
        msg.add(in->cmdfile);
        msg.add(':');
        msg.add_int(r.error_line);
        msg.add(": ");
    } else if (in->cmdfile) {
        msg.add(in->cmdfile);
        msg.add(": ");
    } else if (!in->interactive) {
        msg.add("line ");
        msg.add_int(r.error_line);
        msg.add(": ");
    }
    msg.add(error);
    msg.add('\n');
}

void report_syntax_error(Input* in, const ParseResult& r)
{
    Str msg;
    for (const char* line = r.error.c_str(); *line;) {
        const char* nl = strchr(line, '\n');
        int len = nl ? static_cast<int>(nl - line) : static_cast<int>(strlen(line));
        Str one;
        one.add(line, len);
        report_one(in, r, one.c_str(), msg);
        line += len + (nl ? 1 : 0);
    }
    write(2, msg.c_str(), msg.n);
}


// After an interrupted console read: forget the partial line and start afresh.
void reset_lexer(Lexer& lx)
{
    lx.peekc = -2;
    lx.after_backslash = -2;
    lx.doprompt = true;
    lx.lastword = lx.lastdol = lx.inquote = lx.incomment = lx.after_newline = false;
    while (Heredoc* h = lx.heredocs) {
        lx.heredocs = h->next;
        delete h;
    }
}

const char* rcmain_file(const char* given)
{
    static const char* const places[] = {"/rc/lib/rcmain", "/boot/rcmain"};
    if (given)
        return given;
    for (const char* p : places) {
        Dir* d = dirstat(p);
        if (d) {
            free(d);
            return p;
        }
    }
    return places[0];
}

bool on_console(int fd)
{
    char name[256];
    if (fd2path(fd, name, sizeof name) < 0)
        return false;
    int n = static_cast<int>(strlen(name));
    return n >= 4 && strcmp(name + n - 4, "cons") == 0;
}

[[noreturn]] void usage()
{
    fprint(2, "usage: rc [-srdiIlxepvV] [-c arg] [-m command] [file [arg ...]]\n");
    exits("usage");
}

}  // namespace

long read_fd(void* arg, char* buf, long n)
{
    int fd = static_cast<int>(reinterpret_cast<long>(arg));
    long r = read(fd, buf, n);
    if (r < 0 && sh.ntrap) {
        sh.read_interrupted = true;
        return 0;
    }
    return r;
}

void print_prompt(void* arg)
{
    auto* in = static_cast<Input*>(arg);
    if (!in->interactive)
        return;
    const Words& p = var_value("prompt");
    int i = in->first_line ? 0 : 1;
    in->first_line = false;
    if (i < p.n)
        write(2, p.v[i], static_cast<long>(strlen(p.v[i])));
}

// A here document's body as read: $name (and $name^) become the variable's words joined
// by spaces, $$ is $, and a $ before anything else vanishes.
void heredoc_subst(void*, const char* doc, Str& out)
{
    for (const char* s = doc; *s;) {
        if (*s != '$') {
            out.add(*s++);
            continue;
        }
        s++;
        if (*s == '$') {
            out.add(*s++);
            continue;
        }
        Str name;
        while (*s && idchr(static_cast<unsigned char>(*s)))
            name.add(*s++);
        if (name.n && *s == '^')
            s++;
        const Words& val = var_value(name.c_str());
        for (int i = 0; i < val.n; i++) {
            if (i)
                out.add(' ');
            out.add(val.v[i]);
        }
    }
}

void echo_input(void*, int c)
{
    if (!sh.flag['v'])
        return;
    char ch = static_cast<char>(c);
    write(2, &ch, 1);
}

void dotrap()
{
    while (sh.ntrap > 0) {
        for (int i = 0; i < Nsig; i++) {
            while (sh.trap[i] > 0) {
                sh.trap[i] = sh.trap[i] - 1;
                sh.ntrap = sh.ntrap - 1;
                Var* v = var_lookup(signame[i]);
                if (v && v->fn) {
                    bool was = sh.unwinding;
                    sh.unwinding = false;
                    Tree* body = tree_copy(v->fn);
                    run(body);
                    tree_free(body);
                    sh.unwinding = was || sh.unwinding;
                } else if (i == Sigint || i == Sigquit) {
                    sh.unwinding = true;
                } else {
                    rc_exit(get_status());
                }
            }
        }
    }
}

void run_input(Input* in)
{
    Lexer& lx = in->lx;
    lx.src = &in->src;
    lx.lineno = &in->lineno;
    lx.prompt = print_prompt;
    lx.echo = echo_input;
    lx.subst = heredoc_subst;
    lx.hook_arg = in;
    for (;;) {
        in->first_line = true;
        ParseResult r = parse_line(lx);
        if (sh.read_interrupted && in->interactive) {
            sh.read_interrupted = false;
            tree_free(r.tree);
            reset_lexer(lx);
            write(2, "\n", 1);
            dotrap();
            sh.unwinding = false;
            continue;
        }
        if (r.eof)
            break;
        if (r.error.n) {
            report_syntax_error(in, r);
            set_status(r.status);
            if (!in->interactive)
                break;  // the rest of this input is abandoned; whoever ran it goes on
            continue;
        }
        if (sh.flag['r'] && r.tree) {
            Str s;
            tree_print(s, r.tree);
            fprint(2, "%s\n", s.c_str());
        }
        run(r.tree);
        tree_free(r.tree);
        if (sh.ntrap)
            dotrap();
        if (sh.unwinding) {
            if (!in->interactive)
                break;
            sh.unwinding = false;
        }
    }
}

int main(int argc, char** argv)
{
    const char* rcmain = nullptr;
    const char* command = nullptr;
    const char* name = argv[0];
    ARGBEGIN
    {
    case 'c':
        command = EARGF(usage());
        sh.flag['c'] = true;
        break;
    case 'm':
        rcmain = EARGF(usage());
        break;
    case 's': case 'r': case 'd': case 'i': case 'I': case 'l': case 'x': case 'e': case 'p':
    case 'v': case 'V':
        sh.flag[ARGC()] = true;
        break;
    default:
        usage();
    }
    ARGEND
    sh.argv0 = name;
    if (name[0] == '-')
        sh.flag['l'] = true;
    exec_init();
    notify(notehandler);
    env_import(!sh.flag['p']);
    if (!sh.flag['I'] && !command && argc == 0 && on_console(0))
        sh.flag['i'] = true;
    Str pid;
    pid.add_int(getpid());
    var_set1("pid", pid.c_str());
    var_set1("rcname", name);
    if (command)
        var_set1("cflag", command);
    else
        var_set("cflag", Words());
    if (var_value("ifs").n == 0)
        var_set1("ifs", " \t\n");
    Words star;
    for (int i = 0; i < argc; i++)
        star.push(argv[i]);
    Words dot;
    dot.push(".");
    dot.push(rcmain_file(rcmain));
    dot.append(static_cast<Words&&>(star));
    builtin_lookup(".")(dot);
    if (sh.unwinding)  // an error ends rc without running sigexit
        exits(truestatus() ? nullptr : get_status());
    rc_exit(get_status());
}
