// pwd: prints the name of the working directory, as the kernel remembers it from the
// chdir that made it (fd2path of "."; see getwd), so it is the path that was used to get
// there even if the name space has changed since. As in Plan 9, arguments are ignored.
#include "libc.h"

int main(int, char**)
{
    char buf[1024];
    if (getwd(buf, sizeof buf) == nullptr) {
        fprint(2, "pwd: %r\n");
        exits("getwd");
    }
    print("%s\n", buf);
    exits(nullptr);
}
