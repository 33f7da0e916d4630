// bootpaq writer -> reader round trips, and the reader's refusal of every damaged archive:
// each byte flipped, each truncation, and structural damage forged under a valid SHA-1.
// Archives are opened from exact-size heap copies so ASan catches any read past the end.
#include "libpaq/paq.h"
#include "mkpaq/paqwriter.h"
#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

std::vector<uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

// Entry indices follow creation order: each missing directory is made just before its child.
enum : uint32_t {
    Eboot = 1, Elib, Elibns, Endb, Elocal, Etest, Efault, Etestns, Eempty, Ex, Eab, Nentries
};

std::vector<uint8_t> sample(uint32_t mtime = 1234567890)
{
    PaqWriter w;
    REQUIRE(w.add_file("boot", bytes("\x7f" "ELF boot program"), 0555) == "");
    REQUIRE(w.add_file("lib/namespace", bytes("bind #c /dev\n"), 0444) == "");
    REQUIRE(w.add_file("lib/ndb/local", bytes("sys=ant ip=10.0.0.2\n"), 0444) == "");
    REQUIRE(w.add_file("test/fault", bytes("fault"), 0555) == "");
    REQUIRE(w.add_file("test/namespace", bytes("other"), 0444) == "");
    REQUIRE(w.add_file("empty", {}, 0444) == "");
    REQUIRE(w.add_file("x", bytes("1"), 0400) == "");
    REQUIRE(w.add_file("ab", bytes("22"), 0444) == "");
    std::vector<uint8_t> a;
    REQUIRE(w.build(mtime, &a) == "");
    return a;
}

// Opens a private exact-size copy; the copy must outlive the Paq.
struct Opened {
    std::unique_ptr<uint8_t[]> buf;
    Paq paq;
    const char* err;

    explicit Opened(const std::vector<uint8_t>& a, size_t len)
        : buf(std::make_unique<uint8_t[]>(len ? len : 1))
    {
        std::memcpy(buf.get(), a.data(), std::min(len, a.size()));
        err = paq.open(buf.get(), len);
    }
    explicit Opened(const std::vector<uint8_t>& a) : Opened(a, a.size()) {}
};

std::string error_of(const std::vector<uint8_t>& a)
{
    Opened o(a);
    return o.err ? o.err : "ok";
}

// Everything the archive says, apart from mtime, touching every byte the reader exposes.
std::string dump(const Paq& p)
{
    std::string s;
    for (int i = 0; i < p.count(); i++) {
        s += std::to_string(p.parent(i)) + " " + p.name(i) + " " + std::to_string(p.mode(i)) + " ";
        if (!p.is_dir(i))
            s.append(reinterpret_cast<const char*>(p.data(i)), p.length(i));
        s += "\n";
    }
    return s;
}

uint32_t get32(const std::vector<uint8_t>& a, size_t off)
{
    return uint32_t(a[off]) | uint32_t(a[off + 1]) << 8 | uint32_t(a[off + 2]) << 16 | uint32_t(a[off + 3]) << 24;
}

void put32(std::vector<uint8_t>& a, size_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        a[off + i] = uint8_t(v >> (8 * i));
}

enum Field : size_t { PARENT = 0, NAME = 4, MODE = 8, DATA = 12, LENGTH = 16 };

size_t at(uint32_t entry, Field f) { return Paq::HDRSIZE + entry * Paq::ENTSIZE + f; }

// Sets one entry field and re-seals, so only the structure checks can object.
std::string forge(uint32_t entry, Field f, uint32_t v)
{
    auto a = sample();
    put32(a, at(entry, f), v);
    PaqWriter::seal(a);
    return error_of(a);
}

// Overwrites bytes of an entry's name and re-seals.
std::string rename_entry(uint32_t entry, const std::string& to)
{
    auto a = sample();
    std::memcpy(a.data() + get32(a, at(entry, NAME)), to.data(), to.size());
    PaqWriter::seal(a);
    return error_of(a);
}

std::string bad(uint32_t entry, const std::string& why)
{
    return "paq: bad entry " + std::to_string(entry) + ": " + why;
}

}  // namespace

TEST_CASE("paq: round trip of a tree with subdirectories", "[paq]")
{
    Opened o(sample());
    REQUIRE(o.err == nullptr);
    const Paq& p = o.paq;
    CHECK(p.count() == int(Nentries));
    CHECK(p.mtime() == 1234567890);
    CHECK(p.is_dir(0));
    CHECK(std::string(p.name(0)).empty());
    CHECK(p.parent(0) == 0);

    CHECK(p.lookup(0, "boot") == int(Eboot));
    CHECK(p.mode(Eboot) == 0555);
    CHECK(p.length(Eboot) == 17);
    CHECK(std::memcmp(p.data(Eboot), "\x7f" "ELF boot program", 17) == 0);

    int lib = p.lookup(0, "lib");
    REQUIRE(lib == int(Elib));
    CHECK(p.mode(lib) == (Paq::DMDIR | 0555));
    CHECK(p.length(lib) == 0);
    int ndb = p.lookup(lib, "ndb");
    REQUIRE(ndb >= 0);
    int local = p.lookup(ndb, "local");
    REQUIRE(local >= 0);
    CHECK(p.parent(local) == ndb);
    CHECK(std::string(reinterpret_cast<const char*>(p.data(local)), p.length(local)) == "sys=ant ip=10.0.0.2\n");

    int test = p.lookup(0, "test");
    REQUIRE(test >= 0);
    CHECK(p.lookup(test, "namespace") == int(Etestns));
    CHECK(p.lookup(lib, "namespace") == int(Elibns));
    CHECK(p.lookup(test, "local") == -1);
    CHECK(p.lookup(0, "") == -1);
    CHECK(p.lookup(0, "lib/namespace") == -1);
    CHECK(p.lookup(p.lookup(0, "empty"), "x") == -1);
    CHECK(p.length(Eempty) == 0);
    CHECK(p.mode(Ex) == 0400);

    // Children in entry (proto) order; the root is never its own child.
    std::vector<std::string> names;
    for (int c = p.next_child(0, -1); c >= 0; c = p.next_child(0, c))
        names.push_back(p.name(c));
    CHECK(names == std::vector<std::string>{"boot", "lib", "test", "empty", "x", "ab"});
    CHECK(p.next_child(test, -1) == int(Efault));
    CHECK(p.next_child(test, Efault) == int(Etestns));
    CHECK(p.next_child(test, Etestns) == -1);
    CHECK(p.next_child(Eboot, -1) == -1);

    // File data is 8-byte aligned in the archive.
    for (int i = 0; i < p.count(); i++)
        if (!p.is_dir(i))
            CHECK((p.data(i) - o.buf.get()) % 8 == 0);
}

TEST_CASE("paq: the writer refuses bad trees", "[paq]")
{
    PaqWriter w;
    REQUIRE(w.add_file("a/b", bytes("x"), 0444) == "");
    CHECK(w.add_file("a/b", bytes("y"), 0444) == "a/b: duplicate name");
    CHECK(w.add_file("a", bytes("y"), 0444) == "a: duplicate name");
    CHECK(w.add_file("a/b/c", bytes("y"), 0444) == "a/b/c: b is not a directory");
    CHECK(w.add_file("", {}, 0444) == ": bad name");
    CHECK(w.add_file("/abs", {}, 0444) == "/abs: bad name");
    CHECK(w.add_file("a//c", {}, 0444) == "a//c: bad name");
    CHECK(w.add_file("a/./c", {}, 0444) == "a/./c: bad name");
    CHECK(w.add_file("..", {}, 0444) == "..: bad name");
    CHECK(w.add_file("a/", {}, 0444) == "a/: bad name");
    CHECK(w.add_file("s", {}, 01444) == "s: bad mode");
    std::vector<uint8_t> a;
    REQUIRE(w.build(0, &a) == "");
    Opened o(a);
    REQUIRE(o.err == nullptr);
    CHECK(o.paq.count() == 3);
}

TEST_CASE("paq: an empty archive holds just the root", "[paq]")
{
    PaqWriter w;
    std::vector<uint8_t> a;
    REQUIRE(w.build(7, &a) == "");
    Opened o(a);
    REQUIRE(o.err == nullptr);
    CHECK(o.paq.count() == 1);
    CHECK(o.paq.next_child(0, -1) == -1);
    CHECK(o.paq.mtime() == 7);
}

TEST_CASE("paq: every flipped byte is refused, except in mtime", "[paq]")
{
    const auto good = sample();
    Opened ref(good);
    REQUIRE(ref.err == nullptr);
    const std::string want = dump(ref.paq);
    for (uint8_t mask : {uint8_t(0xFF), uint8_t(0x01), uint8_t(0x80)}) {
        for (size_t i = 0; i < good.size(); i++) {
            auto a = good;
            a[i] ^= mask;
            Opened o(a);
            INFO("byte " << i << " mask " << int(mask));
            if (i >= Paq::MTIMEOFF && i < Paq::MTIMEOFF + 4) {
                // mtime is outside the SHA-1 and every value is valid.
                REQUIRE(o.err == nullptr);
                CHECK(dump(o.paq) == want);
                CHECK(o.paq.mtime() != ref.paq.mtime());
            } else {
                REQUIRE(o.err != nullptr);
                CHECK(std::string(o.err).rfind("paq: ", 0) == 0);
            }
        }
    }
}

TEST_CASE("paq: every truncation is refused", "[paq]")
{
    const auto a = sample();
    for (size_t len = 0; len < a.size(); len++) {
        Opened o(a, len);
        INFO("length " << len);
        CHECK(o.err == std::string(Epaqtrunc));
    }
    auto longer = a;
    longer.push_back(0);
    CHECK(error_of(longer) == Epaqlength);
}

TEST_CASE("paq: header damage", "[paq]")
{
    auto a = sample();
    a[0] = 'X';
    CHECK(error_of(a) == Epaqmagic);

    a = sample();
    put32(a, Paq::VERSIONOFF, 2);
    CHECK(error_of(a) == Epaqversion);

    a = sample();
    put32(a, Paq::LENOFF, uint32_t(a.size() - 1));
    CHECK(error_of(a) == Epaqlength);

    for (uint32_t n : {0u, 0xFFFFFFFFu, 0x80000000u, uint32_t(a.size() / Paq::ENTSIZE)}) {
        a = sample();
        put32(a, Paq::COUNTOFF, n);
        INFO("nentries " << n);
        CHECK(error_of(a) == Epaqcount);
    }
    // nentries is outside the SHA-1; a plausible wrong count must still be caught.
    for (uint32_t n : {1u, uint32_t(Nentries - 1), uint32_t(Nentries + 1)}) {
        a = sample();
        put32(a, Paq::COUNTOFF, n);
        INFO("nentries " << n);
        CHECK(error_of(a) == bad(0, "name out of range"));
    }

    a = sample();
    a[Paq::SHA1OFF + 5] ^= 1;
    CHECK(error_of(a) == Epaqsha1);
    a = sample();
    a.back() ^= 1;
    CHECK(error_of(a) == Epaqsha1);
}

TEST_CASE("paq: structural damage under a valid sha1", "[paq]")
{
    const uint32_t total = uint32_t(sample().size());
    const uint32_t table_end = uint32_t(Paq::HDRSIZE + Nentries * Paq::ENTSIZE);

    CHECK(forge(0, PARENT, 1) == bad(0, "bad root"));
    CHECK(forge(0, MODE, 0555) == bad(0, "data out of range"));
    CHECK(forge(0, NAME, table_end + 1) == bad(0, "name out of range"));

    CHECK(forge(Eboot, NAME, total) == bad(Eboot, "name out of range"));
    CHECK(forge(Eboot, NAME, 0xFFFFFFFF) == bad(Eboot, "name out of range"));
    CHECK(forge(Eboot, NAME, table_end) == bad(Eboot, "name out of range"));
    CHECK(forge(Eboot, NAME, 10) == bad(Eboot, "name out of range"));
    CHECK(forge(Eab, NAME, total - 1) == bad(Eab, "name not terminated"));  // last byte is data

    CHECK(rename_entry(Eboot, "bo/t") == bad(Eboot, "bad name"));
    CHECK(rename_entry(Ex, ".") == bad(Ex, "bad name"));
    CHECK(rename_entry(Eab, "..") == bad(Eab, "bad name"));
    CHECK(rename_entry(Eboot, std::string(1, '\0')) == bad(Eboot, "bad name"));
    CHECK(rename_entry(0, "r") == bad(0, "bad root"));
    CHECK(rename_entry(Eab, std::string("x\0", 2)) == bad(Eab, "duplicate name"));

    CHECK(forge(Eboot, PARENT, Eboot) == bad(Eboot, "bad parent"));
    CHECK(forge(Elib, PARENT, Nentries) == bad(Elib, "bad parent"));
    CHECK(forge(Elibns, PARENT, Eboot) == bad(Elibns, "parent not a directory"));
    CHECK(forge(Etestns, PARENT, Elib) == bad(Etestns, "duplicate name"));
    CHECK(forge(Efault, PARENT, Elib) == "ok");  // a unique name may live in any earlier directory

    CHECK(forge(Eboot, MODE, 0555 | 0x1000) == bad(Eboot, "bad mode"));
    CHECK(forge(Eboot, MODE, 0x40000000) == bad(Eboot, "bad mode"));
    CHECK(forge(Elib, LENGTH, 1) == bad(Elib, "directory has data"));
    CHECK(forge(Elib, DATA, table_end) == bad(Elib, "directory has data"));

    CHECK(forge(Eboot, DATA, 0) == bad(Eboot, "data out of range"));
    CHECK(forge(Eboot, DATA, table_end - 1) == bad(Eboot, "data out of range"));
    CHECK(forge(Eboot, DATA, total + 1) == bad(Eboot, "data out of range"));
    CHECK(forge(Eboot, DATA, 0xFFFFFFF0) == bad(Eboot, "data out of range"));
    CHECK(forge(Eboot, LENGTH, 0xFFFFFFFF) == bad(Eboot, "data out of range"));
    CHECK(forge(Eab, LENGTH, 3) == bad(Eab, "data out of range"));
    CHECK(forge(Eab, LENGTH, 2) == "ok");
    CHECK(forge(Eempty, DATA, total) == "ok");  // an empty file may sit at the very end
}

TEST_CASE("paq: random damage under a valid sha1 never crashes", "[paq]")
{
    const auto good = sample();
    std::mt19937 rng(3);
    int opened = 0;
    for (int round = 0; round < 20000; round++) {
        auto a = good;
        int n = 1 + int(rng() % 4);
        for (int k = 0; k < n; k++) {
            // Mostly the entry table, where damage is most likely to pass unnoticed.
            size_t span = rng() % 4 ? Nentries * Paq::ENTSIZE : a.size() - Paq::HDRSIZE;
            size_t i = Paq::HDRSIZE + rng() % span;
            a[i] = rng() % 2 ? uint8_t(rng()) : uint8_t(a[i] ^ (1u << (rng() % 8)));
        }
        PaqWriter::seal(a);
        Opened o(a);
        if (o.err)
            continue;
        opened++;
        dump(o.paq);
        for (int d = 0; d < o.paq.count(); d++)
            for (int c = o.paq.next_child(d, -1); c >= 0; c = o.paq.next_child(d, c))
                REQUIRE(o.paq.lookup(d, o.paq.name(c)) == c);
    }
    CHECK(opened > 0);
}
