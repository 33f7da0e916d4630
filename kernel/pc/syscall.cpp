// System-call entry (int 0x40 or sysenter, see l.asm): eax holds the number, the
// arguments are the words just above the return address on the user stack. Interrupts
// are on while the call runs.
#include "pc/pc.h"
#include "pc/ureg.h"
#include "port/lib.h"
#include "port/proc.h"
#include "port/stats.h"
#include "port/syscall.h"
#include "port/umem.h"

[[gnu::hot]] void syscall(Ureg* u)
{
    spllo();
    sysstats().syscalls++;
    uint32_t args[8] = {};
    Result<long> r = Enosys;
    int nargs = syscall_nargs(u->ax);
    if (nargs >= 0) {
        auto ok = validaddr(u->sp + 4, nargs * 4, false);
        if (ok.is_error())
            r = ok.error();
        else {
            memcpy(args, reinterpret_cast<const void*>(u->sp + 4), nargs * 4);
            r = syscall_dispatch(u->ax, args);
        }
    }
    if (r.is_error()) {
        kstrcpy(up->errstr, r.error(), ERRMAX);
        u->ax = static_cast<uint32_t>(-1);
    } else {
        u->ax = static_cast<uint32_t>(r.value());
    }
    splhi();
}
