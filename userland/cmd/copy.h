// What cp and mv share: copying an open file's bytes, and telling whether two Dirs
// describe the same file.
#pragma once

#include "libc.h"

// Copies fd from to fd to until end of file. On failure prints "argv0: error reading
// (or writing) NAME: ERR" and returns false.
bool copy_bytes(int from, int to, const char* fromname, const char* toname);

// Same device, same instance, same qid: the same file, whatever the names.
bool same_file(const Dir* a, const Dir* b);
