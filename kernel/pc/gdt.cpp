// Segmentation: flat kernel and user segments plus one TSS whose esp0 is the kernel
// stack top of the running user process (the CPU switches to it on a trap from ring 3),
// and the sysenter MSRs. sysenter's stack pointer is the address just past tss.esp0, so
// that its entry (l.asm) can load esp0 from just below it: a process switch then
// changes esp0 alone. (Nothing may push there in between: no NMI or debug trap is
// used.) sysenter and sysexit take their selectors from the kernel code selector:
// kernel code and data, then user code and data, must follow each other in the GDT.
#include "mem.h"
#include "pc/io.h"
#include "pc/pc.h"

namespace {

struct [[gnu::packed]] Tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trace, iomap;
};

Tss tss;
uint64_t gdt[6];
bool sysenter_on;

enum : uint32_t { SYSENTER_CS = 0x174, SYSENTER_ESP = 0x175, SYSENTER_EIP = 0x176 };

constexpr uint64_t seg(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    return (limit & 0xFFFFull) | (uint64_t(base & 0xFFFFFF) << 16) | (uint64_t(access) << 40)
        | (uint64_t((limit >> 16) & 0xF) << 48) | (uint64_t(flags) << 52) | (uint64_t(base >> 24) << 56);
}

}  // namespace

void gdt_init()
{
    gdt[1] = seg(0, 0xFFFFF, 0x9A, 0xC);  // kernel code
    gdt[2] = seg(0, 0xFFFFF, 0x92, 0xC);  // kernel data
    gdt[3] = seg(0, 0xFFFFF, 0xFA, 0xC);  // user code
    gdt[4] = seg(0, 0xFFFFF, 0xF2, 0xC);  // user data
    tss.ss0 = mem::KDSEL;
    tss.iomap = sizeof(Tss);  // no I/O permission bitmap: user port access faults
    gdt[5] = seg(reinterpret_cast<uint32_t>(&tss), sizeof(Tss) - 1, 0x89, 0x0);
    struct [[gnu::packed]] {
        uint16_t limit;
        uint32_t base;
    } desc { sizeof gdt - 1, reinterpret_cast<uint32_t>(gdt) };
    asm volatile(
        "lgdt %0\n"
        "ljmp %1, $1f\n"
        "1: mov %2, %%ax\n"
        "mov %%ax, %%ds\n mov %%ax, %%es\n mov %%ax, %%fs\n mov %%ax, %%gs\n mov %%ax, %%ss\n"
        "mov %3, %%ax\n ltr %%ax\n"
        :
        : "m"(desc), "i"(mem::KESEL), "i"(mem::KDSEL), "i"(mem::TSSSEL)
        : "eax", "memory");
}

extern "C" void sysenter_entry();  // l.asm

void sysenter_init()
{
    static_assert(mem::KDSEL == mem::KESEL + 8 && mem::UESEL == (mem::KESEL + 16) + 3 && mem::UDSEL == (mem::KESEL + 24) + 3,
        "sysenter and sysexit need kernel code, kernel data, user code, user data in a row");
    if (!cpu_has_sysenter())
        return;
    wrmsr(SYSENTER_CS, mem::KESEL);
    wrmsr(SYSENTER_ESP, reinterpret_cast<uint32_t>(&tss.esp0) + 4);
    wrmsr(SYSENTER_EIP, reinterpret_cast<uint32_t>(sysenter_entry));
    sysenter_on = true;
}

bool sysenter_enabled() { return sysenter_on; }

[[gnu::hot]] void tss_set_kstack(uint32_t esp0)
{
    tss.esp0 = esp0;
}
