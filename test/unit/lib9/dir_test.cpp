// stat(5) entries: golden bytes worked out by hand from stat(5), round trips, the
// too-small-buffer protocol, and every truncation and random corruption of an entry,
// each decoded from a buffer of exactly its size so ASan sees any read past the end.
#include "lib9/dir.h"
#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using Bytes = std::vector<uint8_t>;

// type 'M', dev 1, a directory qid, mode DMDIR|0755, atime 1000000000, mtime 1000000001,
// length 0, named usr, owned by glenda of group sys, with no muid.
const Bytes golden = {
    0x3B, 0x00,                                      // size: 61 - 2
    0x4D, 0x00,                                      // type
    0x01, 0x00, 0x00, 0x00,                          // dev
    0x80,                                            // qid.type QTDIR
    0x44, 0x33, 0x22, 0x11,                          // qid.vers
    0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,  // qid.path
    0xED, 0x01, 0x00, 0x80,                          // mode
    0x00, 0xCA, 0x9A, 0x3B,                          // atime
    0x01, 0xCA, 0x9A, 0x3B,                          // mtime
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // length
    0x03, 0x00, 'u', 's', 'r',                       // name
    0x06, 0x00, 'g', 'l', 'e', 'n', 'd', 'a',        // uid
    0x03, 0x00, 's', 'y', 's',                       // gid
    0x00, 0x00,                                      // muid
};

Dir golden_dir()
{
    Dir d;
    d.type = 'M';
    d.dev = 1;
    d.qid = {0x0102030405060708ull, 0x11223344u, QTDIR};
    d.mode = DMDIR | 0755;
    d.atime = 1000000000;
    d.mtime = 1000000001;
    d.length = 0;
    d.name = "usr";
    d.uid = "glenda";
    d.gid = "sys";
    d.muid = "";
    return d;
}

Bytes encode(const Dir& d)
{
    Bytes b(sizeD2M(&d));
    REQUIRE(convD2M(&d, b.data(), b.size()) == b.size());
    return b;
}

// A decoded Dir with its own strings; the buffers are exactly as big as asked for.
struct Decoded {
    Dir d;
    std::unique_ptr<char[]> strs;
    size_t n = 0;
};

// Decodes a copy of b held in a heap block of exactly b.size() bytes.
Decoded decode(const Bytes& b, size_t nstrs)
{
    Decoded r;
    std::unique_ptr<uint8_t[]> exact(new uint8_t[b.size()]);
    if (!b.empty())
        memcpy(exact.get(), b.data(), b.size());
    r.strs.reset(new char[nstrs]);
    r.n = convM2D(exact.get(), b.size(), &r.d, r.strs.get(), nstrs);
    return r;
}

bool same(const Dir& a, const Dir& b)
{
    return a.type == b.type && a.dev == b.dev && a.qid.path == b.qid.path && a.qid.vers == b.qid.vers
        && a.qid.type == b.qid.type && a.mode == b.mode && a.atime == b.atime && a.mtime == b.mtime
        && a.length == b.length && strcmp(a.name, b.name) == 0 && strcmp(a.uid, b.uid) == 0
        && strcmp(a.gid, b.gid) == 0 && strcmp(a.muid, b.muid) == 0;
}

std::string random_string(std::mt19937& rng, size_t max)
{
    std::string s(rng() % (max + 1), 0);
    for (char& c : s)
        c = char(1 + rng() % 255);  // any byte but NUL, UTF-8 or not
    return s;
}

}  // namespace

TEST_CASE("dir: golden entry", "[dir]")
{
    Dir d = golden_dir();
    CHECK(sizeD2M(&d) == golden.size());
    CHECK(encode(d) == golden);
    CHECK(statcheck(golden.data(), golden.size()) == 0);

    Decoded r = decode(golden, 64);
    REQUIRE(r.n == golden.size());
    CHECK(same(r.d, d));
    CHECK(r.d.muid[0] == 0);
}

TEST_CASE("dir: nil strings encode as empty", "[dir]")
{
    Dir d = golden_dir();
    d.name = d.uid = d.gid = d.muid = nullptr;
    CHECK(sizeD2M(&d) == STATFIXLEN);
    Bytes b = encode(d);
    Decoded r = decode(b, 4);
    REQUIRE(r.n == STATFIXLEN);
    CHECK((r.d.name[0] == 0 && r.d.uid[0] == 0 && r.d.gid[0] == 0 && r.d.muid[0] == 0));
}

TEST_CASE("dir: random round trips", "[dir]")
{
    std::mt19937 rng(9);
    for (int round = 0; round < 2000; round++) {
        std::string s[4];
        for (auto& x : s)
            x = random_string(rng, round % 10 == 0 ? 3000 : 40);
        Dir d;
        d.type = uint16_t(rng());
        d.dev = rng();
        d.qid = {uint64_t(rng()) << 32 | rng(), uint32_t(rng()), uint8_t(rng())};
        d.mode = rng();
        d.atime = rng();
        d.mtime = rng();
        d.length = uint64_t(rng()) << 32 | rng();
        d.name = s[0].c_str();
        d.uid = s[1].c_str();
        d.gid = s[2].c_str();
        d.muid = s[3].c_str();
        Bytes b = encode(d);
        CHECK(b.size() == STATFIXLEN + s[0].size() + s[1].size() + s[2].size() + s[3].size());
        CHECK(statcheck(b.data(), b.size()) == 0);
        // The strings need exactly their bytes and four NULs.
        size_t need = b.size() - STATFIXLEN + 4;
        Decoded r = decode(b, need);
        REQUIRE(r.n == b.size());
        REQUIRE(same(r.d, d));
        CHECK(decode(b, need - 1).n == 0);
    }
}

TEST_CASE("dir: too small a buffer gets the size alone", "[dir]")
{
    Dir d = golden_dir();
    for (size_t n = 0; n < golden.size(); n++) {
        std::unique_ptr<uint8_t[]> buf(new uint8_t[n + 1]);
        memset(buf.get(), 0xAA, n + 1);
        size_t got = convD2M(&d, buf.get(), n);
        if (n < BIT16SZ) {
            CHECK(got == 0);
            CHECK(buf[0] == 0xAA);
            continue;
        }
        REQUIRE(got == BIT16SZ);
        CHECK(buf[0] == golden[0]);
        CHECK(buf[1] == golden[1]);
        for (size_t i = BIT16SZ; i <= n; i++)
            CHECK(buf[i] == 0xAA);
    }
    // A bigger buffer is filled with exactly one entry.
    Bytes big(golden.size() + 10, 0xAA);
    CHECK(convD2M(&d, big.data(), big.size()) == golden.size());
    CHECK(Bytes(big.begin(), big.begin() + golden.size()) == golden);
    CHECK(big[golden.size()] == 0xAA);
}

TEST_CASE("dir: an entry too big for the size field is not encoded", "[dir]")
{
    std::string name(STATMAX, 'x');
    Dir d = golden_dir();
    d.name = name.c_str();
    d.uid = d.gid = d.muid = "";
    Bytes buf(sizeD2M(&d));
    CHECK(convD2M(&d, buf.data(), buf.size()) == 0);

    // The largest entry that fits encodes and decodes.
    name.resize(STATMAX + BIT16SZ - STATFIXLEN);
    d.name = name.c_str();
    Bytes b = encode(d);
    CHECK(b.size() == STATMAX + BIT16SZ);
    Decoded r = decode(b, name.size() + 4);
    CHECK(r.n == b.size());
    CHECK(strlen(r.d.name) == name.size());
}

TEST_CASE("dir: every truncation is rejected", "[dir]")
{
    for (size_t n = 0; n < golden.size(); n++) {
        Bytes b(golden.begin(), golden.begin() + n);
        INFO("length " << n);
        if (n > 0) {
            std::unique_ptr<uint8_t[]> exact(new uint8_t[n]);
            memcpy(exact.get(), b.data(), n);
            CHECK(statcheck(exact.get(), n) == -1);
        }
        CHECK(decode(b, 64).n == 0);
    }
}

TEST_CASE("dir: decoding takes one entry from a longer buffer, and statcheck wants it exact",
          "[dir]")
{
    Bytes two = golden;
    Dir d2 = golden_dir();
    d2.name = "bin";
    Bytes second = encode(d2);
    two.insert(two.end(), second.begin(), second.end());
    CHECK(statcheck(two.data(), two.size()) == -1);

    Decoded r = decode(two, 64);
    REQUIRE(r.n == golden.size());
    CHECK(strcmp(r.d.name, "usr") == 0);
    Bytes rest(two.begin() + r.n, two.end());
    Decoded r2 = decode(rest, 64);
    REQUIRE(r2.n == rest.size());
    CHECK(strcmp(r2.d.name, "bin") == 0);
}

TEST_CASE("dir: inconsistent counts are rejected", "[dir]")
{
    // A size that claims more or fewer bytes than the strings fill.
    for (int delta : {-2, -1, 1, 2}) {
        Bytes b = golden;
        b[0] = uint8_t(b[0] + delta);
        CHECK(statcheck(b.data(), b.size()) == -1);
        CHECK(decode(b, 64).n == 0);
    }
    // A string count that runs past the end, or stops short of it.
    for (int delta : {-1, 1, 200}) {
        Bytes b = golden;
        b[41] = uint8_t(b[41] + delta);
        CHECK(statcheck(b.data(), b.size()) == -1);
        CHECK(decode(b, 64).n == 0);
    }
    // A failed decode leaves the Dir as it was.
    Bytes b = golden;
    b[0]++;
    Decoded r;
    r.d.name = "untouched";
    std::unique_ptr<char[]> strs(new char[64]);
    CHECK(convM2D(b.data(), b.size(), &r.d, strs.get(), 64) == 0);
    CHECK(strcmp(r.d.name, "untouched") == 0);
}

TEST_CASE("dir: random corruption never reads out of bounds", "[dir]")
{
    std::mt19937 rng(5);
    for (int round = 0; round < 20000; round++) {
        Bytes b = golden;
        int flips = 1 + rng() % 4;
        for (int i = 0; i < flips; i++)
            b[rng() % b.size()] = uint8_t(rng());
        if (rng() % 4 == 0)
            b.resize(rng() % (b.size() + 1));
        if (rng() % 4 == 0)
            for (int extra = rng() % 8; extra > 0; extra--)
                b.push_back(uint8_t(rng()));
        size_t nstrs = rng() % 2 ? 64 : rng() % 20;
        Decoded r = decode(b, nstrs == 0 ? 1 : nstrs);
        if (r.n == 0)
            continue;
        // Whatever decoded is self-consistent: its size is what the buffer says, the
        // strings fit, and unless they held NULs it re-encodes to the same bytes.
        REQUIRE(r.n <= b.size());
        REQUIRE(r.n == BIT16SZ + size_t(b[0] | b[1] << 8));
        Bytes entry(b.begin(), b.begin() + r.n);
        CHECK(statcheck(entry.data(), entry.size()) == 0);
        if (sizeD2M(&r.d) == r.n)
            CHECK(encode(r.d) == entry);
        else
            CHECK(sizeD2M(&r.d) < r.n);
    }
}

TEST_CASE("dir: random bytes never read out of bounds", "[dir]")
{
    std::mt19937 rng(6);
    for (int round = 0; round < 20000; round++) {
        Bytes b(rng() % 80);
        for (auto& x : b)
            x = uint8_t(rng());
        if (b.size() >= 2 && rng() % 2) {  // a plausible size makes it past the first check
            b[0] = uint8_t(b.size() - 2);
            b[1] = 0;
        }
        Decoded r = decode(b, 1 + rng() % 64);
        if (r.n != 0)
            CHECK(r.n <= b.size());
        if (!b.empty()) {
            std::unique_ptr<uint8_t[]> exact(new uint8_t[b.size()]);
            memcpy(exact.get(), b.data(), b.size());
            statcheck(exact.get(), b.size());
        }
    }
}

TEST_CASE("dir: nulldir is all ones and survives the wire", "[dir]")
{
    Dir d = golden_dir();
    nulldir(&d);
    CHECK(d.type == 0xFFFF);
    CHECK(d.dev == 0xFFFFFFFFu);
    CHECK(d.qid.type == 0xFF);
    CHECK(d.qid.vers == 0xFFFFFFFFu);
    CHECK(d.qid.path == ~uint64_t(0));
    CHECK(d.mode == 0xFFFFFFFFu);
    CHECK(d.atime == 0xFFFFFFFFu);
    CHECK(d.mtime == 0xFFFFFFFFu);
    CHECK(d.length == ~uint64_t(0));
    CHECK((d.name[0] == 0 && d.uid[0] == 0 && d.gid[0] == 0 && d.muid[0] == 0));

    Bytes b = encode(d);
    CHECK(b.size() == STATFIXLEN);
    for (size_t i = BIT16SZ; i < STATFIXLEN - 4 * BIT16SZ; i++)
        CHECK(b[i] == 0xFF);
    Decoded r = decode(b, 4);
    REQUIRE(r.n == STATFIXLEN);
    CHECK(same(r.d, d));
}

TEST_CASE("dir: dirmodefmt shows modes as ls -l does", "[dir]")
{
    char buf[12];
    CHECK(std::string(dirmodefmt(DMDIR | 0755, buf)) == "d-rwxr-xr-x");
    CHECK(std::string(dirmodefmt(0644, buf)) == "--rw-r--r--");
    CHECK(std::string(dirmodefmt(DMAPPEND | DMEXCL | 0600, buf)) == "alrw-------");
    CHECK(std::string(dirmodefmt(DMAUTH | 0, buf)) == "A----------");
    CHECK(std::string(dirmodefmt(DMDIR | DMAPPEND | 0777, buf)) == "d-rwxrwxrwx");
}
