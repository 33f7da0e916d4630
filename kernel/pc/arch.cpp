// The machine side of processes (kernel stacks, first entry, switching), interrupt
// priority, and power control.
//
// A process's kernel stack holds, from the top: the Ureg of its user context (written
// by the CPU and l.asm on every trap from user mode), then, while it is switched out,
// the callee-saved registers and return address that swtch() pops.
#include "mem.h"
#include "io.h"
#include "pc/pc.h"
#include "pc/ureg.h"
#include "port/lib.h"
#include "port/proc.h"

extern "C" void swtch(uint32_t* oldsp, uint32_t newsp);
extern "C" void trapret();
extern "C" void kprocentry();

namespace {

Ureg* ureg_of(Proc* p)
{
    return reinterpret_cast<Ureg*>(p->kstack + mem::KSTACK) - 1;
}

// Build the frame swtch() will pop on p's first run: edi esi ebx ebp, then return.
void push_switch_frame(Proc* p, uint32_t* below, uint32_t ret, uint32_t ebx, uint32_t esi)
{
    uint32_t* sp = below - 5;
    sp[0] = 0;  // edi
    sp[1] = esi;
    sp[2] = ebx;
    sp[3] = 0;  // ebp: ends frame-pointer walks
    sp[4] = ret;
    p->ksp = reinterpret_cast<uint32_t>(sp);
}

}  // namespace

[[gnu::hot]] int splhi()
{
    uint32_t flags;
    asm volatile("pushf; pop %0; cli" : "=r"(flags) : : "memory");
    return flags & 0x200;
}

[[gnu::hot]] int spllo()
{
    uint32_t flags;
    asm volatile("pushf; pop %0; sti" : "=r"(flags) : : "memory");
    return flags & 0x200;
}

[[gnu::hot]] void splx(int s)
{
    if (s)
        asm volatile("sti" : : : "memory");
    else
        asm volatile("cli" : : : "memory");
}

bool islo()
{
    uint32_t flags;
    asm volatile("pushf; pop %0" : "=r"(flags));
    return flags & 0x200;
}

void idle_wait()
{
    asm volatile("sti; hlt; cli" : : : "memory");  // sti delays by one instruction: no lost wakeup
}

void halt_forever()
{
    for (;;)
        asm volatile("cli; hlt");
}

void proc_setup_kernel(Proc* p, void (*fn)(void*), void* arg)
{
    auto* top = reinterpret_cast<uint32_t*>(p->kstack + mem::KSTACK);
    push_switch_frame(p, top, reinterpret_cast<uint32_t>(kprocentry), reinterpret_cast<uint32_t>(fn),
        reinterpret_cast<uint32_t>(arg));
}

void proc_setup_exec(Proc* p, uint32_t entry, uint32_t sp)
{
    Ureg* u = ureg_of(p);
    *u = Ureg {};
    u->ds = u->es = u->fs = u->gs = u->ss = mem::UDSEL;
    u->cs = mem::UESEL;
    u->flags = 0x202;  // interrupts on
    u->pc = entry;
    u->sp = sp;
    if (p != up)  // a process that has not run yet starts by returning through trapret;
        push_switch_frame(p, reinterpret_cast<uint32_t*>(u), reinterpret_cast<uint32_t>(trapret), 0, 0);
    // the running one returns from its exec call into the new program through this Ureg
    // (and the stack below it is live, so nothing is written there)
}

void proc_setup_fork(Proc* child, Proc* parent)
{
    Ureg* u = ureg_of(child);
    *u = *ureg_of(parent);
    u->ax = 0;
    push_switch_frame(child, reinterpret_cast<uint32_t*>(u), reinterpret_cast<uint32_t>(trapret), 0, 0);
    fpu_fork(parent, child);
}

[[gnu::hot]] void proc_switch(Proc* from, Proc* to)
{
    if (!to->kp)
        tss_set_kstack(reinterpret_cast<uint32_t>(to->kstack + mem::KSTACK));
    mmu_switch(to->pd ? to->pd : kernel_pd);
    fpu_switched();
    swtch(&from->ksp, to->ksp);
}

// Stop QEMU through isa-debug-exit (port 0xf4) or the PIIX4 ACPI power-off it emulates;
// on other hardware neither exists and the CPU just stops.
void arch_halt()
{
    splhi();
    outb(0xF4, 0);
    outw(0x604, 0x2000);
    print("halted\n");
    halt_forever();
}

// Pulse the 8042's reset line; if that does not reset, triple-fault.
void arch_reboot()
{
    splhi();
    for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
        ;
    outb(0x64, 0xFE);
    struct [[gnu::packed]] {
        uint16_t limit;
        uint32_t base;
    } none { 0, 0 };
    asm volatile("lidt %0; int3" : : "m"(none));
    halt_forever();
}
