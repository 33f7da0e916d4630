// The two cascaded 8259A interrupt controllers: IRQ 0-15 arrive as vectors 32-47.
#include "io.h"
#include "pc/pc.h"

namespace {
enum : uint16_t { PIC1 = 0x20, PIC2 = 0xA0 };
uint16_t mask = 0xFFFB;  // everything masked except the cascade line (IRQ 2)

void load_mask()
{
    outb(PIC1 + 1, mask & 0xFF);
    outb(PIC2 + 1, mask >> 8);
}
}  // namespace

void i8259_init()
{
    outb(PIC1, 0x11);  // ICW1: edge triggered, cascade, ICW4 follows
    outb(PIC1 + 1, 32);  // ICW2: vector base
    outb(PIC1 + 1, 1 << 2);  // ICW3: slave on IRQ 2
    outb(PIC1 + 1, 0x01);  // ICW4: 8086 mode
    outb(PIC2, 0x11);
    outb(PIC2 + 1, 40);
    outb(PIC2 + 1, 2);
    outb(PIC2 + 1, 0x01);
    load_mask();
}

void i8259_enable(int irq)
{
    mask &= ~(1u << irq);
    load_mask();
}

// IRQ 7 and 15 also arrive when a request vanishes before it is acknowledged; the
// in-service register tells a real one from a spurious one.
bool i8259_spurious(int irq)
{
    if (irq != 7 && irq != 15)
        return false;
    uint16_t port = irq == 7 ? PIC1 : PIC2;
    outb(port, 0x0B);  // read ISR
    if (inb(port) & 0x80)
        return false;
    if (irq == 15)
        outb(PIC1, 0x20);  // the master did see the cascade
    return true;
}

void i8259_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2, 0x20);
    outb(PIC1, 0x20);
}
