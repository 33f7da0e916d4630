// Physical page allocator (see page.h). Only frames below the direct-map limit are
// accepted, so every frame has a kernel virtual address. Reference counts live in one
// array indexed by frame number, allocated from the kernel heap at boot.
#include "port/page.h"
#include "mem.h"
#include "port/lib.h"
#include "port/portfns.h"

namespace {
uint32_t free_head;  // physical address of the first free frame, 0 if none
uint32_t nfree, ntotal;
uint16_t* refs;  // per frame
uint32_t nframes;

void push_free(uint32_t pa)
{
    *kaddr<uint32_t>(pa) = free_head;
    free_head = pa;
    nfree++;
}
}  // namespace

void page_init(uint32_t maxpa)
{
    nframes = min(maxpa, mem::DIRECTMAX) >> mem::PGSHIFT;
    refs = new uint16_t[nframes];
    if (!refs)
        panic("page_init: no memory for %u frame counts", nframes);
    memset(refs, 0, nframes * sizeof *refs);
}

void page_add_range(uint32_t pa, uint32_t end)
{
    pa = mem::pgroundup(pa);
    end = mem::pgrounddown(min(end, nframes << mem::PGSHIFT));
    for (; pa < end && pa != 0; pa += mem::BY2PG) {
        push_free(pa);
        ntotal++;
    }
}

uint32_t page_alloc()
{
    int s = splhi();
    uint32_t pa = free_head;
    if (pa) {
        free_head = *kaddr<uint32_t>(pa);
        nfree--;
        refs[pa >> mem::PGSHIFT] = 1;
    }
    splx(s);
    if (pa)
        memset(kaddr(pa), 0, mem::BY2PG);
    return pa;
}

void page_ref(uint32_t pa)
{
    int s = splhi();
    uint16_t& r = refs[pa >> mem::PGSHIFT];
    if (r == 0 || r == UINT16_MAX)
        panic("page_ref: frame 0x%x has %u references", pa, r);
    r++;
    splx(s);
}

void page_free(uint32_t pa)
{
    int s = splhi();
    uint16_t& r = refs[pa >> mem::PGSHIFT];
    if (r == 0)
        panic("page_free: frame 0x%x is already free", pa);
    if (--r == 0)
        push_free(pa);
    splx(s);
}

uint32_t page_refs(uint32_t pa) { return refs[pa >> mem::PGSHIFT]; }
uint32_t page_free_count() { return nfree; }
uint32_t page_total_count() { return ntotal; }
