// forkmany N: forks N children that exit at once, each with a status naming its number,
// and collects every wait message, checking each pid is one it made and each status is
// the one that child chose. Prints "forkmany: N children" on success. Used to show that
// exited processes are reclaimed (memory comes back to the same level).
// Children are made in batches and collected before the next batch: like Plan 9, the
// kernel keeps at most 128 uncollected wait messages per process.
#include "libc.h"

namespace {

constexpr int Batch = 100;

void batch(int first, int n)
{
    int pids[Batch];
    for (int i = 0; i < n; i++) {
        pids[i] = fork();
        if (pids[i] < 0)
            sysfatal("fork %d: %r", first + i);
        if (pids[i] == 0) {
            char status[32];
            snprint(status, sizeof status, "child %d", first + i);
            exits(status);
        }
    }
    for (int got = 0; got < n; got++) {
        Waitmsg* w = wait();
        if (!w)
            sysfatal("wait after %d: %r", first + got);
        int i = 0;
        while (i < n && pids[i] != w->pid)
            i++;
        if (i == n)
            sysfatal("wait: unknown pid %d", w->pid);
        char want[64];
        snprint(want, sizeof want, "forkmany %d: child %d", w->pid, first + i);
        if (strcmp(w->msg, want) != 0)
            sysfatal("wait: status '%s', want '%s'", w->msg, want);
        pids[i] = 0;
        free(w);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    int total = argc > 1 ? atoi(argv[1]) : 100;
    for (int done = 0; done < total; done += Batch)
        batch(done, total - done < Batch ? total - done : Batch);
    if (wait() != nullptr)
        sysfatal("wait: a message too many");
    print("forkmany: %d children\n", total);
    exits(nullptr);
}
