// fcall_fuzz: any bytes, taken as one 9P2000 message by the codec (lib9/fcall.cpp).
// Invariants: convM2S never reads outside the message (ASan) nor does anything undefined
// (UBSan); when it accepts, it took all n bytes, sizeS2M of the decoded Fcall is n, and
// convS2M gives back exactly the same n bytes, while refusing a buffer one byte short
// without writing past it. The same bytes, and the stat bytes of an accepted Rstat or
// Twstat, also go through check_stat (fuzzcheck.h), the stat(5) codec's invariants.
#include <cstring>
#include <vector>

#include "fuzzcheck.h"
#include "lib9/fcall.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t n)
{
    check_stat(data, n);

    Fcall f;
    size_t got = convM2S(data, n, &f);
    if (!got)
        return 0;
    must(got == n, "convM2S takes the whole message");
    must(sizeS2M(&f) == n, "sizeS2M of a decoded message is its length");
    std::vector<uint8_t> out(n);
    must(convS2M(&f, out.data(), n) == n, "a decoded message re-encodes");
    must(std::memcmp(out.data(), data, n) == 0, "a decoded message re-encodes to the same bytes");
    std::vector<uint8_t> shy(n - 1);
    must(convS2M(&f, shy.data(), shy.size()) == 0, "convS2M refuses too small a buffer");

    if (f.type == Rstat || f.type == Twstat)
        check_stat(f.stat, f.nstat);
    return 0;
}
