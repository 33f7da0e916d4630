// srvfs [-p perm] name path: posts /srv/name, a 9P connection serving path of the
// current name space, as srvfs(4) (exportfs -r path -S name, with the srv file's mode).
// -d (debug prints) is accepted for ANTS's scripts and ignored.
#include "libc.h"
#include "exportsrv.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: srvfs [-p perm] name path\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "srvfs";
    uint32_t perm = 0600;
    ARGBEGIN {
    case 'd':
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
