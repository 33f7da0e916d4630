// The frame of a check program: each check is a function run in a child (with its own
// name space, environment and fds unless flags say otherwise), whose exit message is the
// failure, or empty for success. Prints "ok NAME" or "FAIL NAME: why" per check and
// finally "PROG: N failed" (test/qemu/checks.py reads these lines).
#pragma once
#include "libc.h"

void check(const char* name, const char* (*fn)(), int flags = RFNAMEG | RFENVG | RFFDG);
[[noreturn]] void checks_done();  // prints the count of failures and exits with it
const char* err();  // the last error string, in a buffer a check may also format into
extern char errbuf[ERRMAX];
