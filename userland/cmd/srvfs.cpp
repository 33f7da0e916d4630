// srvfs [-d] [-p perm] name path: posts /srv/name, a 9P connection serving path of the
// current name space, as srvfs(4) (exportfs -r path -S name, with the srv file's mode).
// -d reports the server's 9P traffic on standard error, as exportfs -d.
#include "libc.h"
#include "lib9p/serve.h"
#include "exportsrv.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: srvfs [-d] [-p perm] name path\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "srvfs";
    uint32_t perm = 0600;
    ARGBEGIN {
    case 'd':
        chatty9p = 1;
        break;
    case 'p': {
        char* end;
        const char* s = EARGF(usage());
        perm = uint32_t(strtoul(s, &end, 8));
        if (*end || !*s || perm > 0777)
            usage();
        break;
    }
    default:
        usage();
    } ARGEND
    if (argc != 2)
        usage();

    if (exportpost(exportsrv(argv[1]), argv[0], perm) < 0)
        sysfatal("post %s: %r", argv[0]);
    exits(nullptr);
}
