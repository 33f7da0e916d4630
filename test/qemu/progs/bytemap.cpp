// bytemap [-d] key: copies standard input to standard output, adding to each byte the
// next byte of a keystream seeded by key (mod 256), or with -d subtracting it: a cipher
// stage and its inverse for the hubfs soak test. The keystream depends on the position
// in the stream, so a lost, repeated or reordered byte anywhere shows in the result.
#include "libc.h"

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
    uint32_t state = uint32_t(strtoul(argv[0], nullptr, 0)) | 1;
    static uchar buf[8192];
    long n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        for (long i = 0; i < n; i++) {  // xorshift32
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            buf[i] = uchar(decrypt ? buf[i] - uchar(state) : buf[i] + uchar(state));
        }
        if (write(1, buf, n) != n)
            sysfatal("write: %r");
    }
    if (n < 0)
        sysfatal("read: %r");
    exits(nullptr);
}
