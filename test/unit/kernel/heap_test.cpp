// Kernel heap allocator on the host: alignment, accounting, coalescing back to one block,
// growth by adjacent regions, detection of bad frees and overwritten headers through the
// corruption hook, and a randomized run against a shadow model of live blocks.
#include "port/heap.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

struct Report {
    std::string why;
    void* p;
};
std::vector<Report> reports;

void record(const char* why, void* p) { reports.push_back({why, p}); }

// A 64-byte-aligned arena for a test, freed on scope exit.
struct Arena {
    uint8_t* base;
    size_t size;

    explicit Arena(size_t n) : base(static_cast<uint8_t*>(std::aligned_alloc(64, n))), size(n) {}
    ~Arena() { std::free(base); }
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
};

// A fresh heap over one arena, with the hook recording into `reports`.
struct Fixture {
    Arena arena;
    Heap heap{record};

    explicit Fixture(size_t n) : arena(n)
    {
        reports.clear();
        REQUIRE(heap.add_region(arena.base, n) == nullptr);
    }
};

bool aligned(const void* p) { return reinterpret_cast<uintptr_t>(p) % Heap::ALIGN == 0; }

bool inside(const Arena& a, const void* p, size_t n)
{
    auto x = static_cast<const uint8_t*>(p);
    return x >= a.base && x + n <= a.base + a.size;
}

}  // namespace

TEST_CASE("heap: alloc and free account for every byte", "[heap]")
{
    Fixture f(64 * 1024);
    CHECK(f.heap.bytes_free() == 64 * 1024);
    CHECK(f.heap.bytes_in_use() == 0);

    void* p = f.heap.alloc(1);
    REQUIRE(p);
    CHECK(aligned(p));
    CHECK(inside(f.arena, p, 1));
    CHECK(f.heap.bytes_in_use() == Heap::HDRSIZE + Heap::ALIGN);
    CHECK(f.heap.bytes_free() + f.heap.bytes_in_use() == 64 * 1024);

    void* q = f.heap.alloc(100);
    REQUIRE(q);
    CHECK(f.heap.bytes_in_use() == 2 * Heap::HDRSIZE + Heap::ALIGN + 112);
    f.heap.free(p);
    f.heap.free(q);
    f.heap.free(nullptr);
    CHECK(f.heap.bytes_in_use() == 0);
    CHECK(f.heap.bytes_free() == 64 * 1024);
    CHECK(reports.empty());
}

TEST_CASE("heap: results are aligned, distinct and usable", "[heap]")
{
    Fixture f(256 * 1024);
    std::vector<std::pair<uint8_t*, size_t>> blocks;
    for (size_t n = 0; n < 300; n++) {
        auto p = static_cast<uint8_t*>(f.heap.alloc(n));
        REQUIRE(p);
        CHECK(aligned(p));
        REQUIRE(inside(f.arena, p, n));
        std::memset(p, int(n), n);
        blocks.push_back({p, n});
    }
    for (auto [p, n] : blocks)
        for (size_t i = 0; i < n; i++)
            REQUIRE(p[i] == uint8_t(n));
    CHECK(blocks[0].first != blocks[1].first);  // alloc(0) is a real block
    for (auto [p, n] : blocks)
        f.heap.free(p);
    CHECK(f.heap.bytes_free() == 256 * 1024);
    CHECK(reports.empty());
}

TEST_CASE("heap: a misaligned region is trimmed", "[heap]")
{
    Arena a(4096);
    Heap h(record);
    reports.clear();
    REQUIRE(h.add_region(a.base + 3, 1000) == nullptr);
    CHECK(h.bytes_free() == 1003 / 16 * 16 - 16);
    void* p = h.alloc(10);
    REQUIRE(p);
    CHECK(aligned(p));
    CHECK(h.add_region(a.base + 2000, 20) == std::string("heap: region too small"));
    CHECK(h.add_region(a.base + 500, 1000) == std::string("heap: region overlaps"));
    CHECK(h.add_region(a.base + 2000, SIZE_MAX) == std::string("heap: region too small"));
}

TEST_CASE("heap: freeing everything coalesces into one block", "[heap]")
{
    const size_t size = 128 * 1024;
    Fixture f(size);
    std::mt19937 rng(5);
    for (int order = 0; order < 4; order++) {
        std::vector<void*> ps;
        while (void* p = f.heap.alloc(1 + rng() % 700))
            ps.push_back(p);
        REQUIRE(ps.size() > 100);
        switch (order) {
        case 0: break;
        case 1: std::reverse(ps.begin(), ps.end()); break;
        case 2: std::stable_partition(ps.begin(), ps.end(), [&](void*) { return rng() % 2; }); break;
        case 3: std::shuffle(ps.begin(), ps.end(), rng); break;
        }
        for (void* p : ps)
            f.heap.free(p);
        CHECK(f.heap.bytes_free() == size);
        CHECK(f.heap.bytes_in_use() == 0);
        void* all = f.heap.alloc(size - Heap::HDRSIZE);
        REQUIRE(all == f.arena.base + Heap::HDRSIZE);
        CHECK(f.heap.alloc(0) == nullptr);
        f.heap.free(all);
    }
    CHECK(reports.empty());
}

TEST_CASE("heap: out of memory returns nullptr", "[heap]")
{
    Fixture f(4096);
    CHECK(f.heap.alloc(4096) == nullptr);
    CHECK(f.heap.alloc(SIZE_MAX) == nullptr);
    CHECK(f.heap.alloc(SIZE_MAX - Heap::HDRSIZE) == nullptr);
    CHECK(f.heap.alloc(4096 - Heap::HDRSIZE) != nullptr);
    CHECK(f.heap.alloc(0) == nullptr);
    CHECK(reports.empty());
}

TEST_CASE("heap: grows by adjacent regions that merge", "[heap]")
{
    Arena a(64 * 1024);
    Heap h(record);
    reports.clear();
    const size_t chunk = 16 * 1024;
    REQUIRE(h.add_region(a.base + chunk, chunk) == nullptr);
    void* p = h.alloc(chunk - Heap::HDRSIZE);
    REQUIRE(p);
    CHECK(h.alloc(1) == nullptr);

    // The kernel's retry: add a region and try again.
    REQUIRE(h.add_region(a.base + 2 * chunk, chunk) == nullptr);  // above
    REQUIRE(h.add_region(a.base, chunk) == nullptr);  // below
    void* q = h.alloc(1);
    REQUIRE(q);
    h.free(p);
    h.free(q);
    CHECK(h.bytes_free() == 3 * chunk);
    void* all = h.alloc(3 * chunk - Heap::HDRSIZE);
    CHECK(all == a.base + Heap::HDRSIZE);
    h.free(all);

    // Filling the gap between two regions merges all three.
    Heap g(record);
    REQUIRE(g.add_region(a.base, chunk) == nullptr);
    REQUIRE(g.add_region(a.base + 2 * chunk, chunk) == nullptr);
    CHECK(g.alloc(2 * chunk) == nullptr);
    REQUIRE(g.add_region(a.base + chunk, chunk) == nullptr);
    CHECK(g.alloc(3 * chunk - Heap::HDRSIZE) == a.base + Heap::HDRSIZE);
    CHECK(reports.empty());
}

TEST_CASE("heap: region table limit", "[heap]")
{
    Arena a(Heap::MAXREGIONS * 2 * 256 + 256);
    Heap h(record);
    for (size_t i = 0; i < Heap::MAXREGIONS; i++)
        REQUIRE(h.add_region(a.base + i * 512, 256) == nullptr);
    CHECK(h.add_region(a.base + Heap::MAXREGIONS * 512, 256) == std::string("heap: too many regions"));
    // An adjacent region still fits: it merges.
    CHECK(h.add_region(a.base + 256, 256) == nullptr);
    CHECK(h.bytes_free() == (Heap::MAXREGIONS + 1) * 256);
}

TEST_CASE("heap: double free is reported, not obeyed", "[heap]")
{
    Fixture f(8192);
    void* p = f.heap.alloc(64);
    void* q = f.heap.alloc(64);
    void* r = f.heap.alloc(64);
    f.heap.free(p);
    size_t free_before = f.heap.bytes_free();
    f.heap.free(p);
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].why == "heap: double free");
    CHECK(reports[0].p == p);
    CHECK(f.heap.bytes_free() == free_before);

    // Still seen once the block has been merged into its neighbour.
    f.heap.free(q);
    f.heap.free(q);
    REQUIRE(reports.size() == 2);
    CHECK(reports[1].why == "heap: double free");
    f.heap.free(r);
    CHECK(f.heap.bytes_free() == 8192);
    CHECK(f.heap.alloc(8192 - Heap::HDRSIZE) != nullptr);
    CHECK(reports.size() == 2);
}

TEST_CASE("heap: bad pointers are reported", "[heap]")
{
    Fixture f(8192);
    auto p = static_cast<uint8_t*>(f.heap.alloc(256));
    std::memset(p, 0, 256);
    int on_stack;
    const size_t in_use = f.heap.bytes_in_use();
    for (void* bad : {static_cast<void*>(p + 1), static_cast<void*>(p + 32), static_cast<void*>(&on_stack),
                      static_cast<void*>(f.arena.base), static_cast<void*>(f.arena.base + 8192)}) {
        reports.clear();
        f.heap.free(bad);
        REQUIRE(reports.size() == 1);
        CHECK(reports[0].why == "heap: free of bad pointer");
        CHECK(reports[0].p == bad);
    }
    CHECK(f.heap.bytes_in_use() == in_use);
    reports.clear();
    f.heap.free(p);
    CHECK(reports.empty());
}

TEST_CASE("heap: overwritten headers are reported", "[heap]")
{
    Fixture f(8192);
    SECTION("a block's own header")
    {
        auto p = static_cast<uint8_t*>(f.heap.alloc(32));
        *(p - Heap::HDRSIZE + 8) ^= 0x40;  // in the size field
        f.heap.free(p);
        REQUIRE(reports.size() == 1);
        CHECK(reports[0].why == "heap: corrupt block header");
    }
    SECTION("an overrun into the next block")
    {
        auto p = static_cast<uint8_t*>(f.heap.alloc(32));
        auto q = static_cast<uint8_t*>(f.heap.alloc(32));
        REQUIRE(q == p + 32 + Heap::HDRSIZE);
        std::memset(p, 0xAA, 40);
        f.heap.free(p);
        REQUIRE(reports.size() == 1);
        CHECK(reports[0].why == "heap: block overrun");
        CHECK(reports[0].p == p);
    }
    SECTION("a write after free into the free list")
    {
        auto p = static_cast<uint8_t*>(f.heap.alloc(32));
        void* q = f.heap.alloc(32);
        f.heap.free(p);
        std::memset(p - Heap::HDRSIZE, 0, 4);
        CHECK(f.heap.alloc(16) == nullptr);
        REQUIRE(reports.size() == 1);
        CHECK(reports[0].why == "heap: free list corrupt");
        (void)q;
    }
    SECTION("without a hook the bad free is simply ignored")
    {
        Heap h;
        Arena a(4096);
        REQUIRE(h.add_region(a.base, 4096) == nullptr);
        void* p = h.alloc(10);
        h.free(p);
        h.free(p);
        CHECK(h.bytes_free() == 4096);
    }
}

TEST_CASE("heap: randomized against a shadow model", "[heap]")
{
    const size_t size = 1 << 20;
    Fixture f(size);
    std::mt19937 rng(11);
    struct Live {
        size_t n;
        uint8_t fill;
    };
    std::map<uint8_t*, Live> live;  // by address, to check that blocks never overlap

    auto check_fill = [](uint8_t* p, const Live& l) {
        for (size_t i = 0; i < l.n; i++)
            if (p[i] != l.fill)
                return false;
        return true;
    };

    for (int step = 0; step < 40000; step++) {
        bool do_alloc = live.empty() || rng() % 100 < 55;
        if (do_alloc) {
            size_t n = rng() % 8 == 0 ? rng() % 20000 : rng() % 300;
            auto p = static_cast<uint8_t*>(f.heap.alloc(n));
            if (!p)
                continue;
            REQUIRE(aligned(p));
            REQUIRE(inside(f.arena, p, n));
            auto next = live.lower_bound(p);
            if (next != live.end())
                REQUIRE(p + n <= next->first);
            if (next != live.begin()) {
                auto prev = std::prev(next);
                REQUIRE(prev->first + prev->second.n <= p);
            }
            Live l{n, uint8_t(rng())};
            std::memset(p, l.fill, n);
            live[p] = l;
        } else {
            auto it = live.begin();
            std::advance(it, rng() % live.size());
            REQUIRE(check_fill(it->first, it->second));
            f.heap.free(it->first);
            live.erase(it);
        }
        REQUIRE(f.heap.bytes_free() + f.heap.bytes_in_use() == size);
        size_t least = 0;
        for (auto& [p, l] : live)
            least += Heap::HDRSIZE + (l.n == 0 ? Heap::ALIGN : (l.n + Heap::ALIGN - 1) / Heap::ALIGN * Heap::ALIGN);
        REQUIRE(f.heap.bytes_in_use() >= least);
        REQUIRE(f.heap.bytes_in_use() <= least + live.size() * (Heap::HDRSIZE + Heap::ALIGN));
    }
    for (auto& [p, l] : live) {
        REQUIRE(check_fill(p, l));
        f.heap.free(p);
    }
    CHECK(f.heap.bytes_free() == size);
    CHECK(f.heap.alloc(size - Heap::HDRSIZE) != nullptr);
    CHECK(reports.empty());
}
