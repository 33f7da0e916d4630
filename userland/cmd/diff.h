// diff(1): the command (diff.cpp: options, files and directories, ed-style and context
// output) and the longest common subsequence of two files' lines (difflcs.cpp).
#pragma once

#include "libc.h"

// The file pair being compared: lines[1..n] are NUL-terminated (the newline removed)
// and id[1..n] number the lines so that equal ids mean equal lines under -b or -w.
struct Text {
    const char* name;
    char** lines;
    int* id;
    int n;
};

// J[i] (0 < i <= a.n) is the line of b matched with line i of a, or 0; J[0] = 0 and
// J[a.n + 1] = b.n + 1. The matching is a longest common subsequence, found as Plan 9's
// diff finds it (Hunt and McIlroy's candidate lists after pruning the common prefix and
// suffix), so that among equally long ones the same is chosen.
int* lcs(const Text& a, const Text& b);
