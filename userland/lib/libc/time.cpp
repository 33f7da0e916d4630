// The clock, from /dev/time, whose text is Plan 9's four numbers
//   seconds nanoseconds ticks ticks-per-second      ("%12lld %21lld %21lld %21lld")
// The file is opened afresh for each call, as Plan 9's libc did, so no descriptor is
// held open behind the program's back. Both calls return 0 if the clock is unreadable.
#include "libc.h"

namespace {

// Field i (0 seconds, 1 nanoseconds) of /dev/time.
vlong clockfield(int i)
{
    char buf[128];
    int fd = open("/dev/time", OREAD | OCEXEC);
    if (fd < 0)
        return 0;
    long n = pread(fd, buf, sizeof buf - 1, 0);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = 0;
    char* f[4];
    if (tokenize(buf, f, nelem(f)) <= i)
        return 0;
    return strtoll(f[i], nil, 10);
}

}  // namespace

extern "C" {

long time(long* tp)
{
    long t = (long)clockfield(0);
    if (tp != nil)
        *tp = t;
    return t;
}

vlong nsec()
{
    return clockfield(1);
}

}  // extern "C"
