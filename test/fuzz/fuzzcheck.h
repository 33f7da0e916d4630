// What the fuzz targets share: must(), which aborts on a broken invariant so that libFuzzer
// reports (and saves) the input, and check_stat(), the stat(5) codec's invariants, which
// both targets apply to whatever bytes may hold directory entries.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "lib9/dir.h"

inline void must(bool ok, const char* invariant)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz: invariant broken: %s\n", invariant);
        std::abort();
    }
}

// Checks statcheck, convM2D and convD2M against each other on any bytes buf[0..n):
//  - neither reads outside buf (the bytes are copied into a buffer of exactly n, for ASan);
//  - convM2D takes a prefix exactly when statcheck accepts that prefix (the entry's own
//    size field says how long it is), and statcheck accepts buf only if convM2D takes it all;
//  - convM2D fits the strings in the n - STATFIXLEN + 4 bytes the entry implies, refuses
//    one byte less without writing past it or touching the Dir;
//  - convD2M of what convM2D decoded gives back the same bytes, unless a string held a NUL
//    (a Dir's strings are NUL-terminated, so it cannot carry one).
// Returns the size of the entry convM2D decoded, or 0.
inline size_t check_stat(const uint8_t* bytes, size_t n)
{
    std::vector<uint8_t> buf(bytes, bytes + n);
    bool whole = statcheck(buf.data(), n) == 0;
    size_t ss = n >= BIT16SZ ? BIT16SZ + (buf[0] | buf[1] << 8) : 0;
    bool prefix = ss && ss <= n && statcheck(buf.data(), ss) == 0;
    must(!whole || ss == n, "statcheck accepts only an entry its size field spans");

    std::vector<char> strs(prefix ? ss - STATFIXLEN + 4 : 1);
    Dir d;
    Dir untouched;
    std::memcpy(&untouched, &d, sizeof d);
    if (prefix) {
        std::vector<char> shy(strs.size() - 1);
        must(convM2D(buf.data(), n, &d, shy.data(), shy.size()) == 0, "convM2D refuses too small a string buffer");
        must(std::memcmp(&untouched, &d, sizeof d) == 0, "a refused convM2D leaves the Dir alone");
    }
    size_t got = convM2D(buf.data(), n, &d, strs.data(), strs.size());
    must(got == (prefix ? ss : 0), "convM2D decodes exactly the entries statcheck accepts");
    if (!got) {
        must(std::memcmp(&untouched, &d, sizeof d) == 0, "a refused convM2D leaves the Dir alone");
        return 0;
    }

    size_t size = sizeD2M(&d);
    must(size <= got, "a decoded entry re-encodes no longer than it was");
    std::vector<uint8_t> again(size);
    must(convD2M(&d, again.data(), size) == size, "a decoded entry re-encodes");
    if (size == got)
        must(std::memcmp(again.data(), buf.data(), size) == 0, "a decoded entry re-encodes to the same bytes");
    return got;
}
