; System-call stubs: each loads the call number (lib9/sys.h) into eax and traps with
; int 0x40. The kernel reads the arguments straight from the caller's stack (esp+4, ...),
; so a stub never touches them; 64-bit offsets are two words, low first, which is how the
; C calling convention already pushes a vlong. The result comes back in eax (-1 = error).

bits 32
section .text

%macro SYSCALL 2
global %1:function (%1.end - %1)
%1:
    mov eax, %2
    int 0x40
    ret
.end:
%endmacro

SYSCALL close, 4
SYSCALL dup, 5
SYSCALL exec, 7
SYSCALL open, 14
SYSCALL sleep, 17
SYSCALL rfork, 19
SYSCALL brk_, 24
SYSCALL errstr, 41
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
