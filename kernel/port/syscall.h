// System-call dispatch. The machine layer fetches the argument words from the user
// stack (nargs of them, validated) and calls syscall_dispatch(); a returned error is
// stored as the process's error string and the call returns -1.
#pragma once
#include <cstdint>
#include "port/result.h"

using SyscallArgs = const uint32_t*;

int syscall_nargs(uint32_t n);  // -1 for an unknown call
Result<long> syscall_dispatch(uint32_t n, SyscallArgs a);

// The calls, in sysproc.cpp and sysfile.cpp
Result<long> sysexits(SyscallArgs a);
Result<long> sysrfork(SyscallArgs a);
Result<long> sysexec(SyscallArgs a);
Result<long> sysawait(SyscallArgs a);
Result<long> syssleep(SyscallArgs a);
Result<long> sysbrk(SyscallArgs a);
Result<long> syserrstr(SyscallArgs a);
Result<long> sysopen(SyscallArgs a);
Result<long> sysclose(SyscallArgs a);
Result<long> syspread(SyscallArgs a);
Result<long> syspwrite(SyscallArgs a);
Result<long> sysdup(SyscallArgs a);
Result<long> syscreate(SyscallArgs a);
Result<long> sysseek(SyscallArgs a);
Result<long> sysstat(SyscallArgs a);
Result<long> sysfstat(SyscallArgs a);
Result<long> syswstat(SyscallArgs a);
Result<long> sysfwstat(SyscallArgs a);
Result<long> sysremove(SyscallArgs a);
Result<long> syschdir(SyscallArgs a);
Result<long> sysfd2path(SyscallArgs a);
Result<long> sysbind(SyscallArgs a);
Result<long> sysmount(SyscallArgs a);
Result<long> sysfversion(SyscallArgs a);
Result<long> sysfauth(SyscallArgs a);
Result<long> sysunmount(SyscallArgs a);
Result<long> syspipe(SyscallArgs a);
Result<long> sysnotify(SyscallArgs a);
Result<long> sysnoted(SyscallArgs a);
Result<long> sysalarm(SyscallArgs a);
Result<long> sysrendezvous(SyscallArgs a);
Result<long> syssemacquire(SyscallArgs a);
Result<long> syssemrelease(SyscallArgs a);
Result<long> syssegattach(SyscallArgs a);
Result<long> syssegdetach(SyscallArgs a);
Result<long> syssegfree(SyscallArgs a);
