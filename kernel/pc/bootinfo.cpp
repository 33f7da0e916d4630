// Boot-loader hand-off: Multiboot 1 (GRUB, qemu -kernel) and PVH (hvm_start_info).
// Both give a command line and a memory map; we keep only usable RAM ranges.
#include "pc/bootinfo.h"
#include "mem.h"
#include "port/lib.h"

namespace {

constexpr uint32_t MULTIBOOT_MAGIC = 0x2BADB002, PVH_MAGIC = 0x336EC578;

template <typename T>
T rd(uint32_t pa) { return *kaddr<const T>(pa); }

void add_ram(BootInfo* bi, uint64_t base, uint64_t len)
{
    if (len && bi->nram < static_cast<int>(nelem(bi->ram)))
        bi->ram[bi->nram++] = MemRange { base, len };
}

void copy_cmdline(BootInfo* bi, uint32_t pa)
{
    bi->cmdlen = 0;
    if (!pa || pa >= mem::DIRECTMAX)
        return;
    const char* s = kaddr<const char>(pa);
    while (bi->cmdlen < sizeof bi->cmdline - 1 && pa + bi->cmdlen < mem::DIRECTMAX && s[bi->cmdlen]) {
        bi->cmdline[bi->cmdlen] = s[bi->cmdlen];
        bi->cmdlen++;
    }
    bi->cmdline[bi->cmdlen] = 0;
}

const char* read_multiboot(uint32_t info, BootInfo* bi)
{
    uint32_t flags = rd<uint32_t>(info);
    if (flags & (1 << 2))
        copy_cmdline(bi, rd<uint32_t>(info + 16));
    if (flags & (1 << 6)) {
        uint32_t p = rd<uint32_t>(info + 48), end = p + rd<uint32_t>(info + 44);
        while (p + 24 <= end && p < mem::DIRECTMAX) {
            uint32_t size = rd<uint32_t>(p);
            if (rd<uint32_t>(p + 20) == 1)
                add_ram(bi, rd<uint64_t>(p + 4), rd<uint64_t>(p + 12));
            p += size + 4;
        }
    } else if (flags & 1) {
        add_ram(bi, 0, rd<uint32_t>(info + 4) * 1024ull);
        add_ram(bi, 0x100000, rd<uint32_t>(info + 8) * 1024ull);
    }
    return bi->nram ? nullptr : "no memory map from the boot loader";
}

const char* read_pvh(uint32_t info, BootInfo* bi)
{
    if (rd<uint32_t>(info) != PVH_MAGIC)
        return "bad PVH start info";
    copy_cmdline(bi, static_cast<uint32_t>(rd<uint64_t>(info + 24)));
    if (rd<uint32_t>(info + 4) >= 1) {
        uint32_t map = static_cast<uint32_t>(rd<uint64_t>(info + 40));
        uint32_t n = rd<uint32_t>(info + 48);
        for (uint32_t i = 0; i < n && i < 128; i++) {
            uint32_t e = map + i * 24;
            if (rd<uint32_t>(e + 16) == 1)
                add_ram(bi, rd<uint64_t>(e), rd<uint64_t>(e + 8));
        }
    }
    return bi->nram ? nullptr : "no memory map from the PVH loader";
}

}  // namespace

const char* bootinfo_read(uint32_t magic, uint32_t info, BootInfo* bi)
{
    bi->nram = 0;
    bi->cmdlen = 0;
    bi->cmdline[0] = 0;
    if (info >= mem::DIRECTMAX)
        return "boot information out of reach";
    if (magic == MULTIBOOT_MAGIC)
        return read_multiboot(info, bi);
    if (magic == PVH_MAGIC)
        return read_pvh(info, bi);
    return "not started by a Multiboot or PVH loader";
}
