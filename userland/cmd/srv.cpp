// srv [-abcCmq] [net!]host[!service] [srvname [mtpt]]
// srv -e [-abcCmq] command [srvname [mtpt]]
// Connects to a 9P file server and posts the connection as /srv/srvname (default: the
// address's last path element), then, with -m or any of -abcC, mounts it on mtpt
// (default /n/host, or /n/srvname with -e) with those flags, as Plan 9's srv(4). The connection is dialed
// (service 9fs by default) or, with -e, is the standard input and output of command,
// run by rc. A srvname already posted is mounted if it still works and otherwise
// replaced. -q keeps quiet about a posting that is reused.
#include "libc.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: srv [-abcCmq] [net!]host[!service] [srvname [mtpt]]\n"
              "       srv -e [-abcCmq] command [srvname [mtpt]]\n");
    exits("usage");
}

// A connection to command's standard input and output.
int connect_command(const char* command)
{
    int p[2];
    if (pipe(p) < 0)
        return -1;
    int pid = rfork(RFPROC | RFFDG | RFNOTEG | RFNOWAIT);
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup(p[1], 0);
        dup(p[1], 1);
        close(p[0]);
        close(p[1]);
        const char* argv[] = { "rc", "-c", command, nullptr };
        execbin(argv);
        sysfatal("exec rc: %r");
    }
    close(p[1]);
    return p[0];
}

bool mount_posted(const char* srvpath, const char* mtpt, int flag)
{
    int fd = open(srvpath, ORDWR);
    if (fd < 0)
        return false;
    int r = mount(fd, -1, mtpt, flag, "");
    close(fd);
    return r >= 0;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "srv";
    bool command = false, domount = false, quiet = false;
    int flag = MREPL;
    ARGBEGIN {
    case 'a':
        flag = (flag & ~MORDER) | MAFTER;
        domount = true;
        break;
    case 'b':
        flag = (flag & ~MORDER) | MBEFORE;
        domount = true;
        break;
    case 'c':
        flag |= MCREATE;
        domount = true;
        break;
    case 'C':
        flag |= MCACHE;
        domount = true;
        break;
    case 'e':
        command = true;
        break;
    case 'm':
        domount = true;
        break;
    case 'q':
        quiet = true;
        break;
    default:
        usage();
    } ARGEND
    if (argc < 1 || argc > 3)
        usage();

    const char* dest = argv[0];
    const char* base = strrchr(dest, '/') ? strrchr(dest, '/') + 1 : dest;
    const char* name = argc >= 2 ? argv[1] : base;
    const char* host = command ? name : strchr(base, '!') ? strchr(base, '!') + 1 : base;
    const char* hostend = strchr(host, '!') ? strchr(host, '!') : host + strlen(host);
    char* mtpt = argc == 3 ? strdup(argv[2]) : smprint("/n/%.*s", int(hostend - host), host);
    if (argc == 3)
        domount = true;
    char* srvpath = smprint("/srv/%s", name);

    Dir* d = dirstat(srvpath);
    if (d) {
        free(d);
        if (!domount || mount_posted(srvpath, mtpt, flag)) {
            if (!quiet)
                fprint(2, "srv: %s already posted\n", srvpath);
            exits(nullptr);
        }
        remove(srvpath);  // it no longer works: connect again
    }

    int fd = command ? connect_command(dest) : dial(netmkaddr(dest, "net", "9fs"), nullptr, nullptr, nullptr);
    if (fd < 0)
        sysfatal("%s %s: %r", command ? "run" : "dial", dest);
    if (postfd(name, fd) < 0)
        sysfatal("post %s: %r", srvpath);
    if (domount && mount(fd, -1, mtpt, flag, "") < 0)
        sysfatal("mount %s: %r", mtpt);
    exits(nullptr);
}
