// #P: architecture-specific files. cputype reads "NAME MHZ\n" as in Plan 9; archctl
// reads how the kernel uses the processor: "cpu NAME MHZ[ pge]\n" as in Plan 9, then
// "sysenter on" or "sysenter off" (system calls by sysenter, or int 0x40 and the
// sysenters of the libc stubs run in the kernel's fault handler).
#include "lib9/sys.h"
#include "pc/pc.h"
#include "port/chan.h"
#include "port/lib.h"
#include "port/portfns.h"

namespace {
enum : uint64_t { Qdir, Qarchctl, Qcputype };
const Dirtab archdir[] = {
    { ".", { Qdir, 0, QTDIR }, 0, DMDIR | 0555 },
    { "archctl", { Qarchctl }, 0, 0444 },
    { "cputype", { Qcputype }, 0, 0444 },
};
}  // namespace

class ArchDev final : public TabDev {
public:
    constexpr ArchDev() : TabDev('P', "arch", archdir, nelem(archdir)) {}

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        char s[128];
        switch (c->qid.path) {
        case Qcputype:
            snprint(s, sizeof s, "%s %u\n", cpu_name(), cpu_mhz());
            break;
        case Qarchctl:
            snprint(s, sizeof s, "cpu %s %u%s\nsysenter %s\n", cpu_name(), cpu_mhz(), cpu_has_pge() ? " pge" : "",
                sysenter_enabled() ? "on" : "off");
            break;
        default:
            return dirread(c, buf, n, off);
        }
        return read_string(buf, n, off, s);
    }
};

namespace {
ArchDev instance;
}
Dev& archdev = instance;
