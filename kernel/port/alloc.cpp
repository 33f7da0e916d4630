// The kernel heap: operator new/delete on top of Heap (heap.cpp), plus the few C++
// runtime hooks a freestanding kernel must supply. The heap starts as one contiguous
// region reserved at boot; when it runs dry, small requests are served from single
// pages added as new regions.
#include <new>
#include "mem.h"
#include "port/alloc.h"
#include "port/heap.h"
#include "port/lib.h"
#include "port/page.h"
#include "port/portfns.h"

namespace {

void heap_corrupt(const char* why, void* p)
{
    panic("%s at %p", why, p);
}

Heap heap(heap_corrupt);

[[gnu::hot]] void* kmalloc(size_t n)
{
    int s = splhi();
    void* p = heap.alloc(n);
    if (!p && n + Heap::HDRSIZE <= mem::BY2PG) {
        uint32_t pa = page_alloc();
        if (pa && heap.add_region(kaddr(pa), mem::BY2PG) == nullptr)
            p = heap.alloc(n);
        else if (pa)
            page_free(pa);
    }
    splx(s);
    return p;
}

[[gnu::hot]] void kfree(void* p)
{
    int s = splhi();
    heap.free(p);
    splx(s);
}

}  // namespace

void heap_init(uint32_t pa, uint32_t len)
{
    if (const char* err = heap.add_region(kaddr(pa), len))
        panic("heap_init: %s", err);
}

uint32_t heap_bytes_in_use() { return heap.bytes_in_use(); }
uint32_t heap_bytes_total() { return heap.bytes_in_use() + heap.bytes_free(); }

void* operator new(size_t n) { return kmalloc(n); }
void* operator new[](size_t n) { return kmalloc(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept { return kmalloc(n); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return kmalloc(n); }
void operator delete(void* p) noexcept { kfree(p); }
void operator delete[](void* p) noexcept { kfree(p); }
void operator delete(void* p, size_t) noexcept { kfree(p); }
void operator delete[](void* p, size_t) noexcept { kfree(p); }

extern "C" void __cxa_pure_virtual()
{
    panic("pure virtual function called");
}

extern "C" void (*init_array_start[])();
extern "C" void (*init_array_end[])();

void run_constructors()
{
    for (auto* f = init_array_start; f != init_array_end; f++)
        (*f)();
}
