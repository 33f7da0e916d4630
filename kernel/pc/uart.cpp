// 8250/16550 UARTs. COM1 is the serial console: its output is polled so that it works
// from any context (a panic included); its input arrives by interrupt and goes to the
// console's line discipline. The other lines are #t's (devuart.cpp), which drives them
// through the same I8250 register access.
#include "io.h"
#include "pc/pc.h"
#include "port/portfns.h"

namespace {
enum : uint16_t { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, FCR = 2, LCR = 3, MCR = 4, LSR = 5, SCR = 7 };
enum : uint8_t { Dlab = 0x80, Dtr = 0x01, Rts = 0x02, Out2 = 0x08, Dr = 0x01, Thre = 0x20, Erbfi = 0x01 };
constexpr uint32_t Clock = 115200;  // the divisor latch divides this
I8250 com1 { 0x3F8 };
bool present;
}  // namespace

bool I8250::probe() const
{
    outb(base + SCR, 0x5A);
    if (inb(base + SCR) != 0x5A)
        return false;
    outb(base + SCR, 0xA5);
    return inb(base + SCR) == 0xA5;
}

bool I8250::line(uint32_t baud, uint8_t lcr) const
{
    if (baud == 0 || baud > Clock || Clock % baud != 0)
        return false;
    uint32_t div = Clock / baud;
    outb(base + LCR, Dlab);
    outb(base + DLL, div & 0xFF);
    outb(base + DLM, div >> 8);
    outb(base + LCR, lcr);
    return true;
}

void I8250::fifo(int trigger) const
{
    uint8_t level = trigger >= 14 ? 0xC0 : trigger >= 8 ? 0x80 : trigger >= 4 ? 0x40 : 0;
    outb(base + FCR, level | 0x07);  // on and cleared
}

void I8250::modem(bool dtr, bool rts) const
{
    outb(base + MCR, (dtr ? Dtr : 0) | (rts ? Rts : 0) | Out2);  // OUT2 gates the interrupt line
}

void I8250::rxintr(bool on) const { outb(base + IER, on ? Erbfi : 0); }
uint8_t I8250::lsr() const { return inb(base + LSR); }
uint8_t I8250::rx() const { return inb(base + RBR); }
void I8250::tx(uint8_t c) const { outb(base + THR, c); }
bool I8250::rxready(uint8_t lsr) { return lsr & Dr; }
bool I8250::txready(uint8_t lsr) { return lsr & Thre; }

void uart_init()
{
    com1.rxintr(false);
    com1.line(115200, 0x03);  // 8N1
    com1.fifo(1);  // typing wants every byte at once
    com1.modem(true, true);
    present = com1.lsr() != 0xFF;
}

void uart_enable_interrupts()
{
    if (!present)
        return;
    com1.rxintr(true);
    i8259_enable(4);
}

void uart_putc(char c)
{
    if (!present)
        return;
    for (int i = 0; i < 100000 && !I8250::txready(com1.lsr()); i++)
        ;
    com1.tx(c);
}

void uart_interrupt()
{
    while (I8250::rxready(com1.lsr()))
        cons_input(com1.rx());
}
