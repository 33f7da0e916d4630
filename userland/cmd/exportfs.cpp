// exportfs [-d] [-r root] [-S srvname]: serves a subtree of this process's name space over 9P,
// as exportfs(4): on fds 0 and 1 (a network call, a pipe), or posted as /srv/srvname by
// a server process that keeps a copy of the name space as it was. -d reports every 9P
// message on standard error. exportsrv.cpp does the work.
#include "libc.h"
#include "lib9p/serve.h"
#include "exportsrv.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: exportfs [-d] [-r root] [-S srvname]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "exportfs";
    char* root = strdup("/");
    const char* srvname = nullptr;
    ARGBEGIN {
    case 'd':
        chatty9p = 1;
        break;
    case 'r':
        root = EARGF(usage());
        break;
    case 'S':
        srvname = EARGF(usage());
        break;
    default:
        usage();
    } ARGEND
    if (argc != 0)
        usage();

    Srv* s = exportsrv(root);
    if (srvname) {
        if (exportpost(s, srvname, 0600) < 0)
            sysfatal("post %s: %r", srvname);
        exits(nullptr);
    }
    if (srv(s, 0, 1) < 0)
        sysfatal("srv: %r");
    exits(nullptr);
}
