// mntcheck_fuzz: the mount driver's checks on what a 9P server says (kernel/9p/mntcheck.cpp).
// The input is a T-message followed by an R-message (the T's size field says where it
// ends); each is decoded from a buffer of exactly its own length. Invariants:
//  - mnt_check_dirs never reads outside the R bytes, and accepts them exactly when
//    convM2D decodes whole entries that tile them;
//  - an accepted reply has the request's tag and is an Rerror or the request's R type;
//    an accepted Rwalk has nwqid <= nwname and walked on only from directories; an
//    accepted Rread or Rwrite has count <= the request's; an accepted Rstat's entry
//    decodes with convM2D; an accepted Rread's data go through mnt_check_dirs as above;
//  - mnt_check_version (with the Tversion's msize and version, or 8192 and 9P2000 when
//    the T is something else) accepts only an Rversion tagged NOTAG whose msize is within
//    [256, msize] and whose version is 9P2000 or the one asked for.
#include <cstring>
#include <string>
#include <vector>

#include "9p/mntcheck.h"
#include "fuzzcheck.h"
#include "lib9/fcall.h"

namespace {

void check_dirs(const uint8_t* data, size_t n)
{
    std::vector<uint8_t> buf(data, data + n);
    bool ok = mnt_check_dirs(buf.data(), uint32_t(n)) == nullptr;
    size_t off = 0;
    while (off < n) {
        size_t k = check_stat(buf.data() + off, n - off);
        if (!k)
            break;
        off += k;
    }
    must(ok == (off == n), "mnt_check_dirs accepts exactly the bytes that convM2D tiles with entries");
}

void check_reply(const Fcall& t, const Fcall& r)
{
    if (mnt_check(t, r))
        return;
    must(r.tag == t.tag, "an accepted reply has the request's tag");
    must(r.type == Rerror || r.type == t.type + 1, "an accepted reply answers the request's type");
    switch (r.type) {
    case Rwalk:
        must(r.nwqid <= t.nwname, "an accepted Rwalk has nwqid <= nwname");
        for (int i = 0; i + 1 < r.nwqid; i++)
            must(r.wqid[i].type & QTDIR, "an accepted Rwalk walks on only from directories");
        break;
    case Rread:
        must(r.count <= t.count, "an accepted Rread has count <= the Tread's");
        check_dirs(r.data, r.count);
        break;
    case Rwrite:
        must(r.count <= t.count, "an accepted Rwrite has count <= the Twrite's");
        break;
    case Rstat:
        must(check_stat(r.stat, r.nstat) == r.nstat, "an accepted Rstat's entry decodes");
        break;
    default:
        break;
    }
}

void check_version(const Fcall& t, const Fcall& r)
{
    uint32_t msize = t.type == Tversion ? t.msize : 8192;
    std::string version = t.type == Tversion ? std::string(t.version.p, t.version.n) : "9P2000";
    if (mnt_check_version(r, msize, version.c_str()))
        return;
    must(r.type == Rversion && r.tag == NOTAG, "an accepted version reply is an Rversion tagged NOTAG");
    must(r.msize >= 256 && r.msize <= msize, "an accepted Rversion's msize is in [256, the Tversion's]");
    std::string said(r.version.p, r.version.n);
    must(said == "9P2000" || said == version.c_str(), "an accepted Rversion speaks 9P2000 or what was asked");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t n)
{
    if (n < 4 || msg_size(data) > n)
        return 0;
    size_t tn = msg_size(data);
    std::vector<uint8_t> tbuf(data, data + tn);
    std::vector<uint8_t> rbuf(data + tn, data + n);
    check_dirs(rbuf.data(), rbuf.size());

    Fcall t;
    Fcall r;
    bool tok = convM2S(tbuf.data(), tbuf.size(), &t) != 0;
    bool rok = convM2S(rbuf.data(), rbuf.size(), &r) != 0;
    if (tok)
        check_version(t, t);
    if (!tok || !rok)
        return 0;
    check_version(t, r);
    check_reply(t, r);
    return 0;
}
