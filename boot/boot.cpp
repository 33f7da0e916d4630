// boot: process 1, the combined boot and init of Plan 9 and ANTS, kept apart from the
// kernel. It depends on nothing outside the kernel image: it opens the console, reports
// the machine, then runs the console shell from the bootpaq forever. Whatever the shell
// does, boot starts another, so the machine always keeps a way in; boot never exits.
// FIXME: once bind and mount exist, build the kernel-only namespace and start plan9rc
// first (ARCHITECTURE.md §3).
#include "libc.h"

namespace {

// The console shell: rc, interactive, with its rcmain from the bootpaq.
constexpr const char* Shell = "/boot/rc";
constexpr const char* Shellname = "rc";

// A shell that dies sooner than this after starting is broken: wait before the next.
constexpr ulong Quickdeath = 1000;  // milliseconds

// Process 1 starts with no open files, so the opens should yield 0, 1, 2 in order; dup
// puts each in place anyway.
void open_console()
{
    static const int modes[] = {OREAD, OWRITE, OWRITE};
    for (int fd = 0; fd < 3; fd++) {
        int f = open("#c/cons", modes[fd]);
        if (f >= 0 && f != fd) {
            dup(f, fd);
            close(f);
        }
    }
}

// Reads a small file whole into buf as a string; false if it cannot be read.
bool read_file(const char* name, char* buf, int size)
{
    int fd = open(name, OREAD);
    if (fd < 0)
        return false;
    int total = 0;
    long n;
    while (total < size - 1 && (n = read(fd, buf + total, size - 1 - total)) > 0)
        total += n;
    close(fd);
    buf[total] = 0;
    return total > 0;
}

// Appends "N MB memory, M MB free" from #c/swap, whose lines are Plan 9's /dev/swap:
// "BYTES memory", "BYTES pagesize", "USED/TOTAL user" (pages) among others.
char* memory(char* p, char* e)
{
    char buf[512];
    if (!read_file("#c/swap", buf, sizeof buf))
        return p;
    uvlong bytes = 0, pagesize = 0, used = 0, total = 0;
    char* lines[16];
    int nlines = getfields(buf, lines, nelem(lines), 1, "\n");
    for (int i = 0; i < nlines; i++) {
        char* f[2];
        if (tokenize(lines[i], f, 2) != 2)
            continue;
        char* rest;
        uvlong v = strtoull(f[0], &rest, 10);
        if (strcmp(f[1], "memory") == 0) {
            bytes = v;
        } else if (strcmp(f[1], "pagesize") == 0) {
            pagesize = v;
        } else if (strcmp(f[1], "user") == 0 && *rest == '/') {
            used = v;
            total = strtoull(rest + 1, nullptr, 10);
        }
    }
    if (bytes == 0)
        return p;
    p = seprint(p, e, "%llud MB memory", bytes >> 20);
    if (pagesize != 0 && total >= used)
        p = seprint(p, e, ", %llud MB free", (total - used) * pagesize >> 20);
    return p;
}

// Appends "cpu NAME MHZ MHz" from #P/cputype ("NAME MHZ\n").
char* cpu(char* p, char* e, bool first)
{
    char buf[128];
    char* f[2];
    if (!read_file("#P/cputype", buf, sizeof buf) || tokenize(buf, f, 2) != 2)
        return p;
    return seprint(p, e, "%scpu %s %s MHz", first ? "" : "; ", f[0], f[1]);
}

void summary()
{
    char line[256];
    char* e = line + sizeof line;
    char* p = memory(line, e);
    p = cpu(p, e, p == line);
    if (p != line)
        print("%s\n", line);
}

// The kernel-only namespace of the ANTS master process (the paper's section II), for
// the devices this kernel has: consoles on /dev, the boot configuration and the
// environment on /env, srv, fds and processes, and the bootpaq after /bin. Nothing in it
// depends on a disk or a network. A bind that fails is reported and the rest go on.
struct Binding {
    const char* from;
    const char* to;
    int flag;
};

const Binding kernel_namespace[] = {
    {"#c", "/dev", MREPL},
    {"#ec", "/env", MREPL},
    {"#e", "/env", MBEFORE | MCREATE},
    {"#s", "/srv", MCREATE},
    {"/", "/", MREPL},
    {"#d", "/fd", MREPL},
    {"#p", "/proc", MREPL},
    {"/net", "/net", MREPL},
    {"/bin", "/bin", MREPL},
    {"/boot", "/bin", MAFTER},
};

void build_namespace()
{
    for (const Binding& b : kernel_namespace)
        if (bind(b.from, b.to, b.flag) < 0)
            fprint(2, "boot: bind %s %s: %r\n", b.from, b.to);
    if (chdir("/") < 0)
        fprint(2, "boot: chdir /: %r\n");
}

// Runs one shell, in a note group of its own so that Delete on the console interrupts
// the shell and its commands but never boot itself, and waits for it to end.
void run_shell()
{
    int pid = rfork(RFPROC | RFFDG | RFNOTEG);
    if (pid < 0) {
        fprint(2, "boot: fork: %r\n");
        sleep(Quickdeath);
        return;
    }
    if (pid == 0) {
        const char* argv[] = {Shellname, "-i", "-m", "/boot/rcmain", nullptr};
        exec(Shell, argv);
        sysfatal("can't exec %s: %r", Shell);
    }
    Waitmsg* w;
    while ((w = wait()) != nullptr && w->pid != pid)
        free(w);
    if (w == nullptr) {
        fprint(2, "boot: wait: %r\n");
        sleep(Quickdeath);
        return;
    }
    if (w->msg[0])
        fprint(2, "boot: shell exited: %s\n", w->msg);
    else
        fprint(2, "boot: shell exited\n");
    if (w->time[2] < Quickdeath)
        sleep(Quickdeath);
    free(w);
}

}  // namespace

int main(int, char**)
{
    argv0 = "boot";
    open_console();
    build_namespace();
    print("Myrmex\n");
    summary();
    for (;;)
        run_shell();
}
