// getuser: the user this process runs as, from the console device's user file (named
// #c, not /dev, so that the answer does not depend on the name space).
#include "libc.h"

char* getuser()
{
    static char user[KNAMELEN + 1];
    int fd = open("#c/user", OREAD | OCEXEC);
    long n = fd < 0 ? -1 : pread(fd, user, sizeof user - 1, 0);
    if (fd >= 0)
        close(fd);
    if (n <= 0)
        return strcpy(user, "none");
    user[n] = 0;
    return user;
}
