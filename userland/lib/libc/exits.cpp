// Ending a process: exits runs the functions registered with atexit (C++ static
// destructors among them, since user code is built with -fno-use-cxa-atexit), last
// registered first, then makes the EXITS system call. abort faults instead, so the
// kernel reports where. The table is shared by processes sharing memory (rfork RFMEM),
// so it is locked, though not while a handler runs: a handler may call exits.
#include "libc.h"

namespace {

constexpr int Nexit = 32;
Lock exitlock;
void (*onexit[Nexit])();

}  // namespace

extern "C" {

int atexit(void (*f)())
{
    lock(&exitlock);
    int r = 0;
    for (auto& slot : onexit)
        if (slot == nullptr) {
            slot = f;
            r = 1;
            break;
        }
    unlock(&exitlock);
    return r;
}

void atexitdont(void (*f)())
{
    lock(&exitlock);
    for (auto& slot : onexit)
        if (slot == f)
            slot = nullptr;
    unlock(&exitlock);
}

void exits(const char* msg)
{
    // Clear each slot before the call, so a handler that calls exits does not loop.
    for (int i = Nexit - 1; i >= 0; i--) {
        lock(&exitlock);
        auto* f = onexit[i];
        onexit[i] = nullptr;
        unlock(&exitlock);
        if (f)
            f();
    }
    _exits(msg);
}

void abort()
{
    __builtin_trap();
}

}  // extern "C"
