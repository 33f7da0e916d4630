// What the hosted kernel code needs from the rest of the kernel: a user, formatting,
// panic, and a device table holding the test device. Processes, sleep and QLock are
// hostproc.cpp's.
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include "port/chan.h"
#include "port/lib.h"
#include "ramdev.h"

const char* current_user() { return "glenda"; }
const char* eve() { return "glenda"; }

Dev* devtab_lookup(char dc)
{
    return dc == 'R' ? &ramdev() : nullptr;
}

uint32_t boot_seconds() { return 0; }

int snprint(char* buf, size_t n, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

void panic(const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "panic: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    abort();
}
