// Calls that Plan 9's libc builds on other system calls: read and write are pread and
// pwrite at the current offset (-1), fork is rfork with Plan 9's fork flags.
#include "libc.h"

extern "C" {

long read(int fd, void* buf, long n)
{
    return pread(fd, buf, n, -1);
}

long write(int fd, const void* buf, long n)
{
    return pwrite(fd, buf, n, -1);
}

int fork()
{
    return rfork(RFPROC | RFFDG | RFREND);
}

}  // extern "C"
