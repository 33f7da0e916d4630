// Note handlers (notify/noted), the machine part. To deliver a note the kernel pushes on
// the user stack a copy of the interrupted registers, the note text, and the handler's
// arguments (ureg pointer, note pointer, behind a zero return address), and resumes the
// process in its handler. noted(NCONT) reads the registers back, after checking that
// the handler left nothing that would let user code run with kernel segments or flags.
#include "mem.h"
#include "pc/pc.h"
#include "pc/ureg.h"
#include "port/lib.h"
#include "port/proc.h"
#include "port/segment.h"
#include "port/syscall.h"
#include "port/umem.h"

namespace {

Ureg* ureg_of(Proc* p)
{
    return reinterpret_cast<Ureg*>(p->kstack + mem::KSTACK) - 1;
}

constexpr uint32_t USERFLAGS = 0xCD5;  // CF PF AF ZF SF TF DF OF: what user code may set

}  // namespace

bool notify_user(Proc* p, const char* note)
{
    Ureg* u = ureg_of(p);
    uint32_t sp = u->sp;
    sp -= sizeof(Ureg);
    uint32_t saved = sp;
    sp -= ERRMAX;
    uint32_t text = sp;
    sp = (sp - 3 * 4) & ~3u;
    if (sp > saved || !valid_user_range(p, sp, saved + sizeof(Ureg) - sp, true))
        return false;  // no room on the stack: the caller takes the default action
    memcpy(reinterpret_cast<void*>(saved), u, sizeof(Ureg));
    kstrcpy(reinterpret_cast<char*>(text), note, ERRMAX);
    uint32_t frame[3] = { 0, saved, text };
    memcpy(reinterpret_cast<void*>(sp), frame, sizeof frame);
    p->notified = true;
    p->noteureg = saved;
    u->sp = sp;
    u->pc = p->notify;
    u->trap = 64;  // a rewritten Ureg leaves by iret (see trapret)
    return true;
}

// noted(v): leave the note handler.
Result<long> sysnoted(SyscallArgs a)
{
    if (!up->notified)
        return Ebadarg;
    int v = a[0];
    if (v == NDFLT) {
        up->notified = false;
        pexit(up->lastnote, true);
    }
    if (v != NCONT)
        return Ebadarg;
    Ureg saved;
    TRY(validaddr(up->noteureg, sizeof saved, false));
    memcpy(&saved, reinterpret_cast<void*>(up->noteureg), sizeof saved);
    Ureg* u = ureg_of(up);
    uint32_t kernelflags = u->flags & ~USERFLAGS;
    *u = saved;
    u->cs = mem::UESEL;
    u->ss = u->ds = u->es = u->fs = u->gs = mem::UDSEL;
    u->flags = (saved.flags & USERFLAGS) | kernelflags | 0x200;
    u->trap = 64;  // every register as saved: leave by iret
    up->notified = false;
    return static_cast<long>(u->ax);  // the syscall return path puts this back in eax
}
