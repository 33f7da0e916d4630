// bytemap [-d] key: copies standard input to standard output, adding to each byte the
// next byte of a keystream seeded by key (mod 256), or with -d subtracting it: a cipher
// stage and its inverse for the hubfs soak test. The keystream depends on the position
// in the stream, so a lost, repeated or reordered byte anywhere shows in the result.
#include "libc.h"
#include "keystream.h"

int main(int argc, char** argv)
{
    argv0 = "bytemap";
    bool decrypt = false;
    ARGBEGIN {
    case 'd':
        decrypt = true;
        break;
    default:
        sysfatal("usage: bytemap [-d] key");
    } ARGEND
    if (argc != 1)
        sysfatal("usage: bytemap [-d] key");
    Keystream key(uint32_t(strtoul(argv[0], nullptr, 0)));
    static uchar buf[8192];
    long n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        for (long i = 0; i < n; i++)
            buf[i] = uchar(decrypt ? buf[i] - key.next() : buf[i] + key.next());
        if (write(1, buf, n) != n)
            sysfatal("write: %r");
    }
    if (n < 0)
        sysfatal("read: %r");
    exits(nullptr);
}
