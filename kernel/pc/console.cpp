// Console output: every byte goes to the serial line and to the VGA screen.
// The serial line wants CR LF; the screen takes LF alone.
#include "pc/pc.h"
#include "port/portfns.h"

void console_write(const char* s, int n)
{
    int x = splhi();
    for (int i = 0; i < n; i++) {
        if (s[i] == '\n')
            uart_putc('\r');
        uart_putc(s[i]);
        cga_putc(s[i]);
    }
    cga_cursor();
    splx(x);
}
