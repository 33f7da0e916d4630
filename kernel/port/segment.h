// User address-space segments, Plan 9's way: a Segment owns the frames of a range of user
// addresses and may be shared by several processes (text always; data and bss after
// rfork RFMEM; segattach'd shared memory across every fork). A process's page tables
// only cache the segment's frames and are filled on fault. After a fork without RFMEM,
// parent and child get separate segments that share frames copy-on-write.
#pragma once
#include <cstdint>
#include "port/result.h"

enum SegSlot : uint8_t { STEXT, SDATA, SBSS, SSTACK, SEXTRA, NSEG = SEXTRA + 4 };
enum class SegKind : uint8_t { Text, Data, Bss, Stack, Shared };

struct Segment {
    int ref = 1;  // processes using it
    SegKind kind;
    bool writable;
    uint32_t base;  // page-aligned
    uint32_t top;  // page-aligned, exclusive; grows and shrinks for bss (brk)
    uint32_t maxtop;  // how far top may grow
    uint32_t** chunks;  // frames, 1024 pages per chunk, chunks made on demand
    bool contains(uint32_t va) const { return va >= base && va < top; }
};

struct Proc;

Segment* seg_new(SegKind kind, uint32_t base, uint32_t top, uint32_t maxtop, bool writable);
void seg_release(Segment* s);  // the last reference frees its frames
// The frame slot for va (0 = no frame yet); nullptr if alloc is false and there is none.
uint32_t* seg_slot(Segment* s, uint32_t va, bool alloc);

// Demand-fill the page at va if it lies in one of p's segments and the access is allowed.
// False means a real fault.
bool fault(Proc* p, uint32_t va, bool write);
bool valid_user_range(Proc* p, uint32_t va, uint32_t len, bool write);  // faults pages in
void seg_free_all(Proc* p);  // drop every segment (exec, exit)
bool seg_fork(Proc* from, Proc* to, bool rfmem);  // fork: share or copy-on-write
Result<void> seg_brk(Proc* p, uint32_t addr);
Result<uint32_t> seg_attach(Proc* p, const char* cls, uint32_t va, uint32_t len);
Result<void> seg_detach(Proc* p, uint32_t addr);
Result<void> seg_zero(Proc* p, uint32_t va, uint32_t len);  // segfree: drop the frames
uint32_t seg_bytes(const Proc* p);  // user memory in use, for /proc/N/status
