// streamgen [-s seed] [-b blocksize] bytes: writes bytes of seeded pseudo-random data to
// standard output in writes of blocksize (default 8192), the same bytes for the same
// seed, so a test can compare what a reader received with the digest of a second run.
#include "libc.h"

int main(int argc, char** argv)
{
    argv0 = "streamgen";
    uint32_t state = 1;
    long block = 8192;
    ARGBEGIN {
    case 's':
        state = uint32_t(strtoul(EARGF(exits("usage")), nullptr, 0)) | 1;
        break;
    case 'b':
        block = strtol(EARGF(exits("usage")), nullptr, 0);
        break;
    default:
        exits("usage");
    } ARGEND
    if (argc != 1 || block <= 0 || block > 65536)
        sysfatal("usage: streamgen [-s seed] [-b blocksize] bytes");
    vlong left = strtoll(argv[0], nullptr, 0);
    static uchar buf[65536];
    while (left > 0) {
        long n = left < block ? long(left) : block;
        for (long i = 0; i < n; i++) {  // xorshift32
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            buf[i] = uchar(state);
        }
        if (write(1, buf, n) != n)
            sysfatal("write: %r");
        left -= n;
    }
    exits(nullptr);
}
