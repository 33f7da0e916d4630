// pwd: prints the name of the working directory, as the kernel remembers it from the
// chdir that made it (fd2path of "."; see getwd), so it is the path that was used to get
// there even if the name space has changed since.
#include "libc.h"

int main(int argc, char** argv)
{
    argv0 = "pwd";
    ARGBEGIN {
    default:
        fprint(2, "usage: pwd\n");
        exits("usage");
    } ARGEND
    if (argc != 0) {
        fprint(2, "usage: pwd\n");
        exits("usage");
    }
    char buf[1024];
    if (getwd(buf, sizeof buf) == nullptr)
        sysfatal("%r");
    print("%s\n", buf);
    exits(nullptr);
}
