// Reading a union directory: the entries of each member in union order.
#pragma once
#include "port/chan.h"
#include "port/result.h"

// Read from the open union directory c (c->umh set) where it stands; 0 at the end.
Result<long> union_read(Chan* c, void* buf, long n);
// Start again from the first member (a seek to 0).
void union_rewind(Chan* c);
