// Functions shared inside the pc machine layer (not part of the port contract).
#pragma once
#include <cstdint>

struct Ureg;
struct Proc;

extern uint32_t kernel_pd;
inline uint32_t memup4m(uint32_t x) { return x > 0xFFC00000u ? 0xFFC00000u : (x + 0x3FFFFF) & ~0x3FFFFFu; }

void cpu_identify();
bool cpu_has_pge();
bool cpu_has_sysenter();
void fpu_init();
bool fpu_trap(Ureg* u);  // device-not-available: give the FPU to the current process
void fpu_switched();  // a process switch happened: trap its first FPU use
void fpu_fork(Proc* parent, Proc* child);

void gdt_init();
void tss_set_kstack(uint32_t esp0);
void trap_init();
void sysenter_init();  // after cpu_identify: system calls by sysenter when the CPU has it
bool sysenter_enabled();
void mmu_init(uint32_t memtop);

void i8259_init();
void i8259_enable(int irq);
void i8259_eoi(int irq);
bool i8259_spurious(int irq);
void i8253_init();
void clock_interrupt(bool from_user);

// An 8250/16550 UART at an I/O port base (uart.cpp): register access, no policy.
struct I8250 {
    uint16_t base;

    bool probe() const;  // is there a UART (its scratch register keeps what is written)?
    // The divisor for baud (115200 divided evenly; false otherwise) and the LCR.
    bool line(uint32_t baud, uint8_t lcr) const;
    // FIFOs on and cleared; the receive interrupt comes at trigger bytes (1, 4, 8 or 14)
    // or when input pauses for four characters' time.
    void fifo(int trigger) const;
    void modem(bool dtr, bool rts) const;
    void rxintr(bool on) const;  // the received-data interrupt
    uint8_t lsr() const;
    uint8_t rx() const;
    void tx(uint8_t c) const;
    static bool rxready(uint8_t lsr);
    static bool txready(uint8_t lsr);  // the transmitter's FIFO is empty
};

// COM1, the serial console
void uart_init();
void uart_enable_interrupts();
void uart_putc(char c);
void uart_interrupt();
// COM2, #t's eia1 (devuart.cpp)
void eia_reset();  // at boot: find it and set it up, its interrupt off until an open
void eia_interrupt();  // IRQ 3
void cga_init();
void cga_putc(char c);  // no cursor update: call cga_cursor() after a batch
void cga_cursor();
void kbd_init();
void kbd_interrupt();

uint64_t rtc_read();  // seconds since the epoch, 0 if the clock makes no sense
void rtc_write(uint64_t secs);

void syscall(Ureg* u);
void dumpregs(const Ureg* u);
