// The error string beside the errstr system call, which swaps the caller's buffer with the
// process's error string: rerrstr reads it without clearing it (swap out, copy, swap
// back), werrstr sets it from a format.
#include "libc.h"

extern "C" {

void rerrstr(char* buf, uint n)
{
    char tmp[ERRMAX];
    tmp[0] = 0;
    errstr(tmp, sizeof tmp);
    utfecpy(buf, buf + n, tmp);
    errstr(tmp, sizeof tmp);
}

void werrstr(const char* fmt, ...)
{
    char buf[ERRMAX];
    va_list args;
    va_start(args, fmt);
    vsnprint(buf, sizeof buf, fmt, args);
    va_end(args);
    errstr(buf, sizeof buf);
}

}  // extern "C"
