; rawsys(n, a0, a1, a2, a3, a4, a5): any system call, by number, with six argument
; words, for sysfuzz. The kernel reads the arguments at the caller's esp+4 onwards, as it
; does for libc's stubs, so the words are pushed again below a fresh return address.

bits 32
section .text

global rawsys:function (rawsys.end - rawsys)
rawsys:
    mov eax, [esp+4]
%rep 6
    push dword [esp+28]         ; a5 first: each push moves the next one 4 bytes closer
%endrep
    call .trap
    add esp, 24
    ret
.trap:
    int 0x40
    ret
.end:

section .note.GNU-stack noalloc noexec nowrite progbits
