// Kernel counters and the kernel message log (see stats.h). The log keeps the last
// KMESGSIZE bytes the kernel printed; offsets count from the start of what is kept.
#include "port/stats.h"
#include "port/lib.h"
#include "port/portfns.h"

namespace {
SysStats stats;
constexpr uint32_t KMESGSIZE = 16 * 1024;
char kmesg[KMESGSIZE];
uint32_t kmesg_len;  // bytes kept, <= KMESGSIZE; the oldest is dropped first
}

[[gnu::hot]] SysStats& sysstats() { return stats; }

void kmesg_append(const char* s, int n)
{
    int x = splhi();
    if (static_cast<uint32_t>(n) >= KMESGSIZE) {
        s += n - KMESGSIZE;
        n = KMESGSIZE;
    }
    if (kmesg_len + n > KMESGSIZE) {
        uint32_t drop = kmesg_len + n - KMESGSIZE;
        memmove(kmesg, kmesg + drop, kmesg_len - drop);
        kmesg_len -= drop;
    }
    memcpy(kmesg + kmesg_len, s, n);
    kmesg_len += n;
    splx(x);
}

Result<long> kmesg_read(void* buf, long n, uint64_t off)
{
    if (off >= kmesg_len)
        return 0L;
    long m = min<uint64_t>(n, kmesg_len - off);
    memcpy(buf, kmesg + off, m);
    return m;
}
