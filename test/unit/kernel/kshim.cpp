// What the hosted kernel namespace code needs from the rest of the kernel: no-op locks
// (the tests are single-threaded), a user, formatting, and a device table holding the
// test device.
#include <cstdarg>
#include <cstdio>
#include "port/chan.h"
#include "port/lib.h"
#include "port/lock.h"
#include "9p/mnt.h"
#include "ramdev.h"

void QLock::lock() {}
void QLock::unlock() {}
void mnt_free(Mnt*) {}  // no host Chan is a 9P transport (the mount driver is tested in QEMU)

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
