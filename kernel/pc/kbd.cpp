// PS/2 keyboard (scan code set 1 through the 8042): keys become console input bytes.
// Delete sends 0x7F (Plan 9's interrupt), Backspace ^H; Ctrl turns letters into
// control characters so ^D and ^U work on a real keyboard as on the serial line.
#include "io.h"
#include "pc/pc.h"
#include "port/portfns.h"

namespace {

constexpr char normal[128] = {
    0, 0x1B, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', '\b', '\t',
    'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\n', 0, 'a', 's',
    'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\', 'z', 'x', 'c', 'v',
    'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ', 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, '7', '8', '9', '-', '4', '5', '6', '+', '1',
    '2', '3', '0', '.',
};
constexpr char shifted[128] = {
    0, 0x1B, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '\b', '\t',
    'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n', 0, 'A', 'S',
    'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|', 'Z', 'X', 'C', 'V',
    'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};
enum : uint8_t { LSHIFT = 0x2A, RSHIFT = 0x36, CTRL = 0x1D, CAPS = 0x3A, DELETE = 0x53, EXTEND = 0xE0 };
bool shift, ctrl, caps, extended;

}  // namespace

void kbd_init()
{
    while (inb(0x64) & 0x01)  // drain anything the firmware left behind
        inb(0x60);
    i8259_enable(1);
}

void kbd_interrupt()
{
    while (inb(0x64) & 0x01) {
        uint8_t sc = inb(0x60);
        if (sc == EXTEND) {
            extended = true;
            continue;
        }
        bool up = sc & 0x80;
        uint8_t key = sc & 0x7F;
        bool ext = extended;
        extended = false;
        if (key == LSHIFT || key == RSHIFT) {
            shift = !up;
            continue;
        }
        if (key == CTRL) {
            ctrl = !up;
            continue;
        }
        if (up)
            continue;
        if (key == CAPS) {
            caps = !caps;
            continue;
        }
        if (ext && key == DELETE) {
            cons_input(0x7F);
            continue;
        }
        if (ext && key != 0x1C && key != 0x35)  // keypad Enter and / share codes with the main keys
            continue;
        char c = shift ? shifted[key] : normal[key];
        if (caps && c >= 'a' && c <= 'z' && !shift)
            c -= 32;
        else if (caps && c >= 'A' && c <= 'Z' && shift)
            c += 32;
        if (ctrl && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            c &= 0x1F;
        if (c)
            cons_input(c);
    }
}
