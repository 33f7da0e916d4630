// test expr: sets an empty (true) status when expr holds, "false" when it does not, as
// Plan 9's test(1). The grammar, loosest first:
//   expr := and [-o expr]      and := not [-a and]      not := ! not | prim
//   prim := ( expr ) | -unary arg | arg binary arg | string
// Every operator and operand is its own argument. A malformed expression prints
// "test: ..." and ends with status "bad syntax"; no arguments at all is false ("usage").
#include "libc.h"

namespace {

int ac;
char** av;
int ap;  // the next argument

[[noreturn]] void syntax(const char* what, const char* arg)
{
    fprint(2, "test: %s%s\n", what, arg);
    exits("bad syntax");
}

// The next argument; nil past the end, when that is allowed.
char* next(bool may_end)
{
    if (ap >= ac) {
        if (!may_end)
            syntax("argument expected", "");
        ap++;
        return nullptr;
    }
    return av[ap++];
}

bool is(const char* a, const char* b)
{
    return a != nullptr && strcmp(a, b) == 0;
}

bool integer(const char* s, long* v)
{
    char* end;
    *v = strtol(s, &end, 0);
    return *end == 0;
}

// Whether name can be opened with omode, which is what access(2) would say. A
// directory cannot be opened for writing, so for one -w looks at its write bits.
bool accessible(const char* name, int omode)
{
    Dir* d = dirstat(name);
    if (d == nullptr)
        return false;
    bool isdir = d->qid.type & QTDIR;
    ulong mode = d->mode;
    free(d);
    if (isdir && omode == OWRITE)
        return (mode & 0222) != 0;
    int fd = open(name, omode);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

// Whether name exists and pred(its Dir) holds.
template<class P>
bool stat_is(const char* name, P pred)
{
    Dir* d = dirstat(name);
    if (d == nullptr)
        return false;
    bool r = pred(d);
    free(d);
    return r;
}

bool has_mode(const char* name, ulong bits)
{
    return stat_is(name, [bits](const Dir* d) { return (d->mode & bits) != 0; });
}

bool is_console(long fd)
{
    Dir* a = dirfstat(fd);
    Dir* b = dirstat("/dev/cons");
    bool r = a && b && a->type == b->type && a->dev == b->dev && a->qid.path == b->qid.path;
    free(a);
    free(b);
    return r;
}

// a -nt b / a -ot b: compares modification times; false if either is missing.
bool mtime_order(const char* a, const char* b, bool newer)
{
    Dir* da = dirstat(a);
    Dir* db = dirstat(b);
    bool r = da && db && (newer ? da->mtime > db->mtime : da->mtime < db->mtime);
    free(da);
    free(db);
    return r;
}

// f -older t: t is seconds since the epoch, or an age such as 3d12h counting back from
// now in y(ears of 12 months) M(onths of 30 days) d h m s.
bool older(const char* f, const char* t)
{
    ulong n = 0;
    bool relative = false;
    for (const char* p = t; *p;) {
        char* end;
        ulong m = strtoul(p, &end, 0);
        p = end;
        switch (*p) {
        case 0:
            n = m;
            break;
        case 'y':
            m *= 12;
            [[fallthrough]];
        case 'M':
            m *= 30;
            [[fallthrough]];
        case 'd':
            m *= 24;
            [[fallthrough]];
        case 'h':
            m *= 60;
            [[fallthrough]];
        case 'm':
            m *= 60;
            [[fallthrough]];
        case 's':
            n += m;
            relative = true;
            p++;
            break;
        default:
            syntax("bad time syntax, ", t);
        }
    }
    ulong limit = n;
    if (relative) {
        ulong now = time(nullptr);
        limit = n > now ? 0 : now - n;
    }
    return stat_is(f, [limit](const Dir* d) { return d->mtime < limit; });
}

bool expr();

bool primary()
{
    char* a = next(false);
    if (is(a, "(")) {
        bool r = expr();
        if (!is(next(false), ")"))
            syntax(") expected", "");
        return r;
    }
    if (is(a, "-A"))
        return has_mode(next(false), DMAPPEND);
    if (is(a, "-L"))
        return has_mode(next(false), DMEXCL);
    if (is(a, "-T"))
        return has_mode(next(false), DMTMP);
    if (is(a, "-d"))
        return has_mode(next(false), DMDIR);
    if (is(a, "-f"))
        return stat_is(next(false), [](const Dir* d) { return !(d->mode & DMDIR); });
    if (is(a, "-s"))
        return stat_is(next(false), [](const Dir* d) { return d->length > 0; });
    if (is(a, "-e"))
        return stat_is(next(false), [](const Dir*) { return true; });
    if (is(a, "-r"))
        return accessible(next(false), OREAD);
    if (is(a, "-w"))
        return accessible(next(false), OWRITE);
    if (is(a, "-x"))
        return accessible(next(false), OEXEC);
    if (is(a, "-b") || is(a, "-c") || is(a, "-g") || is(a, "-u")) {  // POSIX's; never so here
        next(false);
        return false;
    }
    if (is(a, "-t")) {
        long fd = 1;
        if (ap < ac && !integer(av[ap++], &fd))
            syntax("not a valid file descriptor number ", "");
        return is_console(fd);
    }
    if (is(a, "-n"))
        return !is(next(false), "");
    if (is(a, "-z"))
        return is(next(false), "");

    char* op = next(true);
    if (op == nullptr)
        return !is(a, "");
    if (is(op, "="))
        return is(next(false), a);
    if (is(op, "!="))
        return !is(next(false), a);
    if (is(op, "-older"))
        return older(a, next(false));
    if (is(op, "-nt"))
        return mtime_order(a, next(false), true);
    if (is(op, "-ot"))
        return mtime_order(a, next(false), false);
    long x, y;
    if (!integer(a, &x))
        syntax("unexpected operator/operand: ", op);
    if (ap < ac && integer(av[ap], &y)) {
        ap++;
        if (is(op, "-eq"))
            return x == y;
        if (is(op, "-ne"))
            return x != y;
        if (is(op, "-gt"))
            return x > y;
        if (is(op, "-lt"))
            return x < y;
        if (is(op, "-ge"))
            return x >= y;
        if (is(op, "-le"))
            return x <= y;
    }
    syntax("unknown operator ", op);
}

bool negation()
{
    if (is(next(false), "!"))
        return !negation();
    ap--;
    return primary();
}

// -a binds tighter than -o. As in Plan 9, the right side is not read when the left side
// decides, so its first word is then taken for the next operator: test -n '' -a x -o y
// is false.
bool conjunction()
{
    bool r = negation();
    if (is(next(true), "-a"))
        return r && conjunction();
    ap--;
    return r;
}

bool expr()
{
    bool r = conjunction();
    if (is(next(true), "-o"))
        return r || expr();
    ap--;
    return r;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "test";
    ac = argc;
    av = argv;
    ap = 1;
    if (argc <= 1)
        exits("usage");
    exits(expr() ? nullptr : "false");
}
