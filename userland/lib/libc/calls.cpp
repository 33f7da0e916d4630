// Calls that Plan 9's libc builds on other system calls: read and write are pread and
// pwrite at the current offset (-1), fork is rfork with Plan 9's fork flags, seek wraps
// the SEEK call (which returns the new offset through a pointer, since eax holds only 32
// bits), readn repeats read until it has all it asked for, readfile reads a whole file,
// and execbin finds a command as rc does.
#include "libc.h"

extern "C" {

int _seek(vlong* ret, int fd, vlong n, int type);  // the SEEK system call

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

char* readfile(const char* name, long* len)
{
    int fd = open(name, OREAD);
    if (fd < 0)
        return nullptr;
    long size = 1024, n = 0;
    char* buf = nullptr;
    for (;;) {
        if (buf == nullptr || n + 1 >= size) {
            size *= 2;
            char* b = (char*)realloc(buf, size);
            if (b == nullptr) {
                free(buf);
                close(fd);
                werrstr("out of memory");
                return nullptr;
            }
            buf = b;
        }
        long r = read(fd, buf + n, size - 1 - n);
        if (r < 0) {
            free(buf);
            close(fd);
            return nullptr;
        }
        if (r == 0)
            break;
        n += r;
    }
    close(fd);
    buf[n] = 0;
    if (len)
        *len = n;
    return buf;
}

int execbin(const char* const* argv)
{
    const char* name = argv[0];
    if (strchr(name, '/') || name[0] == '#')
        return exec(name, argv);
    char path[256];
    snprint(path, sizeof path, "/bin/%s", name);
    return exec(path, argv);
}

vlong seek(int fd, vlong n, int type)
{
    vlong ret;
    if (_seek(&ret, fd, n, type) < 0)
        return -1;
    return ret;
}

// End of file or an error stops it early; bytes read before an error are returned, and
// the error shows again on the next call.
long readn(int fd, void* buf, long n)
{
    long t = 0;
    while (t < n) {
        long m = read(fd, (char*)buf + t, n - t);
        if (m <= 0)
            return t == 0 ? m : t;
        t += m;
    }
    return t;
}

}  // extern "C"
