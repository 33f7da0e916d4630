// SHA-1: FIPS 180 known answers, incremental hashing against one-shot on random splits,
// and agreement with the host's sha1sum.
#include "lib9/sha1.h"
#include <catch2/catch.hpp>
#include <cstdio>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

std::string hex(const uint8_t d[SHA1dlen])
{
    static const char digits[] = "0123456789abcdef";
    std::string s;
    for (size_t i = 0; i < SHA1dlen; i++) {
        s += digits[d[i] >> 4];
        s += digits[d[i] & 15];
    }
    return s;
}

std::string sha1_hex(const std::string& m)
{
    uint8_t d[SHA1dlen];
    sha1(m.data(), m.size(), d);
    return hex(d);
}

}  // namespace

TEST_CASE("sha1: FIPS 180 known answers", "[sha1]")
{
    CHECK(sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    CHECK(sha1_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                   "klmnopqrlmnopqrsmnopqrstnopqrstu") == "a49b2446a02c645bf419f995b67091253a04a259");
}

TEST_CASE("sha1: one million 'a'", "[sha1]")
{
    CHECK(sha1_hex(std::string(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");

    // The same message fed in 1000 updates of 1000 bytes.
    std::string thousand(1000, 'a');
    Sha1 s;
    for (int i = 0; i < 1000; i++)
        s.update(thousand.data(), thousand.size());
    uint8_t d[SHA1dlen];
    s.finish(d);
    CHECK(hex(d) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("sha1: padding boundaries", "[sha1]")
{
    // Lengths around 55/56/64 bytes exercise the one- and two-block padding paths;
    // each must agree with hashing the same bytes one at a time.
    for (size_t n = 0; n <= 130; n++) {
        std::string m(n, 'x');
        Sha1 s;
        for (char c : m)
            s.update(&c, 1);
        uint8_t d[SHA1dlen];
        s.finish(d);
        CHECK(hex(d) == sha1_hex(m));
    }
}

TEST_CASE("sha1: incremental equals one-shot on random splits", "[sha1]")
{
    std::mt19937 rng(1);
    for (int round = 0; round < 200; round++) {
        std::vector<uint8_t> m(rng() % 2000);
        for (auto& b : m)
            b = uint8_t(rng());
        uint8_t want[SHA1dlen];
        sha1(m.data(), m.size(), want);

        Sha1 s;
        size_t off = 0;
        while (off < m.size()) {
            size_t n = std::min<size_t>(rng() % 150, m.size() - off);
            s.update(m.data() + off, n);
            off += n;
        }
        uint8_t got[SHA1dlen];
        s.finish(got);
        CHECK(hex(got) == hex(want));
    }
}

TEST_CASE("sha1: finish resets for the next message", "[sha1]")
{
    Sha1 s;
    uint8_t d[SHA1dlen];
    s.update("junk", 4);
    s.finish(d);
    s.update("abc", 3);
    s.finish(d);
    CHECK(hex(d) == "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST_CASE("sha1: agrees with the host's sha1sum", "[sha1]")
{
    std::mt19937 rng(7);
    std::vector<uint8_t> m(100003);
    for (auto& b : m)
        b = uint8_t(rng());
    char path[] = "/tmp/sha1_testXXXXXX";
    int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    REQUIRE(write(fd, m.data(), m.size()) == ssize_t(m.size()));
    close(fd);

    std::FILE* p = popen((std::string("sha1sum ") + path).c_str(), "r");
    REQUIRE(p);
    char out[41] = {};
    size_t got = std::fread(out, 1, 40, p);
    pclose(p);
    unlink(path);
    REQUIRE(got == 40);

    uint8_t d[SHA1dlen];
    sha1(m.data(), m.size(), d);
    CHECK(hex(d) == out);
}
