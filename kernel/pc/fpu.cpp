// Lazy x87 state: CR0.TS is set on every switch, and the first FPU instruction of a
// process traps (#NM) and gets the unit: the previous owner's state is saved with fnsave
// into its Proc and this process's restored (or the unit initialised on first use).
// The kernel itself is built without FPU instructions.
#include "mem.h"
#include "io.h"
#include "pc/pc.h"
#include "pc/ureg.h"
#include "port/lib.h"
#include "port/proc.h"

namespace {
enum : uint32_t { CR0_MP = 2, CR0_EM = 4, CR0_TS = 8, CR0_NE = 32 };
Proc* owner;  // whose state is live in the FPU
}

void fpu_init()
{
    putcr0((getcr0() & ~CR0_EM) | CR0_MP | CR0_NE | CR0_TS);
}

bool fpu_trap(Ureg*)
{
    putcr0(getcr0() & ~CR0_TS);
    if (owner == up)
        return true;
    if (owner) {
        asm volatile("fnsave %0" : "=m"(owner->fpsave));
        owner->fpvalid = true;
    }
    if (up->fpvalid)
        asm volatile("frstor %0" : : "m"(up->fpsave));
    else
        asm volatile("fninit");
    up->fpvalid = false;
    owner = up;
    return true;
}

void fpu_switched()
{
    putcr0(getcr0() | CR0_TS);
}

// A forked child starts with its parent's FPU contents.
void fpu_fork(Proc* parent, Proc* child)
{
    if (owner == parent) {
        putcr0(getcr0() & ~CR0_TS);
        asm volatile("fnsave %0\n frstor %0" : "+m"(parent->fpsave));
    } else if (!parent->fpvalid) {
        return;
    }
    memcpy(child->fpsave, parent->fpsave, sizeof child->fpsave);
    child->fpvalid = true;
}

void proc_release_machine(Proc* p)
{
    if (owner == p)
        owner = nullptr;
}
