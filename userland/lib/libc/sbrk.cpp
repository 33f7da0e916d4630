// The break: the end of the data segment, which starts at `end` (the end of bss, from
// user.ld) and only moves up. The kernel rounds the segment to whole pages itself, so the
// break is kept to 8-byte alignment only.
#include "libc.h"

extern "C" {

extern char end[];
int brk_(void* addr);  // the BRK system call

}  // extern "C"

namespace {

constexpr uintptr Round = 8;
char* bloc = end;  // the current break

uintptr round_up(uintptr a)
{
    return (a + Round - 1) & ~(Round - 1);
}

}  // namespace

extern "C" {

int brk(void* addr)
{
    uintptr a = round_up((uintptr)addr);
    if (brk_((void*)a) < 0)
        return -1;
    bloc = (char*)a;
    return 0;
}

void* sbrk(ulong n)
{
    uintptr a = round_up((uintptr)bloc);
    if (n > ~(uintptr)0 - a) {
        werrstr("%s", Enovmem);
        return (void*)-1;
    }
    if (brk_((void*)(a + n)) < 0)
        return (void*)-1;
    bloc = (char*)(a + n);
    return (void*)a;
}

}  // extern "C"
