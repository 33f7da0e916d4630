; selftest.asm: a tiny Multiboot 1 (and PVH) kernel that behaves like a console, so the QEMU
; harness (vm.py, run.py) can be checked without Myrmex itself.
;   - prints "selftest: multiboot" or "selftest: pvh" (how it was entered), then "% "
;   - echoes what it reads on COM1; at the end of a line prints the line again and "% "
;   - a line "qN" (N a digit) writes N to isa-debug-exit: QEMU exits with status 2N+1
;   - a line "r" resets the machine through the keyboard controller (with -no-reboot,
;     QEMU exits with status 0)
; Build: nasm -f elf32 selftest.asm && ld -m elf_i386 -T selftest.ld -o selftest selftest.o
bits 32

MB_MAGIC    equ 0x1BADB002
MB_FLAGS    equ 0
MB_BOOTED   equ 0x2BADB002          ; eax on entry from a Multiboot loader
COM1        equ 0x3F8
DEBUGEXIT   equ 0xF4

section .note.Xen note alloc noexec nowrite align=4
    dd 4, 4, 18                     ; namesz, descsz, XEN_ELFNOTE_PHYS32_ENTRY
    db "Xen", 0
    dd pvhstart

section .text
align 4
    dd MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

global start
start:
    mov esp, stacktop
    mov esi, msgunknown
    cmp eax, MB_BOOTED
    jne banner
    mov esi, msgmb
    jmp banner
pvhstart:
    mov esp, stacktop
    mov esi, msgpvh
banner:
    call puts
prompt:
    mov esi, msgprompt
    call puts
    mov edi, line
.read:
    call getc
    cmp al, 13
    je .eol
    cmp al, 10
    je .eol
    cmp edi, line + 200
    jae .read                       ; line full: drop the rest
    mov [edi], al
    inc edi
    call putc                       ; echo
    jmp .read
.eol:
    mov byte [edi], 0
    mov esi, msgnl
    call puts
    cmp byte [line], 'q'
    je quit
    cmp byte [line], 'r'
    je reset
    mov esi, line
    call puts
    mov esi, msgnl
    call puts
    jmp prompt
quit:
    movzx eax, byte [line + 1]
    sub eax, '0'
    out DEBUGEXIT, eax
    jmp prompt                      ; not reached under QEMU with isa-debug-exit
reset:
    mov al, 0xFE
    out 0x64, al
.hang:
    cli
    hlt
    jmp .hang

; putc: al to COM1, once the transmitter holds nothing
putc:
    push edx
    push eax
    mov dx, COM1 + 5
.wait:
    in al, dx
    test al, 0x20
    jz .wait
    pop eax
    mov dx, COM1
    out dx, al
    pop edx
    ret

; puts: the NUL-terminated string at esi
puts:
    lodsb
    test al, al
    jz .done
    call putc
    jmp puts
.done:
    ret

; getc: wait for a byte on COM1, return it in al
getc:
    push edx
    mov dx, COM1 + 5
.wait:
    in al, dx
    test al, 1
    jz .wait
    mov dx, COM1
    in al, dx
    pop edx
    ret

section .rodata
msgmb:      db "selftest: multiboot", 13, 10, 0
msgpvh:     db "selftest: pvh", 13, 10, 0
msgunknown: db "selftest: unknown loader", 13, 10, 0
msgprompt:  db "% ", 0
msgnl:      db 13, 10, 0

section .bss
line:       resb 256
            resb 4096
stacktop:
