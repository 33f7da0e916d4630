// mount [-a|-b] [-cCnq] servename old [spec]: attaches the file tree served over the
// connection that opening servename yields (usually a file in /srv) to old, with the
// union flags of bind(1); -C lets the kernel cache file contents; spec selects one of the
// server's trees. There is no authentication yet, so mount always attaches without it
// (-n, which asks for that, is accepted for Plan 9 scripts). -q fails silently.
#include "libc.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: mount [-a|-b] [-cCnq] servename old [spec]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "mount";
    int flag = MREPL;
    bool qflag = false;
    ARGBEGIN {
    case 'a':
        flag |= MAFTER;
        break;
    case 'b':
        flag |= MBEFORE;
        break;
    case 'c':
        flag |= MCREATE;
        break;
    case 'C':
        flag |= MCACHE;
        break;
    case 'n':
        break;
    case 'q':
        qflag = true;
        break;
    default:
        usage();
    } ARGEND
    if (argc < 2 || argc > 3 || (flag & MORDER) == MORDER)
        usage();
    const char* spec = argc == 3 ? argv[2] : "";

    int fd = open(argv[0], ORDWR);
    if (fd < 0) {
        if (qflag)
            exits(nullptr);
        sysfatal("can't open %s: %r", argv[0]);
    }
    if (mount(fd, -1, argv[1], flag, spec) < 0) {
        if (qflag)
            exits(nullptr);
        fprint(2, "mount: mount %s: %r\n", argv[1]);
        exits("mount");
    }
    exits(nullptr);
}
