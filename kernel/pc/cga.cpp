// VGA text mode console (80x25 at physical 0xB8000), the screen of a real PC.
#include "mem.h"
#include "io.h"
#include "pc/pc.h"
#include "port/lib.h"

namespace {
constexpr int WIDTH = 80, HEIGHT = 25;
constexpr uint16_t ATTR = 0x0700;  // grey on black
uint16_t* screen;
int pos;

void move_cursor()
{
    outb(0x3D4, 14);
    outb(0x3D5, pos >> 8);
    outb(0x3D4, 15);
    outb(0x3D5, pos & 0xFF);
}
}  // namespace

void cga_init()
{
    screen = kaddr<uint16_t>(0xB8000);
    outb(0x3D4, 14);
    pos = inb(0x3D5) << 8;
    outb(0x3D4, 15);
    pos |= inb(0x3D5);
    if (pos >= WIDTH * HEIGHT)
        pos = 0;
}

void cga_putc(char c)
{
    switch (c) {
    case '\n':
        pos += WIDTH - pos % WIDTH;
        break;
    case '\r':
        pos -= pos % WIDTH;
        break;
    case '\b':
        if (pos % WIDTH)
            screen[--pos] = ATTR | ' ';
        break;
    case '\t':
        do
            screen[pos++] = ATTR | ' ';
        while (pos % 8);
        break;
    default:
        screen[pos++] = ATTR | static_cast<uint8_t>(c);
    }
    if (pos >= WIDTH * HEIGHT) {
        memmove(screen, screen + WIDTH, (HEIGHT - 1) * WIDTH * 2);
        for (int i = 0; i < WIDTH; i++)
            screen[(HEIGHT - 1) * WIDTH + i] = ATTR | ' ';
        pos -= WIDTH;
    }
}

void cga_cursor()
{
    move_cursor();
}
