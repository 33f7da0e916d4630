// Process ids, read from the console device's pid and ppid files ("%11d "). The device is
// named #c rather than /dev so that the answer does not depend on the name space. The pid
// is read once per process and kept in the words crt0 set aside at the top of the stack,
// which every process has to itself even when it shares the rest of its memory; rfork
// clears it in a new process, whose pid is not its parent's.
#include "libc.h"

extern "C" {

struct Tos {
    int pid;  // 0 until getpid reads it
};
extern Tos* _tos;  // crt0.asm
int _rfork(int flags);  // the RFORK system call

}  // extern "C"

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
    if (_tos->pid <= 0)
        _tos->pid = readnum("#c/pid");
    return _tos->pid;
}

int getppid()
{
    return readnum("#c/ppid");
}

int rfork(int flags)
{
    int pid = _rfork(flags);
    if (pid == 0 && (flags & RFPROC))
        _tos->pid = 0;
    return pid;
}

}  // extern "C"
