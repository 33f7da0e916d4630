// Traps: the IDT, exception handling, interrupt dispatch and the system-call entry.
// A fault in user mode that is not a demand-fill kills only the faulting process,
// with Plan 9's message ("sys: trap: fault read addr=0x0 pc=0x1020"); any exception in
// kernel mode is a kernel bug: dump the registers and stop.
#include "pc/pc.h"
#include "mem.h"
#include "io.h"
#include "pc/ureg.h"
#include "port/lib.h"
#include "port/proc.h"
#include "port/segment.h"
#include "port/stats.h"

extern "C" const uint32_t vectors[49];

namespace {

struct [[gnu::packed]] Gate {
    uint16_t off_lo, sel;
    uint8_t zero, type;
    uint16_t off_hi;
};
Gate idt[65];

const char* const excname[] = {
    "divide error", "debug exception", "nonmaskable interrupt", "breakpoint",
    "overflow", "bounds check", "invalid opcode", "coprocessor not available",
    "double fault", "coprocessor segment overrun", "invalid TSS", "segment not present",
    "stack exception", "general protection violation", "page fault", "15 (reserved)",
    "coprocessor error", "alignment check", "machine check", "simd error",
};

void set_gate(int v, uint32_t handler, int dpl)
{
    idt[v] = Gate { uint16_t(handler), mem::KESEL, 0, uint8_t(0x8E | (dpl << 5)), uint16_t(handler >> 16) };
}

// A trap in user mode: the process's note handler gets it, or the process dies.
void user_trap(const char* msg)
{
    if (up->notify && !up->notified && postnote(up, msg))
        return;  // delivered on the way out of trap()
    print("%s %d: suicide: %s\n", up->text, up->pid, msg);
    pexit(msg, true);
}

// Whether u stopped at a sysenter, which faults where the kernel has not enabled it (a
// CPU without it, such as the Pentium Pro): the libc stubs use it all the same.
bool at_sysenter(const Ureg* u)
{
    if (sysenter_enabled() || !valid_user_range(up, u->pc, 2, false))
        return false;
    auto* op = reinterpret_cast<const uint8_t*>(u->pc);
    return op[0] == 0x0F && op[1] == 0x34;
}

void exception(Ureg* u)
{
    uint32_t v = u->trap;
    bool user = user_mode(u);
    if (v == 7 && user && fpu_trap(u))
        return;
    if ((v == 6 || v == 13) && user && at_sysenter(u)) {
        u->pc = u->dx;  // the system call it asked for, returning as sysenter would
        u->sp = u->cx;
        u->trap = 64;
        syscall(u);
        return;
    }
    if (v == 14) {
        uint32_t addr = getcr2();
        bool write = u->ecode & 2;
        sysstats().faults++;
        if (addr < mem::KZERO && up && !up->kp && fault(up, addr, write))
            return;
        if (user) {
            char buf[ERRMAX];
            snprint(buf, sizeof buf, "sys: trap: fault %s addr=0x%x pc=0x%x", write ? "write" : "read", addr, u->pc);
            user_trap(buf);
            return;
        }
        print("kernel fault: %s addr=0x%x\n", write ? "write" : "read", addr);
    } else if (user) {
        char buf[ERRMAX];
        const char* name = v < nelem(excname) ? excname[v] : "unknown exception";
        snprint(buf, sizeof buf, "sys: trap: %s pc=0x%x", name, u->pc);
        user_trap(buf);
        return;
    }
    dumpregs(u);
    panic("%s in kernel mode", v < nelem(excname) ? excname[v] : "unknown exception");
}

void irq(Ureg* u)
{
    int n = u->trap - 32;
    if (i8259_spurious(n))
        return;
    i8259_eoi(n);
    sysstats().interrupts++;
    switch (n) {
    case 0:
        clock_interrupt(user_mode(u));
        break;
    case 1:
        kbd_interrupt();
        break;
    case 3:
        eia_interrupt();
        break;
    case 4:
        uart_interrupt();
        break;
    }
}

}  // namespace

void trap_init()
{
    for (int v = 0; v < 48; v++)
        set_gate(v, vectors[v], 0);
    set_gate(64, vectors[48], 3);
    struct [[gnu::packed]] {
        uint16_t limit;
        uint32_t base;
    } desc { sizeof idt - 1, reinterpret_cast<uint32_t>(idt) };
    asm volatile("lidt %0" : : "m"(desc));
}

extern "C" [[gnu::hot]] void trap(Ureg* u)
{
    if (u->trap < 32)
        exception(u);
    else if (u->trap < 48)
        irq(u);
    else if ((u->trap == 64 || u->trap == 65) && user_mode(u))
        syscall(u);  // 64: int 0x40; 65: sysenter (see l.asm)
    else
        panic("unexpected trap %d", u->trap);
    if (user_mode(u) && up && !up->kp)
        notes_on_return();
}

void dumpregs(const Ureg* u)
{
    print("trap %d ecode 0x%x pc=0x%x %s\n", u->trap, u->ecode, u->pc, user_mode(u) ? "user" : "kernel");
    print("eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n", u->ax, u->bx, u->cx, u->dx);
    print("esi=0x%08x edi=0x%08x ebp=0x%08x esp=0x%08x\n", u->si, u->di, u->bp,
        user_mode(u) ? u->sp : reinterpret_cast<uint32_t>(&u->sp));
    print("eip=0x%08x cs=0x%04x eflags=0x%08x cr2=0x%08x cr3=0x%08x\n", u->pc, u->cs, u->flags, getcr2(), getcr3());
    print("ds=0x%04x es=0x%04x fs=0x%04x gs=0x%04x\n", u->ds & 0xFFFF, u->es & 0xFFFF, u->fs & 0xFFFF, u->gs & 0xFFFF);
    if (up)
        print("proc %d %s\n", up->pid, up->text);
}
