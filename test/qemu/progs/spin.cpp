// spin: shows preemption. A child burns the CPU in a loop that makes no system call,
// while the parent sleeps 20 ms and then reports. On a preemptive kernel "parent woke"
// comes out first; without preemption the child's loop would run to the end before
// the parent could wake.
#include "libc.h"

int main(int argc, char** argv)
{
    long loops = argc > 1 ? atol(argv[1]) : 100000000;
    switch (fork()) {
    case -1:
        sysfatal("fork: %r");
    case 0:
        for (long i = 0; i < loops; i++)
            asm volatile("" : : : "memory");  // keep the loop: no system call, just CPU
        print("child done\n");
        exits(nullptr);
    }
    sleep(20);
    print("parent woke\n");
    Waitmsg* w = wait();
    if (!w)
        sysfatal("wait: %r");
    free(w);
    exits(nullptr);
}
