// The current directory's name: the kernel keeps the path each channel was reached by,
// so it is fd2path of ".". A name too long for buf comes back truncated, as in Plan 9.
#include "libc.h"

extern "C" {

char* getwd(char* buf, int n)
{
    int fd = open(".", OREAD | OCEXEC);
    if (fd < 0)
        return nil;
    int r = fd2path(fd, buf, n);
    close(fd);
    return r < 0 ? nil : buf;
}

}  // extern "C"
