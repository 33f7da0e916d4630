// User segments (see segment.h).
// A segment's frames are kept in chunks of 1024 slots (4 MiB of address space each),
// made when first needed, so a bss that may grow to gigabytes costs nothing until used.
// Each slot holds one frame reference. Page tables hold none: they only cache what the
// slots say, and when a slot changes under processes that share the segment (a copy on
// write, brk shrinking, segfree) their cached mappings of it are dropped (seg_flush).
// Invariant: a page is mapped writable only if its segment is writable and the frame
// has no other reference, so a write to a shared frame always faults and copies.
#include "port/segment.h"
#include "lib9/sys.h"
#include "mem.h"
#include "port/lib.h"
#include "port/page.h"
#include "port/proc.h"

namespace {

// A break that would need more pages than are free, less this many kept for the kernel and
// other processes, is refused: malloc then fails with an error, where the page faults of
// memory that cannot be had would kill the process.
constexpr uint32_t BRKRESERVE = 256;
constexpr uint32_t CHUNKPAGES = 1024;
constexpr uint32_t CHUNKSPAN = CHUNKPAGES * mem::BY2PG;

uint32_t nchunks(const Segment* s) { return (s->maxtop - s->base + CHUNKSPAN - 1) / CHUNKSPAN; }

// Every process using s forgets its mappings of [lo, hi).
void seg_flush(Segment* s, uint32_t lo, uint32_t hi)
{
    for (int i = 0; i < NPROC; i++) {
        Proc* p = proc_slot(i);
        if (!p || !p->pd)
            continue;
        for (Segment* ps : p->seg) {
            if (ps != s)
                continue;
            for (uint32_t va = lo; va < hi; va += mem::BY2PG)
                mmu_unmap(p->pd, va);
            break;
        }
    }
}

// Drop the frames of [lo, hi) from s.
void seg_drop(Segment* s, uint32_t lo, uint32_t hi)
{
    for (uint32_t va = lo; va < hi; va += mem::BY2PG) {
        uint32_t* slot = seg_slot(s, va, false);
        if (slot && *slot) {
            page_free(*slot);
            *slot = 0;
        }
    }
    seg_flush(s, lo, hi);
}

void seg_protect(Proc* p, Segment* s)
{
    for (uint32_t va = s->base; va < s->top; va += mem::BY2PG)
        if (uint32_t pa = mmu_lookup(p->pd, va))
            mmu_map_noflush(p->pd, va, pa, false);
}

bool overlaps(const Proc* p, uint32_t lo, uint32_t hi, const Segment* except)
{
    for (const Segment* s : p->seg)
        if (s && s != except && lo < s->top && s->base < hi)
            return true;
    return false;
}

}  // namespace

Segment* seg_new(SegKind kind, uint32_t base, uint32_t top, uint32_t maxtop, bool writable)
{
    auto* s = new Segment { 1, kind, writable, base, top, maxtop, nullptr };
    if (!s)
        return nullptr;
    uint32_t n = nchunks(s);
    s->chunks = new uint32_t*[n ? n : 1];
    if (!s->chunks) {
        delete s;
        return nullptr;
    }
    memset(s->chunks, 0, (n ? n : 1) * sizeof(uint32_t*));
    return s;
}

void seg_release(Segment* s)
{
    if (--s->ref > 0)
        return;
    for (uint32_t c = 0; c < nchunks(s); c++) {
        if (!s->chunks[c])
            continue;
        for (uint32_t i = 0; i < CHUNKPAGES; i++)
            if (s->chunks[c][i])
                page_free(s->chunks[c][i]);
        delete[] s->chunks[c];
    }
    delete[] s->chunks;
    delete s;
}

uint32_t* seg_slot(Segment* s, uint32_t va, bool alloc)
{
    if (va < s->base || va >= s->maxtop)
        return nullptr;
    uint32_t page = (va - s->base) / mem::BY2PG;
    uint32_t*& chunk = s->chunks[page / CHUNKPAGES];
    if (!chunk) {
        if (!alloc)
            return nullptr;
        chunk = new uint32_t[CHUNKPAGES];
        if (!chunk)
            return nullptr;
        memset(chunk, 0, CHUNKPAGES * sizeof(uint32_t));
    }
    return &chunk[page % CHUNKPAGES];
}

bool fault(Proc* p, uint32_t va, bool write)
{
    if (!p || p->kp || va >= mem::KZERO)
        return false;
    for (Segment* s : p->seg) {
        if (!s || !s->contains(va))
            continue;
        if (write && !s->writable)
            return false;
        uint32_t page = mem::pgrounddown(va);
        uint32_t* slot = seg_slot(s, page, true);
        if (!slot)
            return false;
        if (!*slot && !(*slot = page_alloc()))
            return false;
        if (write && page_refs(*slot) > 1) {  // copy on write
            uint32_t copy = page_alloc();
            if (!copy)
                return false;
            memcpy(kaddr(copy), kaddr(*slot), mem::BY2PG);
            page_free(*slot);
            *slot = copy;
            if (s->ref > 1)
                seg_flush(s, page, page + mem::BY2PG);
        }
        return mmu_map(p->pd, page, *slot, s->writable && page_refs(*slot) == 1);
    }
    return false;
}

[[gnu::hot]] bool valid_user_range(Proc* p, uint32_t va, uint32_t len, bool write)
{
    if (len == 0)
        return true;
    if (va + len < va || va + len > mem::KZERO)
        return false;
    // Pages already mapped as needed (the common case) cost one walk of the page tables
    // and no segment search.
    uint32_t end = va + len;
    for (uint32_t page = mmu_unmapped(p->pd, mem::pgrounddown(va), end, write); page < end;
         page = mmu_unmapped(p->pd, page + mem::BY2PG, end, write))
        if (!fault(p, page, write))
            return false;
    return true;
}

void seg_free_all(Proc* p)
{
    for (Segment*& s : p->seg) {
        if (s)
            seg_release(s);
        s = nullptr;
    }
}

bool seg_fork(Proc* from, Proc* to, bool rfmem)
{
    for (int i = 0; i < NSEG; i++) {
        Segment* s = from->seg[i];
        if (!s)
            continue;
        bool share = s->kind == SegKind::Text || s->kind == SegKind::Shared
            || (rfmem && (s->kind == SegKind::Data || s->kind == SegKind::Bss));
        if (share) {
            s->ref++;
            to->seg[i] = s;
            continue;
        }
        Segment* n = seg_new(s->kind, s->base, s->top, s->maxtop, s->writable);
        if (!n)
            return false;
        to->seg[i] = n;
        for (uint32_t c = 0; c < nchunks(s); c++) {
            if (!s->chunks[c])
                continue;
            n->chunks[c] = new uint32_t[CHUNKPAGES];
            if (!n->chunks[c])
                return false;
            memcpy(n->chunks[c], s->chunks[c], CHUNKPAGES * sizeof(uint32_t));
            for (uint32_t k = 0; k < CHUNKPAGES; k++)
                if (n->chunks[c][k])
                    page_ref(n->chunks[c][k]);
        }
        // The frames are shared now: nobody may keep writing them in place. When the
        // parent alone uses the segment, write-protecting its mappings is enough.
        if (s->writable && s->ref == 1)
            seg_protect(from, s);
        else if (s->writable)
            seg_flush(s, s->base, s->top);
    }
    mmu_flush();
    return true;
}

Result<void> seg_brk(Proc* p, uint32_t addr)
{
    Segment* bss = p->seg[SBSS];
    const Segment* below = p->seg[SDATA] ? p->seg[SDATA] : p->seg[STEXT];
    if (!bss || !below)
        return Enovmem;
    if (addr < bss->base) {  // the break may still lie in the data's last page, as at start
        if (addr < below->base)
            return Enovmem;
        addr = bss->base;
    }
    uint32_t top = mem::pgroundup(addr);
    if (top < addr || top > bss->maxtop || overlaps(p, bss->base, top, bss))
        return Enovmem;
    if (top > bss->top && (top - bss->top) / mem::BY2PG + BRKRESERVE > page_free_count())
        return Enovmem;
    if (top < bss->top)
        seg_drop(bss, top, bss->top);
    bss->top = top;
    return {};
}

Result<uint32_t> seg_attach(Proc* p, const char* cls, uint32_t va, uint32_t len)
{
    if (strcmp(cls, "shared") != 0 && strcmp(cls, "memory") != 0)
        return Ebadarg;
    if (len == 0 || len > (256u << 20))
        return Ebadarg;
    int slot = -1;
    for (int i = SEXTRA; i < NSEG && slot < 0; i++)
        if (!p->seg[i])
            slot = i;
    if (slot < 0)
        return Enovmem;
    len = mem::pgroundup(len);
    uint32_t lo = UTZERO, hi = p->seg[SSTACK] ? p->seg[SSTACK]->base : USTKTOP - USTKSIZE;
    if (va == 0) {  // the highest hole below the stack that fits, leaving bss room to grow
        for (va = mem::pgrounddown(hi - len); va >= lo && va < hi; va -= mem::BY2PG * 256)
            if (!overlaps(p, va, va + len, nullptr) && (!p->seg[SBSS] || va > p->seg[SBSS]->top + (16u << 20)))
                break;
        if (va < lo || va >= hi)
            return Enovmem;
    } else {
        va = mem::pgrounddown(va);
        if (va < lo || va + len > hi || va + len < va || overlaps(p, va, va + len, nullptr))
            return Enovmem;
    }
    Segment* s = seg_new(SegKind::Shared, va, va + len, va + len, true);
    if (!s)
        return Enomem;
    p->seg[slot] = s;
    if (p->seg[SBSS] && p->seg[SBSS]->maxtop > va && p->seg[SBSS]->base <= va)
        p->seg[SBSS]->maxtop = va;  // bss may no longer grow into it
    return va;
}

Result<void> seg_detach(Proc* p, uint32_t addr)
{
    for (int i = SEXTRA; i < NSEG; i++) {
        Segment* s = p->seg[i];
        if (!s || !s->contains(addr))
            continue;
        for (uint32_t va = s->base; va < s->top; va += mem::BY2PG)
            mmu_unmap(p->pd, va);
        seg_release(s);
        p->seg[i] = nullptr;
        return {};
    }
    return Ebadarg;
}

Result<void> seg_zero(Proc* p, uint32_t va, uint32_t len)
{
    uint32_t lo = mem::pgroundup(va), hi = mem::pgrounddown(va + len);
    if (va + len < va)
        return Ebadarg;
    for (Segment* s : p->seg) {
        if (!s || !s->writable || lo < s->base || hi > s->top)
            continue;
        if (lo < hi)
            seg_drop(s, lo, hi);
        return {};
    }
    return Ebadarg;
}

uint32_t seg_bytes(const Proc* p)
{
    uint32_t n = 0;
    for (const Segment* s : p->seg)
        if (s)
            n += s->top - s->base;
    return n;
}
