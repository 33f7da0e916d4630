; l.asm: the machine entry points of the pc kernel.
;   - Multiboot 1 header and a PVH ELF note, so GRUB, `qemu -kernel` and PVH loaders all
;     find us; both entries arrive in 32-bit protected mode with paging off.
;   - A boot page directory maps physical [0, 768 MiB) at KZERO with 4 MiB pages (and the
;     first 16 MiB at 0 just long enough to jump high); kmain builds the real one.
;   - Trap stubs build a Ureg (same layout as Plan 9's 386 Ureg) and call trap().
;   - swtch() switches kernel stacks, saving only the callee-saved registers.
bits 32

KZERO       equ 0xC0000000
MB_MAGIC    equ 0x1BADB002
MB_FLAGS    equ 0x00000003          ; align modules, want the memory map
PVH_MAGIC   equ 0x336EC578
KDSEL       equ 0x10
UDSEL       equ 0x23
UESEL       equ 0x1B
SYSENTERTRAP equ 65                ; Ureg.trap of a system call made by sysenter (see trapret)
BOOTSTACK   equ 16384

section .multiboot progbits alloc noexec nowrite align=4
    dd MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

section .note.Xen note alloc noexec nowrite align=4
    dd 4, 4, 18                     ; namesz, descsz, XEN_ELFNOTE_PHYS32_ENTRY
    db "Xen", 0
    dd pvhstart - KZERO

section .boottext progbits alloc exec nowrite align=16
global start
start:                              ; Multiboot: eax = magic, ebx = info (physical)
    cld
    jmp bootcommon
pvhstart:                           ; PVH: ebx = hvm_start_info (physical)
    cld
    mov eax, PVH_MAGIC
bootcommon:
    mov esi, eax
    ; fill the boot page directory: identity [0,16M), KZERO+[0,768M)
    mov edi, bootpd - KZERO
    xor ecx, ecx
.ident:
    mov edx, ecx
    shl edx, 22
    or edx, 0x83                    ; present, writable, 4 MiB
    mov [edi + ecx*4], edx
    mov [edi + 768*4 + ecx*4], edx
    inc ecx
    cmp ecx, 4
    jb .ident
.high:
    mov edx, ecx
    shl edx, 22
    or edx, 0x83
    mov [edi + 768*4 + ecx*4], edx
    inc ecx
    cmp ecx, 192
    jb .high
    mov eax, cr4
    or eax, 0x10                    ; PSE
    mov cr4, eax
    mov cr3, edi
    mov eax, cr0
    or eax, 0x80010000              ; PG | WP
    mov cr0, eax
    lea eax, [.inhigh]
    jmp eax
.inhigh:
    mov esp, bootstack + BOOTSTACK
    xor ebp, ebp
    push ebx                        ; boot info, physical
    push esi                        ; which loader
    extern kmain
    call kmain
.halt:
    cli
    hlt
    jmp .halt

; The trap stubs and swtch lie with the kernel's other hot code (linker.ld).
section .text.hot progbits alloc exec nowrite align=16

; trap vectors: each pushes (error code or 0) and its number, then joins trapcommon
%macro VEC_NOERR 1
vec%1:
    push 0
    push %1
    jmp trapcommon
%endmacro
%macro VEC_ERR 1
vec%1:
    push %1
    jmp trapcommon
%endmacro

%assign i 0
%rep 48
  %if i == 8 || (i >= 10 && i <= 14) || i == 17
    VEC_ERR i
  %else
    VEC_NOERR i
  %endif
  %assign i i+1
%endrep
VEC_NOERR 64

; Segment loads are slow to emulate and every segment is flat, so the kernel runs on the
; interrupted code's ds and es when both are the user's or its own data selector, never
; uses fs or gs, and on the way out reloads only what differs from the saved Ureg.
trapcommon:
    push ds
    push es
    push fs
    push gs
    pusha
    mov eax, ds
    mov edx, es
    cmp ax, dx
    jne .load
    cmp ax, UDSEL
    je .flat
    cmp ax, KDSEL
    je .flat
.load:
    mov ax, KDSEL
    mov ds, ax
    mov es, ax
.flat:
    cld
    push esp                        ; Ureg*
    extern trap
    call trap
    add esp, 4
; Reload segment register %1 from the Ureg word at [esp + %2] unless it holds that already.
%macro RESTORE_SEG 2
    mov eax, %1
    cmp ax, [esp + %2]
    je %%same
    mov %1, [esp + %2]
%%same:
%endmacro

global trapret
trapret:
    RESTORE_SEG gs, 32
    RESTORE_SEG fs, 36
    RESTORE_SEG es, 40
    RESTORE_SEG ds, 44
    cmp dword [esp + 48], SYSENTERTRAP
    je .sysexit
    popa
    add esp, 16 + 8                 ; gs fs es ds, trap number, error code
    iret
; Back from a call made by sysenter, whose Ureg nobody rewrote for another context (that
; makes its trap 64): sysexit to the user pc and sp in edx and ecx, which the call's stub
; does not keep. It loads no flags: the user gets the kernel's, with interrupts on
; after the sysexit (sti holds them off for one instruction).
.sysexit:
    popa
    mov edx, [esp + 24]             ; Ureg.pc, past gs fs es ds, trap number, error code
    mov ecx, [esp + 36]             ; Ureg.sp
    sti
    sysexit

; sysenter (a system call, from the libc stubs): eax is the call number, ecx the user sp,
; edx the pc to return to. The CPU has loaded the kernel's cs and ss and eip, and esp
; with the address just past the TSS's esp0 (gdt.cpp), and turned interrupts off; it
; saved nothing. Build on the kernel stack the Ureg an int 0x40 from user mode would
; have, then go on as a trap.
global sysenter_entry
sysenter_entry:
    mov esp, [esp - 4]              ; tss.esp0
    push UDSEL                      ; ss
    push ecx                        ; sp
    pushfd
    or dword [esp], 0x200           ; the user ran with interrupts on
    push UESEL                      ; cs
    push edx                        ; pc
    push 0
    push SYSENTERTRAP
    jmp trapcommon

section .rodata
global vectors
vectors:                            ; 0..47, then the system-call vector 64
%assign i 0
%rep 48
    dd vec %+ i
  %assign i i+1
%endrep
    dd vec64

section .text.hot
; void swtch(uint32_t* oldsp, uint32_t newsp)
global swtch
swtch:
    mov eax, [esp+4]
    mov edx, [esp+8]
    push ebp
    push ebx
    push esi
    push edi
    mov [eax], esp
    mov esp, edx
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret

; First return of a new kernel process: ebx = function, esi = argument.
global kprocentry
kprocentry:
    sti
    push esi
    call ebx
    extern kproc_exit
    call kproc_exit

section .data
align 4096
global bootpd
bootpd:
    times 1024 dd 0

section .bss
align 16
bootstack:
    resb BOOTSTACK
