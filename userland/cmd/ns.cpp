// ns [-r] [pid]: prints a process's name space (by default its own) as the rc commands
// that would rebuild it, reformatting /proc/pid/ns: one `bind` or `mount` line per
// entry, then `cd dir`. Names holding blanks, quotes, #, $ or backslashes are
// rc-quoted ('#c'); an empty flag field stays empty ("bind  /a /b"). A mount of a
// network connection's data file, /net/tcp/7/data, is shown as the address it is
// connected to, tcp!10.0.2.2!564, unless -r asks for the raw names.
#include "libc.h"

namespace {

bool rflag;
Fmt out;
char outbuf[4096];

[[noreturn]] void usage()
{
    fprint(2, "usage: ns [-r] [pid]\n");
    exits("usage");
}

// "/net/tcp/7/data" becomes "tcp!" and what /net/tcp/7/remote says; otherwise nil.
char* network_name(const char* src)
{
    if (strncmp(src, "/net/", 5) != 0)
        return nullptr;
    const char* proto = src + 5;
    const char* conv = strchr(proto, '/');
    if (conv == nullptr)
        return nullptr;
    const char* file = strchr(conv + 1, '/');
    if (file == nullptr || strcmp(file, "/data") != 0)
        return nullptr;
    char* remote = smprint("%.*s/remote", (int)(file - src), src);
    char* addr = remote ? readfile(remote, nullptr) : nullptr;
    free(remote);
    if (addr == nullptr)
        return nullptr;
    if (char* nl = strchr(addr, '\n'))
        *nl = 0;
    char* name = *addr ? smprint("%.*s!%s", (int)(conv - proto), proto, addr) : nullptr;
    free(addr);
    return name;
}

// Prints s for rc: %q already quotes blanks and quotes; # $ and \ must be quoted too.
void put_name(const char* s)
{
    bool special = false;
    for (const char* p = s; *p; p++)
        special |= *p == '#' || *p == '$' || *p == '\\';
    fmtprint(&out, special ? " %#q" : " %q", s);
}

void entry(char* line, int lineno)
{
    char* av[6];
    int n = tokenize(line, av, nelem(av));
    if (n == 0)
        return;
    if (n == 2 && strcmp(av[0], "cd") == 0) {
        fmtprint(&out, "cd");
        put_name(av[1]);
        fmtprint(&out, "\n");
        return;
    }
    bool known = strcmp(av[0], "bind") == 0 || strcmp(av[0], "mount") == 0;
    const char* flags = "";
    int first = 1;
    if (n > 1 && av[1][0] == '-') {
        flags = av[1];
        first = 2;
    }
    int rest = n - first;  // new old, or for mount also a spec
    if (!known || rest < 2 || rest > 3 || (rest == 3 && strcmp(av[0], "mount") != 0)) {
        fmtfdflush(&out);
        fprint(2, "ns: unrecognized format of ns file: %d elements on line %d\n", n, lineno);
        exits("format");
    }
    const char* src = av[first];
    char* net = !rflag && strcmp(av[0], "mount") == 0 ? network_name(src) : nullptr;
    if (net != nullptr)
        src = net;
    fmtprint(&out, "%s %s", av[0], flags);
    put_name(src);
    put_name(av[first + 1]);
    if (rest == 3 && av[first + 2][0] != 0)
        put_name(av[first + 2]);
    fmtprint(&out, "\n");
    free(net);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "ns";
    ARGBEGIN {
    case 'r':
        rflag = true;
        break;
    default:
        usage();
    } ARGEND
    if (argc > 1)
        usage();
    int pid = getpid();
    if (argc == 1) {
        pid = atoi(argv[0]);
        if (pid == 0)
            usage();
    }

    char name[64];
    snprint(name, sizeof name, "/proc/%d/ns", pid);
    char* text = readfile(name, nullptr);
    if (text == nullptr) {
        fprint(2, "ns: open %s: %r\n", name);
        exits("open ns");
    }
    fmtfdinit(&out, 1, outbuf, sizeof outbuf);
    int lineno = 1;
    for (char* line = text; *line; lineno++) {
        char* nl = strchr(line, '\n');
        if (nl != nullptr)
            *nl = 0;
        entry(line, lineno);
        line = nl ? nl + 1 : line + strlen(line);
    }
    if (fmtfdflush(&out) < 0)
        sysfatal("write error: %r");
    exits(nullptr);
}
