// ps [-anpr]: one line per process, in Plan 9's layout:
//   user  pid  [noteid] [real time]  user time  system time  [priorities]  memory  state  name
// Times are minutes:seconds, memory is in kilobytes. -a prints the arguments from
// /proc/N/args instead of the name, -n the note group, -p the base and current priority,
// -r the real time since the process began.
#include "procs.h"

namespace {

bool aflag, nflag, pflag, rflag;
Fmt out;
char outbuf[8192];

// A small /proc/N/FILE, NUL-terminated, newlines made blanks; nil if unreadable.
char* procfile(int pid, const char* file, char* buf, int size)
{
    char name[64];
    snprint(name, sizeof name, "/proc/%d/%s", pid, file);
    int fd = open(name, OREAD);
    if (fd < 0)
        return nullptr;
    long n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return nullptr;
    buf[n] = 0;
    for (char* p = buf; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return buf;
}

void ps(const Proc& p)
{
    char note[16] = "";
    if (nflag) {
        char buf[32];
        if (procfile(p.pid, "noteid", buf, sizeof buf) != nullptr)
            snprint(note, sizeof note, " %7d", atoi(buf));
        else
            snprint(note, sizeof note, " %8s", "?");
    }
    char real[24] = "";
    if (rflag) {
        ulong t = p.rtime / 1000;
        char r[24];
        if (t >= 86400)
            snprint(r, sizeof r, " %lud:%.2lud:%.2lud:%.2lud", t / 86400, t / 3600 % 24, t / 60 % 60, t % 60);
        else if (t >= 3600)
            snprint(r, sizeof r, " %lud:%.2lud:%.2lud", t / 3600, t / 60 % 60, t % 60);
        else
            snprint(r, sizeof r, " %lud:%.2lud", t / 60, t % 60);
        snprint(real, sizeof real, "%12s", r);
    }
    char pri[16] = "";
    if (pflag)
        snprint(pri, sizeof pri, " %2lud %2lud", p.basepri, p.pri);
    ulong u = p.utime / 1000;
    ulong s = p.stime / 1000;
    fmtprint(&out, "%-10s %8d%s%s %4lud:%.2lud %3lud:%.2lud %s %7ludK %-8.8s ", p.user, p.pid, note, real, u / 60,
        u % 60, s / 60, s % 60, pri, p.memory, p.state);
    char args[256];
    if (!aflag)
        fmtprint(&out, "%s\n", p.text);
    else if (procfile(p.pid, "args", args, sizeof args) == nullptr)
        fmtprint(&out, "%s ?\n", p.text);
    else
        fmtprint(&out, "%s\n", *args ? args : p.text);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "ps";
    ARGBEGIN {
    case 'a':
        aflag = true;
        break;
    case 'n':
        nflag = true;
        break;
    case 'p':
        pflag = true;
        break;
    case 'r':
        rflag = true;
        break;
    } ARGEND  // as in Plan 9, other flags and arguments are ignored

    Proc* procs;
    long n = readprocs(&procs);
    if (n < 0)
        sysfatal("/proc: %r");
    if (n == 0) {
        fprint(2, "ps: empty directory /proc\n");
        exits("empty");
    }
    fmtfdinit(&out, 1, outbuf, sizeof outbuf);
    for (long i = 0; i < n; i++)
        ps(procs[i]);
    if (fmtfdflush(&out) < 0)
        sysfatal("write error: %r");
    exits(nullptr);
}
