// listen1 [-tv] addr cmd [args ...]: announces addr (service required, net tcp by
// default) and runs cmd for each call, with the connection as its standard input, output
// and error, in a name space and environment of its own (Plan 9's aux/listen1). The
// command runs as none unless -t (trusted) is given; -v reports each call on standard
// error.
#include "libc.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: listen1 [-tv] address cmd args...\n");
    exits("usage");
}

// The contents of dir/name, without its newline, in buf.
const char* netfile(const char* dir, const char* name, char* buf, int n)
{
    char path[NETPATHLEN + 16];
    snprint(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, OREAD);
    long got = fd < 0 ? -1 : read(fd, buf, n - 1);
    if (fd >= 0)
        close(fd);
    buf[got > 0 ? got : 0] = 0;
    if (char* nl = strchr(buf, '\n'))
        *nl = 0;
    return buf;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "listen1";
    bool trusted = false, verbose = false;
    ARGBEGIN {
    case 't':
        trusted = true;
        break;
    case 'v':
        verbose = true;
        break;
    default:
        usage();
    } ARGEND
    if (argc < 2)
        usage();
    char dir[NETPATHLEN];
    const char* addr = netmkaddr(argv[0], "tcp", nullptr);
    int afd = announce(addr, dir);
    if (afd < 0)
        sysfatal("announce %s: %r", addr);
    if (verbose)
        fprint(2, "listen1: listening on %s\n", dir);
    for (;;) {
        char ndir[NETPATHLEN];
        int lcfd = listen(dir, ndir);
        if (lcfd < 0)
            sysfatal("listen %s: %r", dir);
        if (verbose) {
            char remote[64];
            fprint(2, "listen1: call in %s from %s\n", ndir, netfile(ndir, "remote", remote, sizeof remote));
        }
        switch (rfork(RFFDG | RFPROC | RFNOWAIT | RFENVG | RFNAMEG | RFNOTEG)) {
        case -1:
            reject(lcfd, ndir, "host overloaded");
            close(lcfd);
            break;
        case 0: {
            int fd = accept(lcfd, ndir);
            if (fd < 0)
                sysfatal("accept %s: %r", ndir);
            close(lcfd);
            close(afd);
            if (!trusted && procsetuser("none") < 0)
                sysfatal("can't become none: %r");
            dup(fd, 0);
            dup(fd, 1);
            dup(fd, 2);
            if (fd > 2)
                close(fd);
            execbin(const_cast<const char**>(argv + 1));
            sysfatal("exec %s: %r", argv[1]);
        }
        default:
            close(lcfd);
        }
    }
}
