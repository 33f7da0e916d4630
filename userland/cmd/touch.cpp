// touch [-c] [-t time] file ...: sets each file's modification time to now (or to time,
// seconds since the epoch) with a wstat that changes nothing else; a missing file is
// created unless -c says not to. Every failure is reported and touch goes on to the next
// file; the exit status is "touch" if any failed.
#include "libc.h"

namespace {

bool nocreate, tflag;
ulong when;

[[noreturn]] void usage()
{
    fprint(2, "usage: touch [-c] [-t time] files\n");
    exits("usage");
}

bool touch(const char* name)
{
    Dir d;
    nulldir(&d);
    d.mtime = when;
    if (dirwstat(name, &d) >= 0)
        return true;
    if (nocreate) {
        fprint(2, "touch: %s: cannot wstat: %r\n", name);
        return false;
    }
    int fd = create(name, OWRITE, 0666);
    if (fd < 0) {
        fprint(2, "touch: %s: cannot create: %r\n", name);
        return false;
    }
    bool ok = true;
    if (tflag && dirfwstat(fd, &d) < 0) {
        fprint(2, "touch: %s: cannot wstat: %r\n", name);
        ok = false;
    }
    close(fd);
    return ok;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "touch";
    when = time(nullptr);
    ARGBEGIN {
    case 't':
        tflag = true;
        when = strtoul(EARGF(usage()), nullptr, 0);
        break;
    case 'c':
        nocreate = true;
        break;
    default:
        usage();
    } ARGEND
    if (argc == 0)
        usage();
    bool ok = true;
    for (int i = 0; i < argc; i++)
        ok = touch(argv[i]) && ok;
    exits(ok ? nullptr : "touch");
}
