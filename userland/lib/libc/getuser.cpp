// getuser and procsetuser: the user this process runs as, read from and written to the
// console device's user file (named #c, not /dev, so that neither depends on the name
// space). The kernel lets only the host owner become another user, and anyone none.
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

int procsetuser(const char* user)
{
    int fd = open("#c/user", OWRITE | OCEXEC);
    long n = strlen(user);
    long r = fd < 0 ? -1 : write(fd, user, n);
    if (fd >= 0)
        close(fd);
    return r == n ? 0 : -1;
}
