// rc's built-in commands: . builtin cd eval exec exit flag rfork shift wait whatis, and
// the search along $path they share with external commands. Output goes where the
// redirection stack says (redir_fd), since builtins run inside rc itself.
#include "rc.h"

namespace {

// Output goes where standard output is redirected. Diagnostics go to rc's own standard
// error (fprint(2, ...)), whatever the command's redirections, as in Plan 9's rc.
void out(const char* s)
{
    int real = redir_fd(1);
    if (real >= 0)
        write(real, s, static_cast<long>(strlen(s)));
}

// dir/name, or name alone for an empty dir (a $path or $cdpath element); malloc'd.
char* path_join(const char* dir, const char* name)
{
    return dir[0] ? smprint("%s/%s", dir, name) : strdup(name);
}

bool searched(const char* name)
{
    return name[0] != '/' && name[0] != '#' && strncmp(name, "./", 2) != 0
        && strncmp(name, "../", 3) != 0;
}

void b_cd(Words& a)
{
    set_status("can't cd");
    if (a.n > 2) {
        fprint(2, "Usage: cd [directory]\n");
        return;
    }
    if (a.n == 1) {
        const Words& home = var_value("home");
        if (home.n == 0 || !home.v[0][0]) {
            fprint(2, "Can't cd -- $home empty\n");
            return;
        }
        if (chdir(home.v[0]) < 0) {
            fprint(2, "Can't cd %s: %r\n", home.v[0]);
            return;
        }
        set_status("");
        return;
    }
    const char* dir = a.v[1];
    Words dot;
    dot.push("");
    const Words& cdpath = (searched(dir) && var_value("cdpath").n) ? var_value("cdpath") : dot;
    for (int i = 0; i < cdpath.n; i++) {
        const char* base = cdpath.v[i];
        char* path = path_join(base, dir);
        if (chdir(path) >= 0) {
            if (base[0] && strcmp(base, ".") != 0) {
                fprint(2, "%s\n", path);
            }
            free(path);
            set_status("");
            return;
        }
        free(path);
    }
    fprint(2, "Can't cd %s: %r\n", dir);
}

void b_eval(Words& a)
{
    if (a.n < 2) {
        rc_error("Usage: eval cmd ...");
        return;
    }
    Str text;
    for (int i = 1; i < a.n; i++) {
        if (i > 1)
            text.add(' ');
        text.add(a.v[i]);
    }
    text.add('\n');
    Input in;
    in.src.text = text.c_str();
    in.src.len = text.n;
    run_input(&in);
}

void b_exec(Words& a)
{
    if (a.n == 1) {
        rc_error("empty argument list");
        return;
    }
    redir_apply_all();
    env_export();
    Words rest;
    for (int i = 1; i < a.n; i++)
        rest.push(a.v[i]);
    search_exec(rest);
}

void b_exit(Words& a)
{
    rc_exit(a.n > 1 ? a.v[1] : nullptr);
}

void b_flag(Words& a)
{
    if (a.n < 2 || a.n > 3 || strlen(a.v[1]) != 1 || static_cast<unsigned char>(a.v[1][0]) >= 128) {
        rc_error("Usage: flag [letter] [+-]");
        return;
    }
    int f = a.v[1][0];
    if (a.n == 3) {
        if (strcmp(a.v[2], "+") == 0)
            sh.flag[f] = true;
        else if (strcmp(a.v[2], "-") == 0)
            sh.flag[f] = false;
        else {
            rc_error("Usage: flag [letter] [+-]");
            return;
        }
        set_status("");
        return;
    }
    set_status(sh.flag[f] ? "" : "flag not set");
}

void b_rfork(Words& a)
{
    const char* letters = a.n > 1 ? a.v[1] : "ens";
    int flags = 0;
    for (const char* s = letters; *s; s++) {
        switch (*s) {
        case 'n': flags |= RFNAMEG; break;
        case 'N': flags |= RFCNAMEG; break;
        case 'e': flags |= RFENVG; break;
        case 'E': flags |= RFCENVG; break;
        case 's': flags |= RFNOTEG; break;
        case 'f': flags |= RFFDG; break;
        case 'F': flags |= RFCFDG; break;
        case 'm': flags |= RFNOMNT; break;
        case 'V': flags |= RFCSRVG; break;
        default: {
            fprint(2, "%s: bad rfork flag %c\n", a.v[0], *s);
            set_status("rfork usage");
            return;
        }
        }
    }
    if (rfork(flags) < 0) {
        fprint(2, "rfork: %r\n");
        set_status("rfork failed");
        return;
    }
    set_status("");
}

void b_shift(Words& a)
{
    long n = a.n > 1 ? atol(a.v[1]) : 1;
    if (a.n > 2) {
        fprint(2, "Usage: shift [n]\n");
        set_status("shift usage");
        return;
    }
    Var* star = var_get("*");
    Words rest;
    for (int i = static_cast<int>(n < 0 ? 0 : n); i < star->val.n; i++)
        rest.push(star->val.v[i]);
    star->val = static_cast<Words&&>(rest);
    star->changed = true;
    set_status("");
}

void b_wait(Words& a)
{
    if (a.n > 1)
        wait_for(atoi(a.v[1]));
    else
        wait_all();
}

void b_whatis(Words& a)
{
    set_status("");
    for (int i = 1; i < a.n; i++) {
        const char* name = a.v[i];
        Var* v = var_lookup(name);
        bool found = false;
        Str line;
        if (v && v->val.n) {
            whatis_assign(line, v);
            line.add('\n');
            found = true;
        }
        if (v && v->fn) {
            whatis_fn(line, v);
            line.add('\n');
            found = true;
        } else if (builtin_lookup(name) && strcmp(name, "builtin") != 0) {
            line.add("builtin ");
            line.add(name);
            line.add('\n');
            found = true;
        } else if (char* path = search_path(name, true)) {
            line.add(path);
            line.add('\n');
            free(path);
            found = true;
        }
        out(line.c_str());
        if (!found) {
            fprint(2, "%s: not found\n", name);
            set_status("not found");
        }
    }
}

void b_dot(Words& a)
{
    int i = 1;
    bool interactive = false;
    if (i < a.n && strcmp(a.v[i], "-i") == 0) {
        interactive = true;
        i++;
    }
    if (i >= a.n) {
        rc_error("Usage: . [-i] file [arg ...]");
        return;
    }
    const char* file = a.v[i];
    char* path = searched(file) ? search_path(file, false) : nullptr;
    int fd = open(path ? path : file, OREAD);
    free(path);
    if (fd < 0) {
        fprint(2, "%s: ", file);
        char* m = smprint(".: can't open: %r");
        rc_error(m);
        free(m);
        return;
    }
    Words args;
    for (int j = i + 1; j < a.n; j++)
        args.push(a.v[j]);
    var_push("*", static_cast<Words&&>(args));
    Words zero;
    zero.push(file);
    var_push("0", static_cast<Words&&>(zero));
    Input in;
    in.src.fill = read_fd;
    in.src.arg = reinterpret_cast<void*>(static_cast<long>(fd));
    in.cmdfile = file;
    in.interactive = interactive;
    run_input(&in);
    var_pop("0");
    var_pop("*");
    close(fd);
}

void b_builtin(Words& a)
{
    if (a.n < 2) {
        fprint(2, "Usage: builtin command ...\n");
        set_status("builtin usage");
        return;
    }
    Words rest;
    for (int i = 1; i < a.n; i++)
        rest.push(a.v[i]);
    if (Builtin b = builtin_lookup(rest.v[0])) {
        b(rest);
        return;
    }
    int pid = fork_child();
    if (pid == 0) {
        env_export();
        search_exec(rest);
    }
    if (pid < 0)
        rc_error("try again");
    else
        wait_for(pid);
}

struct Entry {
    const char* name;
    Builtin fn;
};
const Entry builtins[] = {
    {".", b_dot}, {"builtin", b_builtin}, {"cd", b_cd}, {"eval", b_eval}, {"exec", b_exec},
    {"exit", b_exit}, {"flag", b_flag}, {"rfork", b_rfork}, {"shift", b_shift}, {"wait", b_wait},
    {"whatis", b_whatis},
};

}  // namespace

Builtin builtin_lookup(const char* name)
{
    for (const Entry& e : builtins)
        if (strcmp(e.name, name) == 0)
            return e.fn;
    return nullptr;
}

char* search_path(const char* name, bool executable)
{
    if (!searched(name)) {
        Dir* d = dirstat(name);
        if (!d)
            return nullptr;
        free(d);
        return strdup(name);
    }
    const Words& path = var_value("path");
    for (int i = 0; i < path.n; i++) {
        char* p = path_join(path.v[i], name);
        Dir* d = dirstat(p);
        if (d) {
            bool ok = !(d->mode & DMDIR) && (!executable || (d->mode & 0111));
            free(d);
            if (ok)
                return p;
        }
        free(p);
    }
    return nullptr;
}

void search_exec(Words& args)
{
    args.push_own(nullptr);  // exec's argv ends with nil
    args.n--;
    const char* name = args.v[0];
    char err[ERRMAX] = "file does not exist";
    if (!searched(name)) {
        exec(name, args.v);
        rerrstr(err, sizeof err);
    } else {
        const Words& path = var_value("path");
        bool tried = false;
        for (int i = 0; i < path.n; i++) {
            char* p = path_join(path.v[i], name);
            exec(p, args.v);
            char e[ERRMAX];
            rerrstr(e, sizeof e);
            if (!tried || !strstr(e, "does not exist"))
                strecpy(err, err + sizeof err, e);
            tried = true;
            free(p);
        }
    }
    fprint(2, "%s: %s\n", name, err);
    exits(err);
}
