// CPU identification through CPUID, for feature checks (PGE, SEP) and #P/cputype.
#include "pc/pc.h"
#include "port/lib.h"

namespace {
char name[32] = "i686";
bool pge, sep;

void cpuid(uint32_t leaf, uint32_t r[4])
{
    asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

// Plan 9 style model names for the families we meet on i686-class PCs.
const char* intel_name(unsigned family, unsigned model)
{
    if (family == 15)
        return "Pentium4";
    if (family != 6)
        return nullptr;
    switch (model) {
    case 1:
        return "PentiumPro";
    case 3:
    case 5:
    case 6:
        return "PentiumII";
    case 7:
    case 8:
    case 10:
    case 11:
        return "PentiumIII";
    case 9:
    case 13:
        return "PentiumM";
    default:
        return "Core";
    }
}
}  // namespace

void cpu_identify()
{
    uint32_t r[4];
    cpuid(0, r);
    char vendor[13];
    memcpy(vendor, &r[1], 4);
    memcpy(vendor + 4, &r[3], 4);
    memcpy(vendor + 8, &r[2], 4);
    vendor[12] = 0;
    uint32_t maxleaf = r[0];
    if (maxleaf < 1)
        return;
    cpuid(1, r);
    unsigned family = (r[0] >> 8) & 0xF, model = (r[0] >> 4) & 0xF;
    if (family == 15)
        family += (r[0] >> 20) & 0xFF;
    if (family == 6 || family >= 15)
        model |= ((r[0] >> 16) & 0xF) << 4;
    pge = r[3] & (1u << 13);
    // The Pentium Pro claims SEP but has no working sysenter (Intel's CPUID note: family
    // 6 below model 3 stepping 3).
    unsigned stepping = r[0] & 0xF;
    sep = (r[3] & (1u << 11)) && !(family == 6 && model < 3 && stepping < 3);
    const char* known = strcmp(vendor, "GenuineIntel") == 0 ? intel_name(family, model) : nullptr;
    if (known)
        snprint(name, sizeof name, "%s", known);
    else if (strcmp(vendor, "AuthenticAMD") == 0)
        snprint(name, sizeof name, "%s", family == 6 ? "Athlon" : "AMD");
    else
        snprint(name, sizeof name, "i686/%d.%d", family, model);
}

bool cpu_has_pge() { return pge; }
bool cpu_has_sysenter() { return sep; }
const char* cpu_name() { return name; }
