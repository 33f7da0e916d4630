// Kernel heap allocation logic. Every block, used or free, starts with a Block header that
// carries a magic and a checksum of (magic, size, address). Invariants: the free list is
// sorted by address and holds no two touching blocks (free() coalesces both neighbours);
// blocks tile each region exactly, so the block after a used block is a live header; a
// freed header keeps its FREE magic even once merged into a neighbour, so freeing it again
// is seen as a double free. Every free() is checked before the heap trusts the pointer;
// anything wrong goes to the corruption hook and the memory is left untouched.
// No locks here: the kernel's wrapper serialises calls.
#include "port/heap.h"

namespace {

constexpr uint32_t USED = 0x55534544u;  // "USED"
constexpr uint32_t FREE = 0x46524545u;  // "FREE"
constexpr size_t MINBLOCK = Heap::HDRSIZE + Heap::ALIGN;  // smallest block worth splitting off

uintptr_t addr(const void* p) { return reinterpret_cast<uintptr_t>(p); }

}  // namespace

uint32_t Heap::checksum(const Block* b)
{
    return b->magic ^ uint32_t(b->size) ^ uint32_t(addr(b)) ^ 0x9E3779B9u;
}

void Heap::stamp(Block* b, uint32_t magic, size_t size)
{
    b->magic = magic;
    b->size = size;
    b->check = checksum(b);
}

bool Heap::sound(const Block* b, uint32_t magic)
{
    return b->magic == magic && b->check == checksum(b);
}

const Heap::Region* Heap::region_of(uintptr_t a) const
{
    for (size_t i = 0; i < m_nregions; i++)
        if (a >= m_regions[i].start && a < m_regions[i].end)
            return &m_regions[i];
    return nullptr;
}

void Heap::corrupt(const char* why, void* p) const
{
    if (m_hook)
        m_hook(why, p);
}

const char* Heap::add_region(void* base, size_t len)
{
    uintptr_t start = (addr(base) + ALIGN - 1) & ~uintptr_t(ALIGN - 1);
    uintptr_t end = (addr(base) + len) & ~uintptr_t(ALIGN - 1);
    if (addr(base) + len < addr(base) || end <= start || end - start < MINBLOCK)
        return "heap: region too small";
    for (size_t i = 0; i < m_nregions; i++)
        if (start < m_regions[i].end && m_regions[i].start < end)
            return "heap: region overlaps";

    Region* below = nullptr;
    Region* above = nullptr;
    for (size_t i = 0; i < m_nregions; i++) {
        if (m_regions[i].end == start)
            below = &m_regions[i];
        if (m_regions[i].start == end)
            above = &m_regions[i];
    }
    if (below && above) {
        below->end = above->end;
        *above = m_regions[--m_nregions];
    } else if (below) {
        below->end = end;
    } else if (above) {
        above->start = start;
    } else if (m_nregions == MAXREGIONS) {
        return "heap: too many regions";
    } else {
        m_regions[m_nregions++] = {start, end};
    }

    auto b = reinterpret_cast<Block*>(start);
    stamp(b, FREE, end - start);
    if (!insert_free(b))
        return "heap: region overlaps";
    m_free_bytes += end - start;
    return nullptr;
}

[[gnu::hot]] void* Heap::alloc(size_t n)
{
    if (n > SIZE_MAX - HDRSIZE - ALIGN)
        return nullptr;
    size_t need = HDRSIZE + (n == 0 ? ALIGN : (n + ALIGN - 1) & ~(ALIGN - 1));

    Block** link = &m_free;
    for (Block* b = m_free; b; link = &b->next, b = b->next) {
        if (!sound(b, FREE)) {
            corrupt("heap: free list corrupt", b);
            return nullptr;
        }
        if (b->size < need)
            continue;
        if (b->size - need >= MINBLOCK) {
            auto rest = reinterpret_cast<Block*>(addr(b) + need);
            stamp(rest, FREE, b->size - need);
            rest->next = b->next;
            *link = rest;
        } else {
            need = b->size;
            *link = b->next;
        }
        stamp(b, USED, need);
        b->next = nullptr;
        m_free_bytes -= need;
        m_used_bytes += need;
        return reinterpret_cast<uint8_t*>(b) + HDRSIZE;
    }
    return nullptr;
}

[[gnu::hot]] void Heap::free(void* p)
{
    if (!p)
        return;
    uintptr_t a = addr(p);
    const Region* r = region_of(a);
    if (!r || a % ALIGN != 0 || a - r->start < HDRSIZE) {
        corrupt("heap: free of bad pointer", p);
        return;
    }
    auto b = reinterpret_cast<Block*>(a - HDRSIZE);
    if (sound(b, FREE)) {
        corrupt("heap: double free", p);
        return;
    }
    if (b->magic != USED) {
        corrupt("heap: free of bad pointer", p);
        return;
    }
    if (!sound(b, USED) || b->size < MINBLOCK || b->size > r->end - addr(b)) {
        corrupt("heap: corrupt block header", p);
        return;
    }
    uintptr_t after = addr(b) + b->size;
    if (after < r->end) {
        auto nb = reinterpret_cast<const Block*>(after);
        if (!sound(nb, USED) && !sound(nb, FREE)) {
            corrupt("heap: block overrun", p);
            return;
        }
    }
    size_t size = b->size;
    stamp(b, FREE, size);
    if (insert_free(b)) {
        m_used_bytes -= size;
        m_free_bytes += size;
    }
}

// Links b into the address-ordered free list, merging it with touching neighbours.
[[gnu::hot]] bool Heap::insert_free(Block* b)
{
    Block* prev = nullptr;
    Block* next = m_free;
    while (next && addr(next) < addr(b)) {
        prev = next;
        next = next->next;
    }
    if ((prev && addr(prev) + prev->size > addr(b)) || (next && addr(b) + b->size > addr(next))) {
        // Only a forged or damaged header gets here; keep the list as it was.
        corrupt("heap: freed block overlaps free block", reinterpret_cast<uint8_t*>(b) + HDRSIZE);
        return false;
    }
    b->next = next;
    if (next && addr(b) + b->size == addr(next)) {
        b->next = next->next;
        stamp(b, FREE, b->size + next->size);
    }
    if (prev && addr(prev) + prev->size == addr(b)) {
        prev->next = b->next;
        stamp(prev, FREE, prev->size + b->size);
    } else if (prev) {
        prev->next = b;
    } else {
        m_free = b;
    }
    return true;
}
