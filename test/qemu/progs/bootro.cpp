// bootro: the bootpaq at /boot is read-only. Prints one line per attempt to open a
// file there for writing (each must fail with "permission denied"), then reads the
// first bytes of /boot/boot to show it is readable.
#include "libc.h"

namespace {

void try_open(const char* what, int mode)
{
    int fd = open("/boot/boot", mode);
    if (fd < 0)
        print("%s: %r\n", what);
    else
        print("%s: succeeded\n", what);
}

}  // namespace

int main()
{
    try_open("owrite", OWRITE);
    try_open("ordwr", ORDWR);
    try_open("otrunc", OREAD | OTRUNC);
    int fd = open("/boot/boot", OREAD);
    char magic[4];
    if (fd < 0 || read(fd, magic, 4) != 4)
        sysfatal("read /boot/boot: %r");
    print("read: %s\n", memcmp(magic, "\x7f" "ELF", 4) == 0 ? "ELF" : "not ELF");
    exits(nullptr);
}
