// exec's ELF parser against well-formed and hostile headers.
#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <vector>
#include "lib9/error.h"
#include "port/elf.h"

namespace {

constexpr uint32_t LO = 0x1000, HI = 0xBF7FF000;

struct Seg {
    uint32_t type, offset, vaddr, filesz, memsz, flags;
};

void put32(std::vector<uint8_t>& b, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[at + i] = uint8_t(v >> (8 * i));
}

void put16(std::vector<uint8_t>& b, size_t at, uint16_t v)
{
    b[at] = uint8_t(v);
    b[at + 1] = uint8_t(v >> 8);
}

// An ELF32 file with the given program headers; file size covers every segment.
std::vector<uint8_t> make_elf(uint32_t entry, const std::vector<Seg>& segs, uint16_t machine = 3, uint16_t type = 2)
{
    size_t size = 52 + 32 * segs.size();
    for (const Seg& s : segs)
        size = std::max<size_t>(size, size_t(s.offset) + s.filesz);
    std::vector<uint8_t> b(size);
    const uint8_t ident[] = { 0x7F, 'E', 'L', 'F', 1, 1, 1 };
    memcpy(b.data(), ident, sizeof ident);
    put16(b, 16, type);
    put16(b, 18, machine);
    put32(b, 20, 1);
    put32(b, 24, entry);
    put32(b, 28, 52);
    put16(b, 40, 52);
    put16(b, 42, 32);
    put16(b, 44, uint16_t(segs.size()));
    for (size_t i = 0; i < segs.size(); i++) {
        size_t at = 52 + 32 * i;
        const Seg& s = segs[i];
        put32(b, at, s.type);
        put32(b, at + 4, s.offset);
        put32(b, at + 8, s.vaddr);
        put32(b, at + 12, s.vaddr);
        put32(b, at + 16, s.filesz);
        put32(b, at + 20, s.memsz);
        put32(b, at + 24, s.flags);
    }
    return b;
}

const std::vector<Seg> good_segs = {
    { 1, 0x0000, 0x1000, 0x200, 0x200, 4 },  // headers + rodata, R
    { 1, 0x1000, 0x2000, 0x300, 0x300, 5 },  // text, R X
    { 1, 0x2000, 0x3000, 0x100, 0x5000, 6 },  // data + bss, R W
};

const char* parse(const std::vector<uint8_t>& b, ElfImage* img)
{
    return elf_parse(b.data(), b.size(), LO, HI, img);
}

}  // namespace

TEST_CASE("elf: a static program with rodata, text and data/bss loads", "[elf]")
{
    ElfImage img;
    auto b = make_elf(0x2010, good_segs);
    REQUIRE(parse(b, &img) == nullptr);
    CHECK(img.entry == 0x2010);
    REQUIRE(img.nload == 3);
    CHECK(img.load[2].writable);
    CHECK(img.load[2].memsz == 0x5000);
    CHECK(img.load[1].executable);
}

TEST_CASE("elf: malformed headers are refused with exec header invalid", "[elf]")
{
    ElfImage img;
    auto good = make_elf(0x2010, good_segs);
    SECTION("bad magic") { auto b = good; b[1] = 'X'; CHECK(parse(b, &img) == Ebadexec); }
    SECTION("64-bit class") { auto b = good; b[4] = 2; CHECK(parse(b, &img) == Ebadexec); }
    SECTION("big endian") { auto b = good; b[5] = 2; CHECK(parse(b, &img) == Ebadexec); }
    SECTION("wrong machine") { CHECK(parse(make_elf(0x2010, good_segs, 62), &img) == Ebadexec); }
    SECTION("shared object") { CHECK(parse(make_elf(0x2010, good_segs, 3, 3), &img) == Ebadexec); }
    SECTION("entry outside text") { CHECK(parse(make_elf(0x3010, good_segs), &img) == Ebadexec); }
    SECTION("entry in non-executable load") { CHECK(parse(make_elf(0x1010, good_segs), &img) == Ebadexec); }
    SECTION("interpreter") {
        auto segs = good_segs;
        segs.push_back({ 3, 0x100, 0, 10, 10, 4 });
        CHECK(parse(make_elf(0x2010, segs), &img) == Ebadexec);
    }
    SECTION("TLS") {
        auto segs = good_segs;
        segs.push_back({ 7, 0x100, 0x4000, 4, 4, 4 });
        CHECK(parse(make_elf(0x2010, segs), &img) == Ebadexec);
    }
    SECTION("writable and executable") {
        auto segs = good_segs;
        segs[2].flags = 7;
        CHECK(parse(make_elf(0x2010, segs), &img) == Ebadexec);
    }
    SECTION("kernel address") {
        auto segs = good_segs;
        segs[2].vaddr = 0xC0000000;
        CHECK(parse(make_elf(0x2010, segs), &img) == Ebadexec);
    }
    SECTION("wrapping size") {
        auto segs = good_segs;
        segs[2].memsz = 0xFFFFF000;
        CHECK(parse(make_elf(0x2010, segs), &img) == Ebadexec);
    }
    SECTION("page zero") {
        auto segs = good_segs;
        segs[0].vaddr = 0;
        CHECK(parse(make_elf(0x2010, segs), &img) == Ebadexec);
    }
    SECTION("file size past the end of the file") {
        auto b = good;
        b.resize(0x2050);
        CHECK(parse(b, &img) == Ebadexec);
    }
    SECTION("filesz larger than memsz") {
        auto segs = good_segs;
        segs[1].memsz = 0x100;
        CHECK(parse(make_elf(0x2010, segs), &img) == Ebadexec);
    }
    SECTION("overlapping loads") {
        auto segs = good_segs;
        segs[2].vaddr = 0x2000;
        segs[2].offset = 0x2000;
        CHECK(parse(make_elf(0x2010, segs), &img) == Ebadexec);
    }
    SECTION("text after data") {
        std::vector<Seg> segs = { good_segs[2], good_segs[1] };
        segs[1].vaddr = 0x9000;
        segs[1].offset = 0x1000;
        CHECK(parse(make_elf(0x9010, segs), &img) == Ebadexec);
    }
    SECTION("offset not congruent to vaddr") {
        auto segs = good_segs;
        segs[1].offset = 0x1010;
        CHECK(parse(make_elf(0x2010, segs), &img) == Ebadexec);
    }
    SECTION("program headers past the end") {
        auto b = good;
        put16(b, 44, 60);
        b.resize(52 + 32 * 3);
        CHECK(parse(b, &img) == Ebadexec);
    }
    SECTION("no loads") { CHECK(parse(make_elf(0x2010, {}), &img) == Ebadexec); }
}

TEST_CASE("elf: every truncation and random corruption is handled", "[elf]")
{
    auto good = make_elf(0x2010, good_segs);
    ElfImage img;
    for (size_t n = 0; n < 52 + 32 * 3; n++)
        CHECK(elf_parse(good.data(), n, LO, HI, &img) == Ebadexec);
    std::mt19937 rng(1234);
    for (int i = 0; i < 20000; i++) {
        auto b = good;
        int flips = 1 + rng() % 4;
        for (int k = 0; k < flips; k++)
            b[rng() % (52 + 32 * 3)] ^= uint8_t(1 + rng() % 255);
        if (elf_parse(b.data(), b.size(), LO, HI, &img) == nullptr) {
            // Whatever was accepted must still satisfy the loader's promises.
            REQUIRE(img.nload >= 1);
            for (int l = 0; l < img.nload; l++) {
                const ElfLoad& s = img.load[l];
                REQUIRE(s.vaddr >= LO);
                REQUIRE(uint64_t(s.vaddr) + s.memsz <= HI);
                REQUIRE(uint64_t(s.offset) + s.filesz <= b.size());
                REQUIRE(s.filesz <= s.memsz);
                REQUIRE(!(s.writable && s.executable));
            }
        }
    }
}
