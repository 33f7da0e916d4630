// #P: architecture-specific files. cputype reads "NAME MHZ\n" as in Plan 9.
#include "lib9/sys.h"
#include "port/chan.h"
#include "port/lib.h"
#include "port/portfns.h"

namespace {
enum : uint64_t { Qdir, Qcputype };
const Dirtab archdir[] = {
    { ".", { Qdir, 0, QTDIR }, 0, DMDIR | 0555 },
    { "cputype", { Qcputype }, 0, 0444 },
};
}  // namespace

class ArchDev final : public TabDev {
public:
    constexpr ArchDev() : TabDev('P', "arch", archdir, nelem(archdir)) {}

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.path != Qcputype)
            return dirread(c, buf, n, off);
        char s[64];
        snprint(s, sizeof s, "%s %u\n", cpu_name(), cpu_mhz());
        return read_string(buf, n, off, s);
    }
};

namespace {
ArchDev instance;
}
Dev& archdev = instance;
