// unmount [new] old: undoes a bind or mount. With new, only what new put on old goes
// (the arguments are those of the bind or mount being undone); without, everything
// bound or mounted on old.
#include "libc.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: unmount [new] old\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "unmount";
    ARGBEGIN {
    default:
        usage();
    } ARGEND
    if (argc < 1 || argc > 2)
        usage();
    const char* old = argv[argc - 1];
    if (unmount(argc == 2 ? argv[0] : nullptr, old) < 0)
        sysfatal("%s: %r", old);
    exits(nullptr);
}
