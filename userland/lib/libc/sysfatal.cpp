// sysfatal: the standard way out of a program on an error it cannot handle. It prints
// "argv0: message" on fd 2 and exits with the message as the process's status.
#include "libc.h"

extern "C" {

const char* argv0;

void sysfatal(const char* fmt, ...)
{
    char buf[256];
    va_list args;
    va_start(args, fmt);
    vseprint(buf, buf + sizeof buf, fmt, args);
    va_end(args);
    if (argv0 != nullptr)
        fprint(2, "%s: %s\n", argv0, buf);
    else
        fprint(2, "%s\n", buf);
    exits(buf);
}

}  // extern "C"
