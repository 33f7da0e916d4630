// Physical page allocator (see page.h). Only frames below the direct-map limit are
// accepted, so every frame has a kernel virtual address.
#include "port/page.h"
#include "mem.h"
#include "port/lib.h"
#include "port/portfns.h"

namespace {
uint32_t free_head;  // physical address of the first free frame, 0 if none
uint32_t nfree, ntotal;
}

void page_add_range(uint32_t pa, uint32_t end)
{
    pa = mem::pgroundup(pa);
    end = mem::pgrounddown(min(end, mem::DIRECTMAX));
    for (; pa < end && pa != 0; pa += mem::BY2PG) {
        page_free(pa);
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
    }
    splx(s);
    if (pa)
        memset(kaddr(pa), 0, mem::BY2PG);
    return pa;
}

void page_free(uint32_t pa)
{
    int s = splhi();
    *kaddr<uint32_t>(pa) = free_head;
    free_head = pa;
    nfree++;
    splx(s);
}

uint32_t page_free_count() { return nfree; }
uint32_t page_total_count() { return ntotal; }
