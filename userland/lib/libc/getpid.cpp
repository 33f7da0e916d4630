// Process ids, read from the console device's pid and ppid files ("%11d "). The device is
// named #c rather than /dev so that the answer does not depend on the name space.
#include "libc.h"

namespace {

int readnum(const char* file)
{
    char buf[32];
    int fd = open(file, OREAD | OCEXEC);
    if (fd < 0)
        return -1;
    long n = pread(fd, buf, sizeof buf - 1, 0);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = 0;
    return (int)strtol(buf, nil, 10);
}

}  // namespace

extern "C" {

int getpid()
{
    return readnum("#c/pid");
}

int getppid()
{
    return readnum("#c/ppid");
}

}  // extern "C"
