// sleep [time]: suspends for time seconds, read as Plan 9's sleep reads it: a number
// (strtol, so 0x10 is 16) of whole seconds, then after a period up to three digits of
// milliseconds. Anything else is ignored rather than refused: no argument, or one that
// is not a number, sleeps not at all. It uses no floating point, and sleeps a second at
// a time so that any number of seconds fits.
#include "libc.h"

int main(int argc, char** argv)
{
    if (argc > 1) {
        char* p;
        for (long n = strtol(argv[1], &p, 0); n > 0; n--)
            sleep(1000);
        if (*p++ == '.') {
            long ms = 0;
            int digits = 0;
            for (; *p >= '0' && *p <= '9'; p++, digits++)
                if (digits < 3)
                    ms = ms * 10 + (*p - '0');
            for (; digits < 3 && digits > 0; digits++)
                ms *= 10;
            if (ms > 0)
                sleep(ms);
        }
    }
    exits(nullptr);
}
