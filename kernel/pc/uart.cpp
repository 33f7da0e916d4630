// The 8250/16550 UART on COM1: the serial console. Output is polled so that it works
// from any context (a panic included); input arrives by interrupt.
#include "io.h"
#include "pc/pc.h"
#include "port/portfns.h"

namespace {
constexpr uint16_t COM1 = 0x3F8;
enum : uint16_t { RBR = 0, THR = 0, IER = 1, FCR = 2, LCR = 3, MCR = 4, LSR = 5 };
bool present;
}

void uart_init()
{
    outb(COM1 + IER, 0);
    outb(COM1 + LCR, 0x80);  // divisor latch
    outb(COM1 + 0, 1);  // 115200 baud
    outb(COM1 + 1, 0);
    outb(COM1 + LCR, 0x03);  // 8N1
    outb(COM1 + FCR, 0x07);  // FIFOs on and cleared
    outb(COM1 + MCR, 0x0B);  // DTR RTS OUT2 (OUT2 gates the interrupt line)
    present = inb(COM1 + LSR) != 0xFF;
}

void uart_enable_interrupts()
{
    if (!present)
        return;
    outb(COM1 + IER, 0x01);  // received data available
    i8259_enable(4);
}

void uart_putc(char c)
{
    if (!present)
        return;
    for (int i = 0; i < 100000 && !(inb(COM1 + LSR) & 0x20); i++)
        ;
    outb(COM1 + THR, c);
}

void uart_interrupt()
{
    while (inb(COM1 + LSR) & 0x01)
        cons_input(inb(COM1 + RBR));
}
