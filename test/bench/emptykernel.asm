; emptykernel.asm: the floor for boot-time measurements. The least a Multiboot 1 kernel
; can do to look booted: print the prompt "% " on COM1, then write to isa-debug-exit
; (port 0xf4) so QEMU exits (status 1). test/bench/boottime.py times it beside Myrmex.
bits 32

MB_MAGIC    equ 0x1BADB002
MB_FLAGS    equ 0
COM1        equ 0x3F8

section .text
align 4
    dd MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

global start
start:
    mov esi, prompt
.next:
    lodsb
    test al, al
    jz .done
    mov ah, al
    mov dx, COM1 + 5
.wait:
    in al, dx                       ; wait until the transmitter is empty
    test al, 0x20
    jz .wait
    mov al, ah
    mov dx, COM1
    out dx, al
    jmp .next
.done:
    xor eax, eax
    out 0xF4, al                    ; QEMU exits with status (0 << 1) | 1
.hang:
    cli
    hlt
    jmp .hang

prompt: db "% ", 0
