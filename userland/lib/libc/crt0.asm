; Process entry. The kernel starts _start with esp pointing at argc, then argv[0..argc-1],
; then a NULL (the strings lie above). Run the C++ constructors (.init_array, bounded by
; symbols from user.ld), call main(argc, argv) and exits(nil) if main returns; main's
; return value is ignored, as in Plan 9 where falling off main means success.
; Above main's frame lie 16 bytes whose address _tos keeps: the stack is the one segment
; rfork never shares, so what is stored there is private to each process (getpid.cpp).

bits 32
extern main, exits, __init_array_start, __init_array_end

section .bss
global _tos:data 4
_tos: resd 1

section .text
global _start:function (_start.end - _start)
_start:
    xor ebp, ebp                ; terminate the frame-pointer chain for debuggers
    mov esi, [esp]              ; argc; esi, edi and ebx survive the calls below
    lea edi, [esp + 4]          ; argv
    and esp, -16                ; the ABI gcc assumes: 16-byte alignment at each call
    sub esp, 16
    mov [_tos], esp
    xor eax, eax
    mov [esp], eax
    mov [esp + 4], eax
    mov [esp + 8], eax
    mov [esp + 12], eax
    mov ebx, __init_array_start
.ctors:
    cmp ebx, __init_array_end
    jae .main
    call [ebx]
    add ebx, 4
    jmp .ctors
.main:
    sub esp, 8
    push edi
    push esi
    call main
    mov dword [esp], 0
    call exits
    ud2
.end:

section .note.GNU-stack noalloc noexec nowrite progbits
