// The system-call table: number -> (argument count, handler). Numbers are Plan 9's
// (lib9/sys.h). Calls that are numbered but not yet implemented fail with Enosys.
#include "port/syscall.h"
#include "lib9/sys.h"

namespace {

struct Entry {
    int nargs;
    Result<long> (*fn)(SyscallArgs);
};

struct Table {
    Entry e[sys::NSYSCALL];
};

constexpr Table make_table()
{
    Table t {};
    t.e[sys::DUP] = { 2, sysdup };
    t.e[sys::EXEC] = { 2, sysexec };
    t.e[sys::EXITS] = { 1, sysexits };
    t.e[sys::OPEN] = { 2, sysopen };
    t.e[sys::CLOSE] = { 1, sysclose };
    t.e[sys::SLEEP] = { 1, syssleep };
    t.e[sys::RFORK] = { 1, sysrfork };
    t.e[sys::BRK] = { 1, sysbrk };
    t.e[sys::ERRSTR] = { 2, syserrstr };
    t.e[sys::AWAIT] = { 2, sysawait };
    t.e[sys::PREAD] = { 5, syspread };
    t.e[sys::PWRITE] = { 5, syspwrite };
    t.e[sys::CREATE] = { 3, syscreate };
    t.e[sys::SEEK] = { 5, sysseek };
    t.e[sys::STAT] = { 3, sysstat };
    t.e[sys::FSTAT] = { 3, sysfstat };
    t.e[sys::WSTAT] = { 3, syswstat };
    t.e[sys::FWSTAT] = { 3, sysfwstat };
    t.e[sys::REMOVE] = { 1, sysremove };
    t.e[sys::CHDIR] = { 1, syschdir };
    t.e[sys::FD2PATH] = { 3, sysfd2path };
    t.e[sys::BIND] = { 3, sysbind };
    t.e[sys::MOUNT] = { 5, sysmount };
    t.e[sys::FVERSION] = { 4, sysfversion };
    t.e[sys::FAUTH] = { 2, sysfauth };
    t.e[sys::UNMOUNT] = { 2, sysunmount };
    t.e[sys::PIPE] = { 1, syspipe };
    t.e[sys::NOTIFY] = { 1, sysnotify };
    t.e[sys::NOTED] = { 1, sysnoted };
    t.e[sys::ALARM] = { 1, sysalarm };
    t.e[sys::RENDEZVOUS] = { 2, sysrendezvous };
    t.e[sys::SEMACQUIRE] = { 2, syssemacquire };
    t.e[sys::SEMRELEASE] = { 2, syssemrelease };
    t.e[sys::SEGATTACH] = { 4, syssegattach };
    t.e[sys::SEGDETACH] = { 1, syssegdetach };
    t.e[sys::SEGFREE] = { 2, syssegfree };
    return t;
}

constexpr Table table = make_table();

}  // namespace

[[gnu::hot]] int syscall_nargs(uint32_t n)
{
    return n < sys::NSYSCALL ? table.e[n].nargs : -1;
}

[[gnu::hot]] Result<long> syscall_dispatch(uint32_t n, SyscallArgs a)
{
    if (n >= sys::NSYSCALL || !table.e[n].fn)
        return Enosys;
    return table.e[n].fn(a);
}
