// Dir-valued stat and wstat (Plan 9's dirstat(2)) over the byte-level system calls. The
// kernel answers a too-small stat buffer with just the entry's size (BIT16SZ bytes), so
// dirstat guesses a size, and asks once more with the size it was told when the guess
// falls short; the entry is then unpacked into one malloc'd block, Dir then strings.
#include "libc.h"

namespace {

// Room for a typical entry, so one call usually does.
constexpr int Firstguess = STATFIXLEN + 4 * 32;

// Unpacks the stat entry buf[0..n) into a new block.
Dir* unpack(const uchar* buf, usize n)
{
    if (n < STATFIXLEN) {
        werrstr("%s", Ebadstat);
        return nil;
    }
    usize nstrs = n - STATFIXLEN + 4;  // the strings' bytes and their NULs
    auto* d = (Dir*)malloc(sizeof(Dir) + nstrs);
    if (d == nil)
        return nil;
    if (convM2D(buf, n, d, (char*)(d + 1), nstrs) != n) {
        free(d);
        werrstr("%s", Ebadstat);
        return nil;
    }
    return d;
}

// statf(buf, n) is stat or fstat bound to its file.
template<class F>
Dir* dirstat_with(F statf)
{
    int n = Firstguess;
    for (int tries = 0; tries < 3; tries++) {  // the entry may grow between calls
        auto* buf = (uchar*)malloc(n);
        if (buf == nil)
            return nil;
        int got = statf(buf, n);
        if (got < 0) {
            free(buf);
            return nil;
        }
        if ((usize)got < BIT16SZ) {
            free(buf);
            werrstr("%s", Ebadstat);
            return nil;
        }
        int need = BIT16SZ + (buf[0] | buf[1] << 8);
        if (need <= got) {
            Dir* d = unpack(buf, need);
            free(buf);
            return d;
        }
        free(buf);
        n = need;
    }
    werrstr("%s", Ebadstat);
    return nil;
}

// wstatf(buf, n) is wstat or fwstat bound to its file; its result is returned, as Plan 9
// does: the entry's size on success.
template<class F>
int dirwstat_with(const Dir* d, F wstatf)
{
    usize n = sizeD2M(d);
    auto* buf = (uchar*)malloc(n);
    if (buf == nil)
        return -1;
    int r;
    if (convD2M(d, buf, n) != n) {
        werrstr("%s", Ebadstat);  // longer than a stat entry can be
        r = -1;
    } else {
        r = wstatf(buf, (int)n);
    }
    free(buf);
    return r;
}

}  // namespace

extern "C" {

Dir* dirstat(const char* name)
{
    return dirstat_with([name](uchar* buf, int n) { return stat(name, buf, n); });
}

Dir* dirfstat(int fd)
{
    return dirstat_with([fd](uchar* buf, int n) { return fstat(fd, buf, n); });
}

int dirwstat(const char* name, const Dir* d)
{
    return dirwstat_with(d, [name](uchar* buf, int n) { return wstat(name, buf, n); });
}

int dirfwstat(int fd, const Dir* d)
{
    return dirwstat_with(d, [fd](uchar* buf, int n) { return fwstat(fd, buf, n); });
}

}  // extern "C"
