// Directory reads (Plan 9's dirread(2)). A read of a directory yields whole stat(5)
// entries; they are checked, counted and unpacked into one malloc'd block: the Dir array
// followed by all the strings, so the caller frees it with one free(). Should a reply hold
// a malformed or partial entry, none of it is unpacked: the call fails with Ebadstat.
#include "libc.h"

namespace {

// Every entry fits in a read this big, so a directory read never fails for want of room.
constexpr long Dirbuf = STATMAX + BIT16SZ;

// Bytes convM2D needs for the strings of an m-byte entry: their bytes and four NULs.
usize strsize(usize m)
{
    return m - STATFIXLEN + 4;
}

// Unpacks the entries in buf[0..n) into *d and returns how many there are.
long dirpackage(const uchar* buf, long n, Dir** d)
{
    long count = 0;
    usize strs = 0;
    for (long i = 0; i < n;) {
        usize left = n - i;
        usize m = left < BIT16SZ ? 0 : BIT16SZ + (buf[i] | buf[i + 1] << 8);
        if (m == 0 || m > left || statcheck(buf + i, m) < 0) {
            werrstr("%s", Ebadstat);
            return -1;
        }
        strs += strsize(m);
        count++;
        i += m;
    }
    if (count == 0)
        return 0;
    auto* dirs = (Dir*)malloc(count * sizeof(Dir) + strs);
    if (dirs == nil)
        return -1;
    auto* s = (char*)(dirs + count);
    const uchar* p = buf;
    for (long k = 0; k < count; k++) {
        usize m = convM2D(p, buf + n - p, &dirs[k], s, strs);
        s += strsize(m);
        strs -= strsize(m);
        p += m;
    }
    *d = dirs;
    return count;
}

}  // namespace

extern "C" {

long dirread(int fd, Dir** d)
{
    *d = nil;
    auto* buf = (uchar*)malloc(Dirbuf);
    if (buf == nil)
        return -1;
    long n = read(fd, buf, Dirbuf);
    if (n > 0)
        n = dirpackage(buf, n, d);
    free(buf);
    return n;
}

// An error after some entries were read is not reported: those entries are returned.
long dirreadall(int fd, Dir** d)
{
    *d = nil;
    uchar* buf = nil;
    long len = 0, cap = 0, n;
    for (;;) {
        if (cap - len < Dirbuf) {
            long ncap = 2 * cap > len + Dirbuf ? 2 * cap : len + Dirbuf;
            auto* nbuf = (uchar*)realloc(buf, ncap);
            if (nbuf == nil) {
                free(buf);
                return -1;
            }
            buf = nbuf;
            cap = ncap;
        }
        n = read(fd, buf + len, Dirbuf);
        if (n <= 0)
            break;
        len += n;
    }
    long r = len == 0 && n < 0 ? -1 : dirpackage(buf, len, d);
    free(buf);
    return r;
}

}  // extern "C"
