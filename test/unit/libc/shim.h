// The host tests' door into libc code compiled for the host. libc.h cannot share a
// translation unit with the host's C headers, which declare read, remove, strchr and
// others differently, so tests include this header instead and shim.cpp, which sees only
// libc.h, forwards to libc. Only plain types and lib9's Dir cross it. libc's ctime,
// asctime, gmtime and localtime are renamed in the host build (they would displace the
// host C library's, which Catch2 may call), so the shim's names avoid those four.
#pragma once
#include "lib9/dir.h"

namespace shim {

// A Tm without its zone, which is always GMT.
struct Fields {
    int sec, min, hour, mday, mon, year, wday, yday;
};

Fields gmtime_fields(long t);
Fields localtime_fields(long t);
long tm2sec(const Fields& f);
const char* asctime_text(const Fields& f);
const char* ctime_text(long t);

long dirread(int fd, Dir** d);
long dirreadall(int fd, Dir** d);

char* quotestrdup(const char* s);
char* unquotestrdup(const char* s);

// smprint(fmt, x) for one double (print's %e %f %g); free the result.
char* print_double(const char* fmt, double x);
// libc's strtod; *used is how many bytes of s it read.
double parse_double(const char* s, int* used);

// The error string libc last set with werrstr, read without clearing it.
const char* lasterror();
void clearerror();

}  // namespace shim
