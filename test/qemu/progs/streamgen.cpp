// streamgen [-s seed] [-b blocksize] bytes: writes bytes of seeded pseudo-random data to
// standard output in writes of blocksize (default 8192), the same bytes for the same
// seed, so a test can compare what a reader received with the digest of a second run.
#include "libc.h"
#include "keystream.h"

int main(int argc, char** argv)
{
    argv0 = "streamgen";
    uint32_t seed = 1;
    long block = 8192;
    ARGBEGIN {
    case 's':
        seed = uint32_t(strtoul(EARGF(exits("usage")), nullptr, 0));
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
    Keystream key(seed);
    while (left > 0) {
        long n = left < block ? long(left) : block;
        for (long i = 0; i < n; i++)
            buf[i] = key.next();
        if (write(1, buf, n) != n)
            sysfatal("write: %r");
        left -= n;
    }
    exits(nullptr);
}
