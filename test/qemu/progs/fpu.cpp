// fpu: two processes compute with the x87 unit at the same time, sleeping between
// steps so the kernel switches between them mid-computation; each must still get exactly
// the result it gets alone. Shows that FPU state is saved and restored per process.
#include "libc.h"

namespace {

// A sum whose every partial result depends on the unit's whole register state.
double work(double seed, int steps)
{
    double acc = seed;
    for (int i = 1; i <= steps; i++) {
        acc = acc * 1.0000001 + seed / i;
        if (i % 50 == 0)
            sleep(1);
    }
    return acc;
}

}  // namespace

int main()
{
    double alone1 = work(1.5, 200), alone2 = work(-7.25, 200);
    int pid = fork();
    if (pid < 0)
        sysfatal("fork: %r");
    double got = pid == 0 ? work(-7.25, 200) : work(1.5, 200);
    double want = pid == 0 ? alone2 : alone1;
    if (got != want) {
        print("fpu: %s got a different result\n", pid == 0 ? "child" : "parent");
        exits("fpu mismatch");
    }
    if (pid == 0)
        exits(nullptr);
    Waitmsg* w = wait();
    if (!w || w->msg[0])
        sysfatal("child: %s", w ? w->msg : "lost");
    print("fpu ok\n");
    exits(nullptr);
}
