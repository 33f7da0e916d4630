// The kernel heap's allocator: a first-fit, address-ordered free list over memory regions
// the owner hands in. It is plain logic with no kernel includes and no locking, so the
// host tests compile it directly; the kernel wraps it with its lock and grows it by
// adding a region when alloc() returns nullptr.
#pragma once
#include <cstddef>
#include <cstdint>

class Heap {
public:
    // Called with a "heap: ..." message and the offending pointer when a free is invalid
    // or a block header was overwritten. If it returns, the heap leaves that memory alone.
    using CorruptionHook = void (*)(const char* why, void* p);

    static constexpr size_t ALIGN = 16;  // of every pointer alloc() returns
    static constexpr size_t MAXREGIONS = 32;  // after adjacent regions are merged

private:
    struct alignas(ALIGN) Block {
        uint32_t magic;  // USED or FREE
        uint32_t check;  // magic ^ size ^ address: a canary a stray write rarely keeps right
        size_t size;  // of the whole block, header included; a multiple of ALIGN
        Block* next;  // next free block by address; free blocks only
    };

public:
    static constexpr size_t HDRSIZE = sizeof(Block);  // bytes each allocation costs on top

    constexpr explicit Heap(CorruptionHook hook = nullptr) : m_hook(hook) {}
    Heap(const Heap&) = delete;
    Heap& operator=(const Heap&) = delete;

    // Gives [base, base+len) to the heap (trimmed to ALIGN). Regions may touch earlier ones
    // (a grown heap) but not overlap them. Returns nullptr or a "heap: ..." message.
    [[nodiscard]] const char* add_region(void* base, size_t len);

    void* alloc(size_t n);  // nullptr when no free block fits; n == 0 is a valid request
    void free(void* p);  // p == nullptr is ignored

    size_t bytes_free() const { return m_free_bytes; }  // headers included
    size_t bytes_in_use() const { return m_used_bytes; }  // headers included

private:
    struct Region {
        uintptr_t start, end;
    };

    static uint32_t checksum(const Block* b);
    static void stamp(Block* b, uint32_t magic, size_t size);
    static bool sound(const Block* b, uint32_t magic);
    const Region* region_of(uintptr_t a) const;
    bool insert_free(Block* b);
    void corrupt(const char* why, void* p) const;

    CorruptionHook m_hook;
    Block* m_free = nullptr;  // free list, ascending addresses, never two adjacent blocks
    Region m_regions[MAXREGIONS] = {};
    size_t m_nregions = 0;
    size_t m_free_bytes = 0;
    size_t m_used_bytes = 0;
};
