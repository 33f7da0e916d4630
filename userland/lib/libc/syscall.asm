; System-call stubs: each loads the call number (lib9/sys.h) into eax and enters the
; kernel by sysenter, with its stack pointer in ecx and the address to come back to in
; edx (the kernel runs the call in place of a sysenter the CPU does not have). The kernel
; reads the arguments straight from the caller's stack (esp+4, ...), so a stub never
; touches them; 64-bit offsets are two words, low first, which is how the C calling
; convention already pushes a vlong. The result comes back in eax (-1 = error); ecx and
; edx are not kept, as the calling convention allows.

bits 32
section .text

%macro SYSCALL 2
global %1:function (%1.end - %1)
%1:
    mov eax, %2
    mov ecx, esp
    mov edx, .back
    sysenter
.back:
    ret
.end:
%endmacro

SYSCALL bind, 2
SYSCALL chdir, 3
SYSCALL close, 4
SYSCALL dup, 5
SYSCALL alarm, 6
SYSCALL exec, 7
SYSCALL fauth, 10
SYSCALL open, 14
SYSCALL sleep, 17
SYSCALL _rfork, 19
SYSCALL pipe, 21
SYSCALL create, 22
SYSCALL fd2path, 23
SYSCALL brk_, 24
SYSCALL remove, 25
SYSCALL notify, 28
SYSCALL noted, 29
SYSCALL segattach, 30
SYSCALL segdetach, 31
SYSCALL segfree, 32
SYSCALL rendezvous, 34
SYSCALL unmount, 35
SYSCALL semacquire, 37
SYSCALL semrelease, 38
SYSCALL _seek, 39
SYSCALL fversion, 40
SYSCALL errstr, 41
SYSCALL stat, 42
SYSCALL fstat, 43
SYSCALL wstat, 44
SYSCALL fwstat, 45
SYSCALL mount, 46
SYSCALL await, 47
SYSCALL pread, 50
SYSCALL pwrite, 51

; EXITS (8) does not return; should the kernel ever come back, fault rather than run on.
global _exits:function (_exits.end - _exits)
_exits:
    mov eax, 8
    int 0x40
    ud2
.end:

section .note.GNU-stack noalloc noexec nowrite progbits
