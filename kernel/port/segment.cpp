// User segments: demand-zero fill, user-range validation and fork copying.
// Every user pointer a system call receives goes through valid_user_range() first,
// which both checks that the range lies in the caller's segments with the right access
// and faults the pages in, so the kernel then touches them without faulting.
#include "port/segment.h"
#include "mem.h"
#include "port/lib.h"
#include "port/page.h"
#include "port/proc.h"

bool fault(Proc* p, uint32_t va, bool write)
{
    if (!p || p->kp || va >= mem::KZERO)
        return false;
    for (const Segment& s : p->seg) {
        if (!s.contains(va))
            continue;
        if (write && !s.writable)
            return false;
        uint32_t page = mem::pgrounddown(va);
        if (mmu_lookup(p->pd, page))
            return !write || s.writable;  // present: a write to it already passed the check
        uint32_t pa = page_alloc();
        if (!pa)
            return false;
        if (!mmu_map(p->pd, page, pa, s.writable)) {
            page_free(pa);
            return false;
        }
        return true;
    }
    return false;
}

bool valid_user_range(Proc* p, uint32_t va, uint32_t len, bool write)
{
    if (len == 0)
        return true;
    if (va + len < va || va + len > mem::KZERO)
        return false;
    for (uint32_t page = mem::pgrounddown(va); page < va + len && page >= mem::pgrounddown(va); page += mem::BY2PG)
        if (!fault(p, page, write))
            return false;
    return true;
}

void seg_free_all(Proc* p)
{
    for (Segment& s : p->seg) {
        for (uint32_t va = s.base; va < s.top; va += mem::BY2PG)
            mmu_unmap(p->pd, va);
        s = Segment {};
    }
}

bool seg_copy(Proc* from, Proc* to)
{
    for (int i = 0; i < NSEG; i++) {
        const Segment& s = from->seg[i];
        to->seg[i] = s;
        for (uint32_t va = s.base; va < s.top; va += mem::BY2PG) {
            uint32_t src = mmu_lookup(from->pd, va);
            if (!src)
                continue;
            uint32_t dst = page_alloc();
            if (!dst)
                return false;
            memcpy(kaddr(dst), kaddr(src), mem::BY2PG);
            if (!mmu_map(to->pd, va, dst, s.writable)) {
                page_free(dst);
                return false;
            }
        }
    }
    return true;
}
