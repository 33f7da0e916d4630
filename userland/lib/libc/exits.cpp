// Ending a process: exits runs the functions registered with atexit (C++ static
// destructors among them, since user code is built with -fno-use-cxa-atexit), last
// registered first, then makes the EXITS system call. abort faults instead, so the
// kernel reports where.
#include "libc.h"

namespace {

constexpr int Nexit = 32;
void (*onexit[Nexit])();

}  // namespace

extern "C" {

int atexit(void (*f)())
{
    for (auto& slot : onexit)
        if (slot == nullptr) {
            slot = f;
            return 1;
        }
    return 0;
}

void atexitdont(void (*f)())
{
    for (auto& slot : onexit)
        if (slot == f)
            slot = nullptr;
}

void exits(const char* msg)
{
    // Clear each slot before the call, so a handler that calls exits does not loop.
    for (int i = Nexit - 1; i >= 0; i--)
        if (auto* f = onexit[i]) {
            onexit[i] = nullptr;
            f();
        }
    _exits(msg);
}

void abort()
{
    __builtin_trap();
}

}  // extern "C"
