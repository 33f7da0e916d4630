// import [-abcCA] [-E clear] [-s srvname] system file [mountpoint]: mounts the tree file
// of another system's name space, served by its exportfs(4), on mountpoint (default
// file), as Plan 9's import(4). The call goes to system's exportfs service (17007);
// import names the tree and expects OK back, then mounts the connection, and with -s
// also posts it as /srv/srvname. Authentication needs factotum, which Myrmex does not
// have yet: -A (skip it, for an exportfs started without -a) is required for now.
#include "libc.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: import [-abcCA] [-E clear] [-s srvname] system file [mountpoint]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "import";
    int flag = MREPL;
    bool auth = true;
    const char* srvname = nullptr;
    ARGBEGIN {
    case 'a':
        flag = (flag & ~MORDER) | MAFTER;
        break;
    case 'b':
        flag = (flag & ~MORDER) | MBEFORE;
        break;
    case 'c':
        flag |= MCREATE;
        break;
    case 'C':
        flag |= MCACHE;
        break;
    case 'A':
        auth = false;
        break;
    case 'E':
        if (strcmp(EARGF(usage()), "clear") != 0)
            sysfatal("encryption is not supported yet: only -E clear");
        break;
    case 's':
        srvname = EARGF(usage());
        break;
    default:
        usage();
    } ARGEND
    if (argc != 2 && argc != 3)
        usage();
    const char* system = argv[0];
    const char* tree = argv[1];
    const char* mtpt = argc == 3 ? argv[2] : tree;
    if (auth)
        sysfatal("can't authenticate to %s: no factotum (use -A)", system);

    int fd = dial(netmkaddr(system, "tcp", "exportfs"), nullptr, nullptr, nullptr);
    if (fd < 0)
        sysfatal("can't dial %s: %r", system);
    if (write(fd, tree, strlen(tree)) < 0)
        sysfatal("can't write remote tree: %r");
    char buf[256];
    long n = read(fd, buf, sizeof buf - 1);
    if (n != 2 || buf[0] != 'O' || buf[1] != 'K') {
        buf[n > 0 ? n : 0] = 0;
        sysfatal("bad remote tree: %s", n > 0 ? buf : "connection closed");
    }
    if (srvname && postfd(srvname, fd) < 0)
        sysfatal("can't post /srv/%s: %r", srvname);
    if (mount(fd, -1, mtpt, flag, "") < 0)
        sysfatal("can't mount %s: %r", mtpt);
    exits(nullptr);
}
