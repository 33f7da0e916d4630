// User segments: demand-zero fill, copy on write, user-range validation and fork.
// Every user pointer a system call receives goes through valid_user_range() first,
// which both checks that the range lies in the caller's segments with the right access
// and faults the pages in (breaking copy-on-write sharing for writes), so the kernel
// then touches them without faulting.
// Fork shares every present page: read-only pages simply, writable ones read-only in
// both processes until one writes, when fault() gives the writer its own copy (or, if
// nobody else maps the frame any more, just makes it writable again).
#include "port/segment.h"
#include "mem.h"
#include "port/lib.h"
#include "port/page.h"
#include "port/proc.h"

namespace {

bool copy_on_write(Proc* p, uint32_t page, uint32_t old)
{
    if (page_refs(old) == 1)
        return mmu_map(p->pd, page, old, true);
    uint32_t pa = page_alloc();
    if (!pa)
        return false;
    memcpy(kaddr(pa), kaddr(old), mem::BY2PG);
    if (!mmu_map(p->pd, page, pa, true)) {
        page_free(pa);
        return false;
    }
    page_free(old);
    return true;
}

}  // namespace

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
        if (uint32_t old = mmu_lookup(p->pd, page)) {
            if (!write || mmu_writable(p->pd, page))
                return true;
            return copy_on_write(p, page, old);
        }
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
    bool ok = true;
    for (int i = 0; i < NSEG && ok; i++) {
        const Segment& s = from->seg[i];
        to->seg[i] = s;
        for (uint32_t va = s.base; va < s.top && ok; va += mem::BY2PG) {
            uint32_t pa = mmu_lookup(from->pd, va);
            if (!pa)
                continue;
            ok = mmu_map(to->pd, va, pa, false);
            if (!ok)
                break;
            page_ref(pa);
            if (s.writable)  // no TLB flush per page: one for the whole fork, below
                mmu_map_noflush(from->pd, va, pa, false);
        }
    }
    mmu_flush();
    return ok;
}
