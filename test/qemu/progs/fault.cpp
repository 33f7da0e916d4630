// fault [read|write] [hexaddr]: reads or writes one byte at hexaddr (default: a read at 0)
// and so dies of a page fault. It prints nothing first, so the kernel's note is the only
// output. Should the access succeed it exits "no fault"; bad arguments exit "usage".
#include "libc.h"

int main(int argc, char** argv)
{
    bool write = false;
    uintptr addr = 0;
    if (argc > 1) {
        if (strcmp(argv[1], "write") == 0)
            write = true;
        else if (strcmp(argv[1], "read") != 0)
            exits("usage");
    }
    if (argc > 2)
        addr = strtoul(argv[2], nullptr, 16);
    // Hide the address from the optimiser: a pointer it can prove null would be compiled
    // into a trap instruction instead of the memory access we want.
    asm volatile("" : "+r"(addr));
    auto* p = (volatile uchar*)addr;
    if (write)
        *p = 0;
    else
        (void)*p;
    exits("no fault");
}
