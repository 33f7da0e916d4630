// dirread and dirreadall over host files of encoded stat(5) entries: counts, names and
// one-block results, reading to the end, and rejection of malformed replies.
#include "shim.h"
#include "lib9/error.h"
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Bytes = std::vector<uint8_t>;

Bytes entry(const std::string& name, uint64_t length)
{
    Dir d;
    d.qid = {length * 7, 1, QTFILE};
    d.mode = 0644;
    d.length = length;
    d.name = name.c_str();
    d.uid = "glenda";
    d.gid = "glenda";
    d.muid = "";
    Bytes b(sizeD2M(&d));
    REQUIRE(convD2M(&d, b.data(), b.size()) == b.size());
    return b;
}

Bytes entries(int n)
{
    Bytes all;
    for (int i = 0; i < n; i++) {
        Bytes e = entry("file" + std::to_string(i), i);
        all.insert(all.end(), e.begin(), e.end());
    }
    return all;
}

// An fd reading b from the start of an unlinked temporary file.
struct File {
    int fd;
    explicit File(const Bytes& b)
    {
        char name[] = "/tmp/dirread_testXXXXXX";
        fd = mkstemp(name);
        REQUIRE(fd >= 0);
        unlink(name);
        REQUIRE(write(fd, b.data(), b.size()) == ssize_t(b.size()));
        REQUIRE(lseek(fd, 0, SEEK_SET) == 0);
    }
    ~File() { close(fd); }
};

void check_entries(const Dir* d, long n, long first)
{
    for (long i = 0; i < n; i++) {
        REQUIRE(std::string(d[i].name) == "file" + std::to_string(first + i));
        REQUIRE(d[i].length == uint64_t(first + i));
        REQUIRE(std::string(d[i].uid) == "glenda");
        REQUIRE(d[i].muid[0] == 0);
    }
}

}  // namespace

TEST_CASE("dirread: an empty directory", "[dirread]")
{
    File f({});
    Dir* d = reinterpret_cast<Dir*>(1);
    CHECK(shim::dirread(f.fd, &d) == 0);
    CHECK(d == nullptr);
    d = reinterpret_cast<Dir*>(1);
    CHECK(shim::dirreadall(f.fd, &d) == 0);
    CHECK(d == nullptr);
}

TEST_CASE("dirread: entries come back as one block", "[dirread]")
{
    File f(entries(3));
    Dir* d;
    REQUIRE(shim::dirread(f.fd, &d) == 3);
    check_entries(d, 3, 0);
    free(d);  // one free releases the array and its strings (ASan would see a leak)
    CHECK(shim::dirread(f.fd, &d) == 0);
}

TEST_CASE("dirread: dirreadall reads to the end", "[dirread]")
{
    Bytes all = entries(3000);  // far more than one read takes
    REQUIRE(all.size() > 3 * (STATMAX + BIT16SZ));
    File f(all);
    Dir* d;
    REQUIRE(shim::dirreadall(f.fd, &d) == 3000);
    check_entries(d, 3000, 0);
    free(d);
}

TEST_CASE("dirread: a bad fd is an error", "[dirread]")
{
    Dir* d;
    CHECK(shim::dirread(-1, &d) == -1);
    CHECK(d == nullptr);
    CHECK(shim::dirreadall(-1, &d) == -1);
    CHECK(d == nullptr);
}

TEST_CASE("dirread: malformed replies are rejected whole", "[dirread]")
{
    Bytes good = entries(4);
    // Every cut: those at an entry boundary read fine, the rest fail.
    for (size_t n = 1; n < good.size(); n++) {
        Bytes b(good.begin(), good.begin() + n);
        File f(b);
        Dir* d;
        shim::clearerror();
        long r = shim::dirread(f.fd, &d);
        size_t off = 0;
        long count = 0;
        while (off < n) {
            size_t m = BIT16SZ + (good[off] | good[off + 1] << 8);
            if (off + m > n)
                break;
            off += m;
            count++;
        }
        if (off == n) {
            REQUIRE(r == count);
            free(d);
        } else {
            REQUIRE(r == -1);
            REQUIRE(d == nullptr);
            REQUIRE(std::string(shim::lasterror()) == Ebadstat);
        }
    }
}

TEST_CASE("dirread: random corruption is rejected or decodes consistently", "[dirread]")
{
    std::mt19937 rng(8);
    Bytes good = entries(5);
    for (int round = 0; round < 3000; round++) {
        Bytes b = good;
        for (int i = 1 + rng() % 3; i > 0; i--)
            b[rng() % b.size()] = uint8_t(rng());
        File f(b);
        Dir* d;
        long r = shim::dirread(f.fd, &d);
        if (r < 0) {
            REQUIRE(d == nullptr);
            continue;
        }
        // Whatever decoded must re-encode within the bytes it came from.
        size_t total = 0;
        for (long i = 0; i < r; i++)
            total += sizeD2M(&d[i]);
        REQUIRE(total <= b.size());
        free(d);
    }
}
