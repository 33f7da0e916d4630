// rc's variables and functions, and their life in /env. Every variable and function is
// exported: a child about to exec writes the ones changed since rc started (or since the
// last such write in that child) to /env. A list is stored as its words each followed by
// a NUL; a function NAME as the file fn#NAME holding "fn NAME {body}".
#include "rc.h"

namespace {

constexpr int Nhash = 257;
Var* table[Nhash];

unsigned hash(const char* s)
{
    unsigned h = 0;
    while (*s)
        h = h * 31 + static_cast<unsigned char>(*s++);
    return h % Nhash;
}

const Words empty_words;

bool env_name_ok(const char* name)
{
    return name[0] && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 && !strchr(name, '/')
        && strlen(name) < 120;
}

void write_env_file(const char* file, const char* data, long n)
{
    char path[160];
    snprint(path, sizeof path, "/env/%s", file);
    int fd = create(path, OWRITE, 0664);
    if (fd < 0)
        return;
    write(fd, data, n);
    close(fd);
}

void export_var(Var* v)
{
    if (v->changed && env_name_ok(v->name)) {
        v->changed = false;
        Str data;
        for (int i = 0; i < v->val.n; i++)
            data.add(v->val.v[i], static_cast<int>(strlen(v->val.v[i])) + 1);
        write_env_file(v->name, data.c_str(), data.n);
    }
    if (v->fn_changed && env_name_ok(v->name)) {
        v->fn_changed = false;
        char file[160];
        snprint(file, sizeof file, "fn#%s", v->name);
        if (v->fn) {
            Str text;
            whatis_fn(text, v);
            text.add('\n');
            write_env_file(file, text.c_str(), text.n);
        } else {
            char path[170];
            snprint(path, sizeof path, "/env/%s", file);
            remove(path);
        }
    }
}

char* read_file(int fd, long* len)
{
    Str s;
    char buf[4096];
    long n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        s.add(buf, static_cast<int>(n));
    *len = s.n;
    return s.take();
}

void import_function(const char* text, long len)
{
    Input in;
    in.src.text = text;
    in.src.len = len;
    in.lx.src = &in.src;
    in.lx.lineno = &in.lineno;
    ParseResult r = parse_line(in.lx);
    if (r.tree && r.tree->kind == Kind::Fn)
        run(r.tree);
    tree_free(r.tree);
}

void var_foreach(void (*f)(Var*))
{
    for (Var* head : table)
        for (Var* v = head; v; v = v->next)
            f(v);
}

}  // namespace

Var* var_lookup(const char* name)
{
    for (Var* v = table[hash(name)]; v; v = v->next)
        if (strcmp(v->name, name) == 0)
            return v;
    return nullptr;
}

Var* var_get(const char* name)
{
    if (Var* v = var_lookup(name))
        return v;
    auto* v = new Var;
    v->name = strdup(name);
    unsigned h = hash(name);
    v->next = table[h];
    table[h] = v;
    return v;
}

const Words& var_value(const char* name)
{
    Var* v = var_lookup(name);
    return v ? v->val : empty_words;
}

void var_set(const char* name, Words&& val)
{
    Var* v = var_get(name);
    v->val = static_cast<Words&&>(val);
    v->changed = true;
}

void var_set1(const char* name, const char* val)
{
    Words w;
    w.push(val);
    var_set(name, static_cast<Words&&>(w));
}

void var_push(const char* name, Words&& val)
{
    Var* v = var_get(name);
    v->saved = new Saved{static_cast<Words&&>(v->val), v->saved};
    v->val = static_cast<Words&&>(val);
    v->changed = true;
}

void var_pop(const char* name)
{
    Var* v = var_lookup(name);
    if (!v || !v->saved)
        return;
    Saved* s = v->saved;
    v->val = static_cast<Words&&>(s->val);
    v->saved = s->next;
    delete s;
    v->changed = true;
}

void fn_define(const char* name, Tree* body)
{
    Var* v = var_get(name);
    tree_free(v->fn);
    v->fn = body;
    v->fn_changed = true;
}

void env_export()
{
    var_foreach(export_var);
}

// Reads every variable and (unless -p) every function from /env.
void env_import(bool functions)
{
    int dfd = open("/env", OREAD);
    if (dfd < 0)
        return;
    Dir* d;
    long n = dirreadall(dfd, &d);
    close(dfd);
    for (long i = 0; i < n; i++) {
        const char* name = d[i].name;
        bool is_fn = strncmp(name, "fn#", 3) == 0;
        if (is_fn && !functions)
            continue;
        char path[160];
        snprint(path, sizeof path, "/env/%s", name);
        int fd = open(path, OREAD);
        if (fd < 0)
            continue;
        long len;
        char* data = read_file(fd, &len);
        close(fd);
        if (is_fn) {
            import_function(data, len);
            if (Var* v = var_lookup(name + 3))
                v->fn_changed = false;
        } else {
            Words w;
            long start = 0;
            for (long j = 0; j < len; j++)
                if (data[j] == 0) {
                    w.push(data + start);
                    start = j + 1;
                }
            if (start < len) {
                Str last;
                last.add(data + start, static_cast<int>(len - start));
                w.push_own(last.take());
            }
            var_set(name, static_cast<Words&&>(w));
            var_lookup(name)->changed = false;
        }
        free(data);
    }
    if (n > 0)
        free(d);
}

void whatis_fn(Str& out, Var* v)
{
    out.add("fn ");
    quote_word(out, v->name);
    out.add(' ');
    tree_print(out, v->fn);
}

void whatis_assign(Str& out, Var* v)
{
    quote_word(out, v->name);
    out.add('=');
    if (v->val.n == 1) {
        quote_word(out, v->val.v[0]);
        return;
    }
    out.add('(');
    for (int i = 0; i < v->val.n; i++) {
        if (i)
            out.add(' ');
        quote_word(out, v->val.v[i]);
    }
    out.add(')');
}
