// The frame of a check program (see checkrun.h).
#include "checkrun.h"

char errbuf[ERRMAX];

namespace {
int failures;
}

const char* err()
{
    rerrstr(errbuf, sizeof errbuf);
    return errbuf;
}

void check(const char* name, const char* (*fn)(), int flags)
{
    int pid = rfork(RFPROC | flags);
    if (pid < 0)
        sysfatal("rfork: %r");
    if (pid == 0)
        exits(fn());
    Waitmsg* w = wait();
    if (!w)
        sysfatal("wait: %r");
    const char* colon = strchr(w->msg, ':');  // "PROG PID: why"
    if (w->msg[0] == 0)
        print("ok %s\n", name);
    else {
        print("FAIL %s:%s\n", name, colon ? colon + 1 : w->msg);
        failures++;
    }
    free(w);
}

void checks_done()
{
    print("%s: %d failed\n", argv0, failures);
    exits(failures ? "failures" : nullptr);
}
