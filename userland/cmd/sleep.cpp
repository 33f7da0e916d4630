// sleep time: suspends for time seconds, which may have a fraction (1.5; digits beyond
// milliseconds are ignored). Like Plan 9's it uses no floating point, and it sleeps a
// second at a time so that any number of seconds fits.
#include "libc.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: sleep time\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "sleep";
    ARGBEGIN {
    default:
        usage();
    } ARGEND
    if (argc != 1)
        usage();

    const char* p = argv[0];
    ulong secs = 0;
    bool digits = false;
    for (; *p >= '0' && *p <= '9'; p++, digits = true)
        secs = secs < 1000000000 ? secs * 10 + (*p - '0') : secs;
    long ms = 0;
    if (*p == '.') {
        int scale = 100;
        for (p++; *p >= '0' && *p <= '9'; p++, digits = true) {
            ms += (*p - '0') * scale;
            scale /= 10;
        }
    }
    if (*p != 0 || !digits)
        usage();
    for (; secs > 0; secs--)
        sleep(1000);
    if (ms > 0)
        sleep(ms);
    exits(nullptr);
}
