// System-call numbers and user-visible constants shared by the kernel and libc.
// Numbers follow Plan 9's sys.h so traces read the same; a call is
//   eax = number; int 0x40; arguments are the 32-bit words at user esp+4, esp+8, ...
//   (the libc stub is `mov eax, N; int 0x40; ret`), the result comes back in eax,
//   and -1 means failure with the reason readable through ERRSTR.
// The libc stubs enter by sysenter instead, which is faster: ecx = esp, edx = the pc to
// return to, and ecx and edx come back changed (see libc/syscall.asm).
#pragma once

namespace sys {

enum Call : unsigned {
    SYSR1 = 0,
    BIND = 2,
    CHDIR = 3,
    CLOSE = 4,
    DUP = 5,
    ALARM = 6,
    EXEC = 7,
    EXITS = 8,
    FAUTH = 10,
    SEGBRK = 12,
    OPEN = 14,
    SLEEP = 17,
    RFORK = 19,
    PIPE = 21,
    CREATE = 22,
    FD2PATH = 23,
    BRK = 24,
    REMOVE = 25,
    NOTIFY = 28,
    NOTED = 29,
    SEGATTACH = 30,
    SEGDETACH = 31,
    SEGFREE = 32,
    SEGFLUSH = 33,
    RENDEZVOUS = 34,
    UNMOUNT = 35,
    SEMACQUIRE = 37,
    SEMRELEASE = 38,
    SEEK = 39,
    FVERSION = 40,
    ERRSTR = 41,
    STAT = 42,
    FSTAT = 43,
    WSTAT = 44,
    FWSTAT = 45,
    MOUNT = 46,
    AWAIT = 47,
    PREAD = 50,
    PWRITE = 51,
    NSYSCALL = 64,
};

}  // namespace sys

// open(2) modes
enum : int {
    OREAD = 0,
    OWRITE = 1,
    ORDWR = 2,
    OEXEC = 3,
    OTRUNC = 16,
    OCEXEC = 32,
    ORCLOSE = 64,
};

// rfork(2) flags; RFCSRVG is the ANTS private-/srv flag (rc's `rfork V`).
enum : int {
    RFNAMEG = 1 << 0,
    RFENVG = 1 << 1,
    RFFDG = 1 << 2,
    RFNOTEG = 1 << 3,
    RFPROC = 1 << 4,
    RFMEM = 1 << 5,
    RFNOWAIT = 1 << 6,
    RFCSRVG = 1 << 9,
    RFCNAMEG = 1 << 10,
    RFCENVG = 1 << 11,
    RFCFDG = 1 << 12,
    RFREND = 1 << 13,
    RFNOMNT = 1 << 14,
};

enum : int {
    ERRMAX = 128,  // longest error string, NUL included
    KNAMELEN = 28,  // longest process/user name
    MAXEXECARGS = 256,  // argv entries accepted by exec
    MAXEXECARGLEN = 64 * 1024,  // total bytes of argv strings accepted by exec
};

// User address space (the kernel lives from KZERO up; see kernel/pc/mem.h).
enum : unsigned {
    UTZERO = 0x1000,  // lowest user text address; page 0 stays unmapped
    USTKTOP = 0xBFFFF000,  // top of the user stack (one guard page below KZERO)
    USTKSIZE = 8u << 20,  // the stack segment may grow to 8 MiB
};

// bind(2)/mount(2) flags
enum : int {
    MREPL = 0x0000,
    MBEFORE = 0x0001,
    MAFTER = 0x0002,
    MORDER = 0x0003,
    MCREATE = 0x0004,
    MCACHE = 0x0010,
    MMASK = 0x0017,
};

// seek(2) whence
enum : int { SEEKSET = 0, SEEKCUR = 1, SEEKEND = 2 };

// noted(2) arguments
enum : int { NCONT = 0, NDFLT = 1, NSAVE = 2, NRSTR = 3 };

enum : int { NAMEMAX = 255 };  // longest path element
