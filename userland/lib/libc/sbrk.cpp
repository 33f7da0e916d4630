// The break: the end of the data segment, which starts at `end` (the end of bss, from
// user.ld) and only moves up. The kernel rounds the segment to whole pages itself, so the
// break is kept to 8-byte alignment only. Processes sharing memory (rfork RFMEM) share
// the break too: a lock keeps its moves whole (malloc holds its own lock first).
#include "libc.h"

extern "C" {

extern char end[];
int brk_(void* addr);  // the BRK system call

}  // extern "C"

namespace {

constexpr uintptr Round = 8;
Lock brklock;
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
    lock(&brklock);
    int r = brk_((void*)a);
    if (r == 0)
        bloc = (char*)a;
    unlock(&brklock);
    return r < 0 ? -1 : 0;
}

void* sbrk(ulong n)
{
    lock(&brklock);
    uintptr a = round_up((uintptr)bloc);
    void* p = (void*)-1;
    if (n > ~(uintptr)0 - a)
        werrstr("%s", Enovmem);
    else if (brk_((void*)(a + n)) == 0) {
        bloc = (char*)(a + n);
        p = (void*)a;
    }
    unlock(&brklock);
    return p;
}

}  // extern "C"
