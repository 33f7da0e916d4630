// auth/none [cmd [arg ...]]: runs cmd (default rc) as the user none, in a name space and
// environment of its own (a copy of this one), as Plan 9's auth/none.
#include "libc.h"

int main(int argc, char** argv)
{
    argv0 = "none";
    if (procsetuser("none") < 0)
        sysfatal("can't become none: %r");
    if (rfork(RFNAMEG | RFENVG) < 0)
        sysfatal("rfork: %r");
    static const char* const rc[] = { "rc", nullptr };
    const char* const* args = argc > 1 ? argv + 1 : rc;
    execbin(args);
    sysfatal("exec %s: %r", args[0]);
}
