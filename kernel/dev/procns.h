// Writing /proc/N/ns: rewriting another process's name space (see procns.cpp).
#pragma once
#include "port/proc.h"
#include "port/result.h"

// Whether the current process may open p's ns for writing.
Result<void> procns_may_write(const Proc* p);
// Carry out the command in text[0..n) (nscmd.h) in p's name space.
Result<void> procns_write(Proc* p, const void* text, long n);
