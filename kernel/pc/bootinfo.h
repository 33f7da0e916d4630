// What the boot loader told us, copied out of its structures before memory is reused.
#pragma once
#include <cstdint>

struct MemRange {
    uint64_t base, len;
};

struct BootInfo {
    char cmdline[4096];
    uint32_t cmdlen;
    MemRange ram[64];  // usable RAM
    int nram;
};

// magic is what the entry code found in eax (Multiboot) or PVH_MAGIC; info is physical.
// Returns nullptr or why the information could not be used.
const char* bootinfo_read(uint32_t magic, uint32_t info, BootInfo* bi);
