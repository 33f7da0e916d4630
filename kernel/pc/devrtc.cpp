// #r: the hardware clock. rtc reads as seconds since the epoch; the host owner may write
// seconds to set it.
#include "lib9/sys.h"
#include "pc/pc.h"
#include "port/chan.h"
#include "port/lib.h"

namespace {
enum : uint64_t { Qdir, Qrtc };
const Dirtab rtcdir[] = {
    { ".", { Qdir, 0, QTDIR }, 0, DMDIR | 0555 },
    { "rtc", { Qrtc }, 0, 0664 },
};
}  // namespace

class RtcDev final : public TabDev {
public:
    constexpr RtcDev() : TabDev('r', "rtc", rtcdir, nelem(rtcdir)) {}

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.path == Qdir)
            return dirread(c, buf, n, off);
        char s[32];
        snprint(s, sizeof s, "%12llu", rtc_read());
        return read_string(buf, n, off, s);
    }

    Result<long> write(Chan*, const void* buf, long n, uint64_t) override
    {
        if (strcmp(current_user(), eve()) != 0)
            return Eperm;
        uint64_t secs = 0;
        auto* p = static_cast<const char*>(buf);
        long i = 0;
        while (i < n && p[i] == ' ')
            i++;
        if (i == n || p[i] < '0' || p[i] > '9')
            return Ebadarg;
        for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
            secs = secs * 10 + (p[i] - '0');
        rtc_write(secs);
        return n;
    }
};

namespace {
RtcDev instance;
}
Dev& rtcdev = instance;
