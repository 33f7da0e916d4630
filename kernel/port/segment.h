// User address-space segments. A segment is a range of user virtual addresses; pages
// inside it are mapped on demand (zero-filled) by fault(), except text and data, which
// exec fills from the program file. Pages outside every segment are never mapped.
#pragma once
#include <cstdint>

enum SegType : uint8_t { STEXT, SDATA, SBSS, SSTACK, NSEG };

struct Segment {
    uint32_t base = 0;  // page-aligned
    uint32_t top = 0;  // page-aligned, exclusive; base == top means unused
    bool writable = false;
    bool contains(uint32_t va) const { return va >= base && va < top; }
};

struct Proc;

// Demand-fill the page at va if va lies in one of p's segments and the access is allowed.
// False means a real fault.
bool fault(Proc* p, uint32_t va, bool write);
bool valid_user_range(Proc* p, uint32_t va, uint32_t len, bool write);  // faults pages in
void seg_free_all(Proc* p);  // unmap every user page (exec, exit)
bool seg_copy(Proc* from, Proc* to);  // fork: copy segments and present pages
