// Reading /proc for ps and kill (procs.h). A status file is Plan 9's: the program name,
// the user and the state as blank-padded words (27, 27 and 11 characters), then numbers
// 11 characters wide: user, system and real time and the same three for exited children,
// all in milliseconds, then memory in kilobytes, base and current priority. Fields are
// split at blanks, as Plan 9's ps does, and numbers missing from the end read as 0, so a
// kernel that reports fewer of them still lists its processes.
#include "procs.h"
#include "sort.h"

namespace {

enum {
    Statusmax = 512,  // Plan 9's status is 176 bytes
    Mintokens = 6,  // text user state utime stime rtime
};

bool all_digits(const char* s)
{
    if (*s == 0)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

bool readstatus(int pid, Proc* p)
{
    char name[64];
    snprint(name, sizeof name, "/proc/%d/status", pid);
    int fd = open(name, OREAD);
    if (fd < 0)
        return false;
    char* buf = (char*)malloc(Statusmax);
    if (buf == nullptr)
        sysfatal("out of memory");
    long n = read(fd, buf, Statusmax - 1);
    close(fd);
    if (n <= 0) {
        free(buf);
        return false;
    }
    buf[n] = 0;
    char* f[12 + 1];
    int nf = tokenize(buf, f, nelem(f));
    if (nf < Mintokens) {
        free(buf);
        return false;
    }
    auto number = [&](int i) { return i < nf ? strtoul(f[i], nullptr, 10) : 0; };
    *p = Proc{pid, f[0], f[1], f[2], number(3), number(4), number(5), number(9), number(10), number(11)};
    return true;
}

}  // namespace

long readprocs(Proc** procs)
{
    int fd = open("/proc", OREAD);
    if (fd < 0)
        return -1;
    Dir* d;
    long n = dirreadall(fd, &d);
    close(fd);
    if (n < 0)
        return -1;
    auto* p = (Proc*)malloc((n ? n : 1) * sizeof(Proc));
    if (p == nullptr)
        sysfatal("out of memory");
    long np = 0;
    for (long i = 0; i < n; i++)
        if (all_digits(d[i].name) && readstatus(atoi(d[i].name), &p[np]))
            np++;
    free(d);
    sort(p, np, [](const Proc& a, const Proc& b) { return a.pid < b.pid; });
    *procs = p;
    return np;
}
