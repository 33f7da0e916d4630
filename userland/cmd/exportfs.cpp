// exportfs [-d] [-r root] [-S srvname]: serves a subtree of this process's name space over 9P,
// as exportfs(4): on fds 0 and 1 (a network call, a pipe), or posted as /srv/srvname by
// a server process that keeps a copy of the name space as it was. -d reports every 9P
// message on standard error. Without -r or -S the client names the tree first (the
// initial protocol import(4) speaks). exportsrv.cpp does the work.
#include "libc.h"
#include "lib9p/serve.h"
#include "exportsrv.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: exportfs [-d] [-r root] [-S srvname]\n");
    exits("usage");
}

// The initial protocol: the client writes the tree's name, exportfs answers OK or why not.
char* tree_from_client()
{
    static char tree[256];
    long n = read(0, tree, sizeof tree - 1);
    if (n <= 0)
        sysfatal("reading the tree: %r");
    tree[n] = 0;
    Dir* d = dirstat(tree);
    const char* bad = !d ? "file does not exist" : !(d->mode & DMDIR) ? "not a directory" : nullptr;
    free(d);
    if (bad) {
        fprint(1, "%s: %s", tree, bad);
        sysfatal("bad tree %s", tree);
    }
    if (write(1, "OK", 2) != 2)
        sysfatal("write: %r");
    return tree;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "exportfs";
    char* root = nullptr;
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

    if (!root)
        root = srvname ? strdup("/") : tree_from_client();
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
