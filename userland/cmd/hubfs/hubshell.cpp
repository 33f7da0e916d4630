// hubshell [srvname [shellname]]: a terminal on a shell shared through hubfs(4), the
// client hub(1) runs. The shell NAME (default io) is the hubs NAME0 (its input), NAME1,
// NAME2 (its output and errors) and NAME0.note in /n/basename(srvname) (default hubfs).
// Two reader processes copy NAME1 to standard output and NAME2 to standard error while
// this one copies standard input to NAME0, taking lines that start with % as its own
// commands. The readers are plain forks in note groups of their own (malloc is not safe
// in shared memory): moving to another shell or changing their delay kills them and
// forks new ones. This process has a note group of its own too, so a Delete typed on the
// console interrupts it alone; it passes the note on through NAME0.note. Hubs read 0
// bytes at an eof mark and go on, so a reader stops only on an error.
#include "libc.h"

namespace {

constexpr int Maxname = 64;

// The attached shell: its hubs, open, and the processes reading them.
struct Shell {
    char name[Maxname];
    int in = -1;  // NAME0, written
    int note = -1;  // NAME0.note, written
    int out[2] = {-1, -1};  // NAME1 and NAME2, read by the readers
    int reader[2] = {0, 0};  // their pids
};

const char* srv;  // as given: hub(1) on the far side of %remote posts the same name
char dir[NAMEMAX + 4];  // /n/basename(srv)
Shell sh;
int delay[3];  // %in %out %err: milliseconds to wait before passing data on each fd
bool fortune;  // %fortun: send fortune to a shell being left
bool echoes;  // %echoes: send echo to a shell being left

// Shell names become file names and words in a command line sent to a shell.
bool goodname(const char* s)
{
    int n = 0;
    for (; s[n]; n++)
        if (!(s[n] >= 'a' && s[n] <= 'z') && !(s[n] >= 'A' && s[n] <= 'Z') && !(s[n] >= '0' && s[n] <= '9')
            && !strchr("._-", s[n]))
            return false;
    return n > 0 && n < Maxname - 8;
}

using Path = char[sizeof dir + Maxname + 8];

void hubpath(Path path, const char* name, const char* suffix)
{
    snprint(path, sizeof(Path), "%s/%s%s", dir, name, suffix);
}

int openhub(const char* name, const char* suffix, int mode)
{
    Path path;
    hubpath(path, name, suffix);
    int fd = open(path, mode);
    if (fd < 0)
        werrstr("can't open %s: %r", path);
    return fd;
}

void closeshell(Shell* s)
{
    int fds[] = {s->in, s->note, s->out[0], s->out[1]};
    for (int fd : fds)
        if (fd >= 0)
            close(fd);
    *s = Shell{};
}

// Opens shell name's hubs into s; on failure s is left closed.
bool openshell(Shell* s, const char* name)
{
    *s = Shell{};
    strecpy(s->name, s->name + sizeof s->name, name);
    s->out[0] = openhub(name, "1", OREAD);
    s->out[1] = s->out[0] < 0 ? -1 : openhub(name, "2", OREAD);
    s->in = s->out[1] < 0 ? -1 : openhub(name, "0", OWRITE);
    s->note = s->in < 0 ? -1 : openhub(name, "0.note", OWRITE);
    if (s->note < 0) {
        closeshell(s);
        return false;
    }
    return true;
}

// A reader: hub file fd to standard output or error until a read fails. A 0-byte read
// is an eof mark, or a removed hub, whose next read fails. Any note ends it: the handler
// it was forked with is the main process's.
[[noreturn]] void copyout(int fd, int to, int ms)
{
    notify(nullptr);
    char buf[8192];
    for (;;) {
        long n = read(fd, buf, sizeof buf);
        if (n < 0)
            exits(nullptr);
        if (n == 0)
            continue;
        if (ms)
            sleep(ms);
        if (write(to, buf, n) != n)
            exits(nullptr);
    }
}

void startreaders(Shell* s)
{
    for (int i = 0; i < 2; i++) {
        int pid = rfork(RFPROC | RFFDG | RFNOTEG | RFNOWAIT);
        if (pid < 0)
            sysfatal("fork: %r");
        if (pid == 0)
            copyout(s->out[i], i + 1, delay[i + 1]);
        s->reader[i] = pid;
    }
}

void stopreaders(Shell* s)
{
    for (int& pid : s->reader)
        if (pid > 0) {
            postnote(PNPROC, pid, "kill");
            pid = 0;
        }
}

void ctl(const char* fmt, ...)
{
    char msg[128], path[sizeof dir + 4];
    va_list args;
    va_start(args, fmt);
    int n = vsnprint(msg, sizeof msg, fmt, args);
    va_end(args);
    snprint(path, sizeof path, "%s/ctl", dir);
    int fd = open(path, OWRITE);
    if (fd < 0 || write(fd, msg, n) != n)
        fprint(2, "hubshell: %s: %s: %r\n", path, msg);
    if (fd >= 0)
        close(fd);
}

// Text for the attached shell, after the %in delay.
void input(const char* buf, long n)
{
    if (delay[0])
        sleep(delay[0]);
    if (write(sh.in, buf, n) != n)
        fprint(2, "hubshell: write %s0: %r\n", sh.name);
}

void input(const char* text)
{
    input(text, long(strlen(text)));
}

// Leaving the attached shell: what %fortun and %echoes ask for is sent first.
void leave()
{
    if (fortune)
        input("fortune\n");
    if (echoes)
        input("echo\n");
    stopreaders(&sh);
    closeshell(&sh);
}

bool attach(const char* name)
{
    Shell s;
    if (!openshell(&s, name))
        return false;
    leave();
    sh = s;
    startreaders(&sh);
    return true;
}

// %remote: the shell the hubs lead to starts name's rc with hub -b; its hubs appear
// before the rc starts.
void remote(const char* name)
{
    char cmd[NAMEMAX + Maxname + 16];
    snprint(cmd, sizeof cmd, "hub -b %s %s\n", srv, name);
    input(cmd);
    for (int i = 0; i < 100; i++) {
        if (attach(name))
            return;
        sleep(100);
    }
    fprint(2, "hubshell: %r\n");
}

void list()
{
    int pid = fork();
    if (pid < 0) {
        fprint(2, "hubshell: fork: %r\n");
        return;
    }
    if (pid == 0) {
        const char* argv[] = {"lc", dir, nullptr};
        execbin(argv);
        sysfatal("exec lc: %r");
    }
    for (int w = 0; w >= 0 && w != pid;)
        w = waitpid();
}

void status()
{
    print("\thubshell: attached to %s/%s of /srv/%s\n", dir, sh.name, srv);
    print("\tin delay: %d  out delay: %d  err delay: %d\n", delay[0], delay[1], delay[2]);
    if (fortune)
        print("\tfortune flush active\n");
    if (echoes)
        print("\techo flush active\n");
}

void setdelay(int fd, const char* arg)
{
    char* end;
    long ms = arg ? strtol(arg, &end, 10) : -1;
    if (!arg || *end || ms < 0 || ms > 60000) {
        fprint(2, "hubshell: a delay is a number of milliseconds\n");
        return;
    }
    delay[fd] = int(ms);
    if (fd > 0) {
        stopreaders(&sh);
        startreaders(&sh);
    }
}

const char* const ctlwords[] = {"eof", "freeze", "melt", "fear", "calm", "trunc", "notrunc"};

// One %command line (NUL-terminated, % and newline gone); false when it is not one of
// hubshell's, so that its text goes on to the shell.
bool command(char* line)
{
    char* f[3];
    int n = tokenize(line, f, 3);
    const char* cmd = n > 0 ? f[0] : "";
    const char* arg = n > 1 ? f[1] : nullptr;
    bool named = strcmp(cmd, "remote") == 0 || strcmp(cmd, "local") == 0 || strcmp(cmd, "attach") == 0;
    if (named && (!arg || !goodname(arg))) {
        fprint(2, "hubshell: %%%s needs a shell name\n", cmd);
        return true;
    }
    if (strcmp(cmd, "detach") == 0) {
        leave();
        exits(nullptr);
    } else if (strcmp(cmd, "quit") == 0) {
        ctl("quit");
        stopreaders(&sh);
        exits(nullptr);
    } else if (strcmp(cmd, "remote") == 0) {
        remote(arg);
    } else if (strcmp(cmd, "local") == 0) {
        leave();
        const char* argv[] = {"hub", srv, arg, nullptr};
        execbin(argv);
        sysfatal("exec hub: %r");
    } else if (strcmp(cmd, "attach") == 0) {
        if (!attach(arg))
            fprint(2, "hubshell: %r: do you need to create it with remote %s?\n", arg);
    } else if (strcmp(cmd, "in") == 0) {
        setdelay(0, arg);
    } else if (strcmp(cmd, "out") == 0) {
        setdelay(1, arg);
    } else if (strcmp(cmd, "err") == 0) {
        setdelay(2, arg);
    } else if (strcmp(cmd, "fortun") == 0 || strcmp(cmd, "unfort") == 0) {
        fortune = cmd[0] == 'f';
    } else if (strcmp(cmd, "echoes") == 0 || strcmp(cmd, "unecho") == 0) {
        echoes = cmd[0] == 'e';
    } else if (strcmp(cmd, "list") == 0) {
        list();
    } else if (strcmp(cmd, "status") == 0) {
        status();
    } else {
        for (const char* w : ctlwords)
            if (strcmp(cmd, w) == 0) {
                if (strcmp(w, "eof") == 0)
                    ctl("eof %s0", sh.name);
                else
                    ctl("%s", w);
                return true;
            }
        fprint(2, "hubshell %% commands:\n\tdetach remote NAME local NAME attach NAME\n"
                  "\terr MS in MS out MS fortun unfort echoes unecho status list\n"
                  "\teof freeze melt fear calm trunc notrunc quit\n");
        return false;
    }
    return true;
}

// Standard input to NAME0, a line at a time where a line may be a %command.
void copyin(bool console)
{
    static char buf[8192];
    bool linestart = true;
    for (;;) {
        long n = read(0, buf, sizeof buf);
        if (n < 0) {
            char err[ERRMAX];
            rerrstr(err, sizeof err);
            if (strstr(err, "interrupted"))
                continue;  // a Delete: the note handler passed it on
            return;
        }
        if (n == 0) {
            if (!console)
                return;
            ctl("eof %s0", sh.name);
            continue;
        }
        char* p = buf;
        char* pending = p;  // text not yet sent
        while (p < buf + n) {
            char* nl = static_cast<char*>(memchr(p, '\n', usize(buf + n - p)));
            char* end = nl ? nl + 1 : buf + n;
            if (linestart && *p == '%') {
                if (p > pending)
                    input(pending, p - pending);
                pending = p;
                char line[256];
                long len = (nl ? nl : end) - (p + 1);
                if (len >= long(sizeof line))
                    len = sizeof line - 1;
                memmove(line, p + 1, usize(len));
                line[len] = 0;
                if (command(line))
                    pending = end;
            }
            linestart = nl != nullptr;
            p = end;
        }
        if (p > pending)
            input(pending, p - pending);
    }
}

// A Delete typed on the console: the attached shell gets it instead (none while moving
// between shells). Other notes end hubshell, readers included.
void onnote(void*, char* note)
{
    if (strcmp(note, "interrupt") == 0) {
        if (sh.note >= 0)
            write(sh.note, "interrupt", 9);
        noted(NCONT);
    }
    stopreaders(&sh);
    noted(NDFLT);
}

bool onconsole(int fd)
{
    char name[256];
    if (fd2path(fd, name, sizeof name) < 0)
        return false;
    int n = int(strlen(name));
    return n >= 4 && strcmp(name + n - 4, "cons") == 0;
}

[[noreturn]] void usage()
{
    fprint(2, "usage: hubshell [srvname [shellname]]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    ARGBEGIN {
    default:
        usage();
    } ARGEND
    if (argc > 2)
        usage();
    srv = argc > 0 ? argv[0] : "hubfs";
    const char* name = argc > 1 ? argv[1] : "io";
    const char* base = strrchr(srv, '/');
    base = base ? base + 1 : srv;
    if (!*base || strlen(base) > NAMEMAX || !goodname(name))
        usage();
    snprint(dir, sizeof dir, "/n/%s", base);
    if (!openshell(&sh, name))
        sysfatal("%r");
    rfork(RFNOTEG);
    notify(onnote);
    startreaders(&sh);
    copyin(onconsole(0));
    stopreaders(&sh);
    exits(nullptr);
}
