// sysbad: hands system calls bad user addresses and prints one line per call,
//   call case: error
// with the error string the call returned (or "succeeded" if it wrongly did), then exits
// cleanly. Cases: nil, a kernel address, an unmapped address, a range that wraps past the
// top of the address space, a range or string that runs off the end of mapped memory,
// and argv arrays that are bad in the same ways. The kernel must answer each with an
// error: never crash, never kill the caller.
#include "libc.h"

namespace {

char* const Kernel = (char*)0xC0000000;
char* const Unmapped = (char*)0x30000000;
char* const Wrap = (char*)0xFFFFF000;
constexpr long Wrapn = 0x2000;
constexpr uintptr Pagesize = 0x1000;

// A program that exists in the test bootpaq, for exec cases whose name is good.
const char* const Goodprog = "/boot/tests/exitwith";

void report(const char* what, long r)
{
    if (r < 0)
        print("%s: %r\n", what);
    else
        print("%s: succeeded (%ld)\n", what, r);
}

// Grows the data segment by one page that ends exactly at the break, so the next page
// is unmapped, and returns that page's end.
char* mapped_end()
{
    uintptr top = ((uintptr)sbrk(0) + Pagesize - 1) & ~(Pagesize - 1);
    if (brk((void*)(top + Pagesize)) < 0)
        sysfatal("brk: %r");
    return (char*)(top + Pagesize);
}

void try_open(const char* what, const char* name)
{
    int fd = open(name, OREAD);
    report(what, fd);
    if (fd >= 0)
        close(fd);
}

void opens(char* end)
{
    try_open("open nil", nullptr);
    try_open("open kernel", Kernel);
    try_open("open unmapped", Unmapped);
    try_open("open unterminated", end - 8);
}

void reads(char* end)
{
    int fd = open("#c/swap", OREAD);
    if (fd < 0)
        sysfatal("can't open #c/swap: %r");
    report("pread nil", pread(fd, nullptr, 16, 0));
    report("pread kernel", pread(fd, Kernel, 16, 0));
    report("pread unmapped", pread(fd, Unmapped, 16, 0));
    report("pread wrap", pread(fd, Wrap, Wrapn, 0));
    report("pread straddle", pread(fd, end - 8, 16, 0));
    close(fd);
}

void writes(char* end)
{
    report("pwrite nil", pwrite(1, nullptr, 16, -1));
    report("pwrite kernel", pwrite(1, Kernel, 16, -1));
    report("pwrite unmapped", pwrite(1, Unmapped, 16, -1));
    report("pwrite wrap", pwrite(1, Wrap, Wrapn, -1));
    report("pwrite straddle", pwrite(1, end - 8, 16, -1));
}

void execs(char* end)
{
    const char* argv[] = {"exitwith", nullptr};
    report("exec nil", exec(nullptr, argv));
    report("exec kernel", exec(Kernel, argv));
    report("exec unterminated", exec(end - 8, argv));
    report("exec argv kernel", exec(Goodprog, (const char* const*)Kernel));
    const char* badarg[] = {"exitwith", Unmapped, nullptr};
    report("exec arg unmapped", exec(Goodprog, badarg));
    // An argv array of good pointers with no nil before the end of mapped memory.
    auto** open_ended = (const char**)(end - 4 * sizeof(char*));
    for (int i = 0; i < 4; i++)
        open_ended[i] = "exitwith";
    report("exec argv unterminated", exec(Goodprog, open_ended));
}

// The address must be refused before a wait message is taken, so the child is still
// there to be reaped at the end.
void awaits()
{
    int pid = rfork(RFPROC | RFFDG);
    if (pid < 0)
        sysfatal("fork: %r");
    if (pid == 0)
        exits(nullptr);
    report("await nil", await(nullptr, 128));
    report("await kernel", await(Kernel, 128));
    report("await wrap", await(Wrap, Wrapn));
    char buf[128];
    if (await(buf, sizeof buf - 1) < 0)
        print("await: %r\n");
    else
        print("await: reaped\n");
}

void errstrs(char* end)
{
    report("errstr nil", errstr(nullptr, ERRMAX));
    report("errstr kernel", errstr(Kernel, ERRMAX));
    report("errstr wrap", errstr(Wrap, Wrapn));
    report("errstr straddle", errstr(end - 8, ERRMAX));
}

}  // namespace

int main(int, char**)
{
    argv0 = "sysbad";
    char* end = mapped_end();
    memset(end - Pagesize, 'a', Pagesize);
    opens(end);
    reads(end);
    writes(end);
    execs(end);
    awaits();
    errstrs(end);
    exits(nullptr);
}
