// kmain: bring the machine up in order, then start process 1 (/boot/boot from the
// bootpaq) and become the idle loop. Nothing here depends on a disk or a network: the
// kernel boots rootless from what is linked into its own image.
#include "mem.h"
#include "pc/bootinfo.h"
#include "port/alloc.h"
#include "pc/pc.h"
#include "port/chan.h"
#include "port/conf.h"
#include "port/exec.h"
#include "port/egrp.h"
#include "port/fgrp.h"
#include "port/pgrp.h"
#include "port/rendez.h"
#include "port/sgrp.h"
#include "port/lib.h"
#include "port/page.h"
#include "port/paqdev.h"
#include "port/proc.h"
#include "9p/mnt.h"

extern "C" uint8_t end[];
extern "C" const uint8_t bootpaq_start[], bootpaq_end[];
extern Dev& rootdev;


namespace {

BootInfo bootinfo;

// Reserve a contiguous heap right after the kernel image and give every other usable
// page above 1 MiB to the page allocator. Returns the number of kernel-owned pages.
uint32_t memory_init(const BootInfo& bi, uint64_t* total)
{
    uint32_t kend = mem::pgroundup(paddr(end));
    uint64_t top = 0;
    *total = 0;
    for (int i = 0; i < bi.nram; i++) {
        *total += bi.ram[i].len;
        top = max(top, bi.ram[i].base + bi.ram[i].len);
    }
    mmu_init(static_cast<uint32_t>(min<uint64_t>(top, mem::DIRECTMAX)));
    uint32_t heapsize = static_cast<uint32_t>(min<uint64_t>(max<uint64_t>(*total / 8, 2u << 20), 64u << 20));
    uint32_t heapend = kend + heapsize;
    bool placed = false;
    for (int i = 0; i < bi.nram; i++)
        if (bi.ram[i].base <= kend && bi.ram[i].base + bi.ram[i].len >= heapend)
            placed = true;
    if (!placed)
        panic("no room for the kernel heap above 0x%x", kend);
    heap_init(kend, heapsize);
    page_init(static_cast<uint32_t>(min<uint64_t>(top, mem::DIRECTMAX)));
    for (int i = 0; i < bi.nram; i++) {
        uint64_t b = max<uint64_t>(bi.ram[i].base, 0x100000), e = bi.ram[i].base + bi.ram[i].len;
        e = min<uint64_t>(e, mem::DIRECTMAX);
        if (b >= e)
            continue;
        if (b < heapend && e > 0x100000) {  // skip the kernel image and the heap
            if (b < 0x100000)
                page_add_range(static_cast<uint32_t>(b), 0x100000);
            b = max<uint64_t>(b, heapend);
            if (b >= e)
                continue;
        }
        page_add_range(static_cast<uint32_t>(b), static_cast<uint32_t>(e));
    }
    return (heapend - 0x100000) / mem::BY2PG;
}

void check_bootpaq()
{
    uint32_t len = bootpaq_end - bootpaq_start;
    if (const char* err = bootpaq_open(bootpaq_start, len)) {
        print("bootpaq: %s\n", err);
        panic("corrupt bootpaq: refusing to boot");
    }
}

// A deliberate kernel-mode fault, to prove the register dump (`*panictest=fault`).
void panic_test()
{
    const char* t = bootconf().get("*panictest");
    if (t && strcmp(t, "fault") == 0) {
        volatile uint32_t* unmapped;
        asm("movl $0x10, %0" : "=r"(unmapped));  // hidden from the optimiser's bounds checks
        *unmapped = 0;
    }
}

void userinit()
{
    Proc* p = newproc();
    if (!p)
        panic("userinit: no process");
    kstrcpy(p->text, "boot", KNAMELEN);
    kstrcpy(p->user, conf_hostowner(), KNAMELEN);
    p->fgrp = fgrp_new();
    p->pgrp = pgrp_new();
    p->egrp = egrp_new();
    p->sgrp = sgrp_new();
    p->rgrp = rgrp_new();
    auto root = rootdev.attach("");
    if (!p->fgrp || !p->pgrp || !p->egrp || !p->sgrp || !p->rgrp || root.is_error())
        panic("userinit: out of memory");
    p->slash = root.value();
    chan_setpath(p->slash, "/");
    p->dot = p->slash;
    cincref(p->dot);
    static const char args[] = "boot";
    auto r = exec_image(p, "/boot/boot", args, 1, sizeof args);
    if (r.is_error())
        panic("userinit: /boot/boot: %s", r.error());
    p->noteid = p->pid;
    memcpy(p->args, args, sizeof args);
    p->nargs = sizeof args;
    ready(p);
}

}  // namespace

extern "C" [[noreturn]] void kmain(uint32_t magic, uint32_t info)
{
    uart_init();
    cga_init();
    if (const char* err = bootinfo_read(magic, info, &bootinfo))
        panic("%s", err);
    run_constructors();
    gdt_init();
    trap_init();
    cpu_identify();
    sysenter_init();
    fpu_init();
    uint64_t total;
    uint32_t kpages = memory_init(bootinfo, &total);
    conf_set_memory(total, kpages);
    conf_init(bootinfo.cmdline, bootinfo.cmdlen);
    panic_test();
    i8259_init();
    i8253_init();
    time_set(rtc_read());
    uart_enable_interrupts();
    eia_reset();
    kbd_init();
    check_bootpaq();
    proc_init();
    userinit();  // first, so that boot is process 1
    reaper_start();
    mnt_clunk_start();
    sched_start();
}
