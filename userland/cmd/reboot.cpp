// halt and reboot: one source built twice, CTLMSG (from CMakeLists.txt) naming the control
// message written to #c/reboot: "halt" powers the machine off (under QEMU with
// isa-debug-exit it ends QEMU), "reboot" restarts it. If the kernel refuses, its error
// becomes the exit status.
#include "libc.h"

int main(int, char**)
{
    argv0 = CTLMSG;
    int fd = open("#c/reboot", OWRITE);
    if (fd < 0)
        sysfatal("can't open #c/reboot: %r");
    if (write(fd, CTLMSG, strlen(CTLMSG)) < 0)
        sysfatal("write #c/reboot: %r");
    exits(nullptr);
}
