// bind [-q] [-b|-a|-c|-bc|-ac] new old: makes old name what new names, in this process's
// name space (shared with the processes of its name space group). Without -a or -b new
// replaces old; -b and -a put it before or after old in a union directory; -c allows
// creation in it. -q fails silently. The error names whichever argument is missing.
#include "libc.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: bind [-q] [-b|-a|-c|-bc|-ac] new old\n");
    exits("usage");
}

bool exists(const char* name)
{
    Dir* d = dirstat(name);
    free(d);
    return d != nullptr;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "bind";
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
    case 'q':
        qflag = true;
        break;
    default:
        usage();
    } ARGEND
    if (argc != 2 || (flag & MORDER) == MORDER)
        usage();

    if (bind(argv[0], argv[1], flag) < 0) {
        if (qflag)
            exits(nullptr);
        char err[ERRMAX];
        rerrstr(err, sizeof err);
        if (!exists(argv[0]))
            fprint(2, "bind: %s: %s\n", argv[0], err);
        else if (!exists(argv[1]))
            fprint(2, "bind: %s: %s\n", argv[1], err);
        else
            fprint(2, "bind %s %s: %s\n", argv[0], argv[1], err);
        exits("bind");
    }
    exits(nullptr);
}
