// 9P2000 messages: golden bytes worked out by hand from intro(5) and the section 5 pages,
// round trips of every type, rejection of truncated, oversized, unknown and inconsistent
// messages, and random corruptions. Every decode reads from a heap buffer of exactly the
// message's length so ASan sees any read past the end.
#include "lib9/fcall.h"
#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using Bytes = std::vector<uint8_t>;

Str S(const char* s) { return Str{s, uint16_t(std::strlen(s))}; }
Str S(const std::string& s) { return Str{s.data(), uint16_t(s.size())}; }

Bytes encode(const Fcall& f)
{
    size_t n = sizeS2M(&f);
    REQUIRE(n != 0);
    Bytes b(n);
    REQUIRE(convS2M(&f, b.data(), b.size()) == n);
    return b;
}

// Decodes a copy of b held in a buffer of exactly b.size() bytes; *owner keeps it alive.
size_t decode(const Bytes& b, Fcall* f, std::unique_ptr<uint8_t[]>* owner = nullptr)
{
    auto p = std::make_unique<uint8_t[]>(b.size() ? b.size() : 1);
    if (!b.empty())
        std::memcpy(p.get(), b.data(), b.size());
    size_t r = convM2S(p.get(), b.size(), f);
    if (owner)
        *owner = std::move(p);
    return r;
}

void set_size(Bytes& b)
{
    uint32_t n = uint32_t(b.size());
    for (int i = 0; i < 4; i++)
        b[size_t(i)] = uint8_t(n >> 8 * i);
}

std::string str(Str s) { return std::string(s.p ? s.p : "", s.n); }

const Qid qa{0x0102030405060708ull, 0x11223344u, QTDIR};
const Qid qb{42, 7, QTAPPEND};
const std::string longname(65535, 'x');
const Bytes bigdata = [] {
    Bytes d(8192 - IOHDRSZ);
    for (size_t i = 0; i < d.size(); i++)
        d[i] = uint8_t(i * 7 + 3);
    return d;
}();
const Bytes statbytes = {0x05, 0x00, 1, 2, 3, 4, 5};

// One or more representative messages of every type.
std::vector<Fcall> samples()
{
    std::vector<Fcall> v;
    auto add = [&](uint8_t type, uint16_t tag, auto&& fill) {
        Fcall f;
        f.type = type;
        f.tag = tag;
        fill(f);
        v.push_back(f);
    };
    add(Tversion, NOTAG, [](Fcall& f) { f.msize = 8192, f.version = S("9P2000"); });
    add(Rversion, NOTAG, [](Fcall& f) { f.msize = 4096, f.version = S(""); });
    add(Tauth, 1, [](Fcall& f) { f.afid = 5, f.uname = S("glenda"), f.aname = S(""); });
    add(Rauth, 1, [](Fcall& f) { f.qid = qb; });
    add(Tattach, 2, [](Fcall& f) { f.fid = 0, f.afid = NOFID, f.uname = S("glenda"), f.aname = S("main"); });
    add(Rattach, 2, [](Fcall& f) { f.qid = qa; });
    add(Rerror, 3, [](Fcall& f) { f.ename = S("file does not exist"); });
    add(Rerror, 3, [](Fcall& f) { f.ename = S(longname); });
    add(Tflush, 4, [](Fcall& f) { f.oldtag = 3; });
    add(Rflush, 4, [](Fcall&) {});
    add(Twalk, 5, [](Fcall& f) { f.fid = 1, f.newfid = 2, f.nwname = 0; });
    add(Twalk, 5, [](Fcall& f) {
        f.fid = 1, f.newfid = 2, f.nwname = MAXWELEM;
        static const char* names[] = {"a", "", "usr", "glenda", "lib", "x", "..", "y", "zz", "q", "w", "e", "r", "t", "u", "end"};
        for (int i = 0; i < MAXWELEM; i++)
            f.wname[i] = S(names[i]);
    });
    add(Rwalk, 5, [](Fcall& f) { f.nwqid = 0; });
    add(Rwalk, 5, [](Fcall& f) {
        f.nwqid = MAXWELEM;
        for (int i = 0; i < MAXWELEM; i++)
            f.wqid[i] = Qid{uint64_t(i) << 40 | 9, uint32_t(i), uint8_t(i ? QTFILE : QTDIR)};
    });
    add(Topen, 6, [](Fcall& f) { f.fid = 2, f.mode = 0x11; });
    add(Ropen, 6, [](Fcall& f) { f.qid = qb, f.iounit = 8168; });
    add(Tcreate, 7, [](Fcall& f) { f.fid = 2, f.name = S("new"), f.perm = DMDIR | 0755, f.mode = 2; });
    add(Rcreate, 7, [](Fcall& f) { f.qid = qa, f.iounit = 0; });
    add(Tread, 8, [](Fcall& f) { f.fid = 2, f.offset = 0x123456789Aull, f.count = 8168; });
    add(Rread, 8, [](Fcall& f) { f.count = 0; });
    add(Rread, 8, [](Fcall& f) { f.count = uint32_t(bigdata.size()), f.data = bigdata.data(); });
    add(Twrite, 9, [](Fcall& f) { f.fid = 3, f.offset = ~0ull, f.count = uint32_t(bigdata.size()), f.data = bigdata.data(); });
    add(Rwrite, 9, [](Fcall& f) { f.count = 8168; });
    add(Tclunk, 10, [](Fcall& f) { f.fid = 3; });
    add(Rclunk, 10, [](Fcall&) {});
    add(Tremove, 11, [](Fcall& f) { f.fid = 4; });
    add(Rremove, 11, [](Fcall&) {});
    add(Tstat, 12, [](Fcall& f) { f.fid = 5; });
    add(Rstat, 12, [](Fcall& f) { f.nstat = uint16_t(statbytes.size()), f.stat = statbytes.data(); });
    add(Twstat, 13, [](Fcall& f) { f.fid = 6, f.nstat = uint16_t(statbytes.size()), f.stat = statbytes.data(); });
    add(Rwstat, 13, [](Fcall&) {});
    return v;
}

bool inside(const void* p, size_t k, const uint8_t* buf, size_t n)
{
    auto a = static_cast<const uint8_t*>(p);
    if (!a)
        return k == 0;
    return a >= buf && a <= buf + n && k <= size_t(buf + n - a);
}

// Every pointer a decoded Fcall holds lies inside buf[0..n).
bool all_inside(const Fcall& f, const uint8_t* buf, size_t n)
{
    bool ok = inside(f.version.p, f.version.n, buf, n) && inside(f.ename.p, f.ename.n, buf, n)
        && inside(f.uname.p, f.uname.n, buf, n) && inside(f.aname.p, f.aname.n, buf, n)
        && inside(f.name.p, f.name.n, buf, n) && inside(f.stat, f.nstat, buf, n)
        && f.nwname <= MAXWELEM && f.nwqid <= MAXWELEM;
    if (f.data)
        ok = ok && inside(f.data, f.count, buf, n);
    for (int i = 0; ok && i < f.nwname; i++)
        ok = inside(f.wname[i].p, f.wname[i].n, buf, n);
    return ok;
}

}  // namespace

TEST_CASE("fcall: Tversion golden bytes", "[fcall]")
{
    const Bytes want = {0x13, 0x00, 0x00, 0x00, 100, 0xFF, 0xFF, 0x00, 0x20, 0x00, 0x00, 0x06, 0x00, '9', 'P', '2', '0', '0', '0'};
    Fcall f;
    f.type = Tversion;
    f.tag = NOTAG;
    f.msize = 8192;
    f.version = S("9P2000");
    CHECK(encode(f) == want);
    CHECK(msg_size(want.data()) == 19);
    Fcall g;
    std::unique_ptr<uint8_t[]> owner;
    REQUIRE(decode(want, &g, &owner) == 19);
    CHECK(g.type == Tversion);
    CHECK(g.tag == NOTAG);
    CHECK(g.msize == 8192);
    CHECK(str(g.version) == "9P2000");
}

TEST_CASE("fcall: Rerror golden bytes", "[fcall]")
{
    Bytes want = {0x1C, 0x00, 0x00, 0x00, 107, 0x01, 0x00, 0x13, 0x00};
    for (char c : std::string("file does not exist"))
        want.push_back(uint8_t(c));
    Fcall f;
    f.type = Rerror;
    f.tag = 1;
    f.ename = S("file does not exist");
    CHECK(encode(f) == want);
    Fcall g;
    std::unique_ptr<uint8_t[]> owner;
    REQUIRE(decode(want, &g, &owner) == 28);
    CHECK(g.type == Rerror);
    CHECK(g.tag == 1);
    CHECK(str(g.ename) == "file does not exist");
}

TEST_CASE("fcall: Twalk and Ropen golden bytes", "[fcall]")
{
    const Bytes walk = {0x1E, 0x00, 0x00, 0x00, 110, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
        0x02, 0x00, 0x03, 0x00, 'u', 's', 'r', 0x06, 0x00, 'g', 'l', 'e', 'n', 'd', 'a'};
    Fcall f;
    f.type = Twalk;
    f.tag = 2;
    f.fid = 1;
    f.newfid = 2;
    f.nwname = 2;
    f.wname[0] = S("usr");
    f.wname[1] = S("glenda");
    CHECK(encode(f) == walk);
    Fcall g;
    std::unique_ptr<uint8_t[]> owner;
    REQUIRE(decode(walk, &g, &owner) == walk.size());
    CHECK(g.fid == 1);
    CHECK(g.newfid == 2);
    REQUIRE(g.nwname == 2);
    CHECK(str(g.wname[0]) == "usr");
    CHECK(str(g.wname[1]) == "glenda");

    const Bytes open = {0x18, 0x00, 0x00, 0x00, 113, 0x06, 0x00, 0x40, 0x07, 0x00, 0x00, 0x00, 0x2A, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0xE8, 0x1F, 0x00, 0x00};
    Fcall o;
    o.type = Ropen;
    o.tag = 6;
    o.qid = qb;
    o.iounit = 8168;
    CHECK(encode(o) == open);
}

TEST_CASE("fcall: every type round-trips", "[fcall]")
{
    int types = 0;
    uint8_t last = 0;
    for (const Fcall& f : samples()) {
        INFO("type " << int(f.type));
        Bytes b = encode(f);
        CHECK(msg_size(b.data()) == b.size());
        Fcall g;
        std::unique_ptr<uint8_t[]> owner;
        REQUIRE(decode(b, &g, &owner) == b.size());
        CHECK(g.type == f.type);
        CHECK(g.tag == f.tag);
        CHECK(all_inside(g, owner.get(), b.size()));
        CHECK(encode(g) == b);  // every field of the type came back
        types += f.type != last;
        last = f.type;
    }
    CHECK(types == 27);  // 13 T/R pairs and Rerror
}

TEST_CASE("fcall: decoded fields point into the message", "[fcall]")
{
    auto v = samples();
    const Fcall& w = v[11];
    REQUIRE(w.nwname == MAXWELEM);
    Fcall g;
    std::unique_ptr<uint8_t[]> owner;
    Bytes b = encode(w);
    REQUIRE(decode(b, &g, &owner) == b.size());
    for (int i = 0; i < MAXWELEM; i++)
        CHECK(str(g.wname[i]) == str(w.wname[i]));
    CHECK(g.wname[3].p == reinterpret_cast<const char*>(owner.get()) + 7 + 4 + 4 + 2 + 3 + 2 + 5 + 2);

    Fcall r;
    r.type = Rread;
    r.tag = 1;
    r.count = uint32_t(bigdata.size());
    r.data = bigdata.data();
    b = encode(r);
    REQUIRE(decode(b, &g, &owner) == b.size());
    CHECK(g.data == owner.get() + 11);
    CHECK(Bytes(g.data, g.data + g.count) == bigdata);
    CHECK(b.size() == 8192 - IOHDRSZ + 11);
}

TEST_CASE("fcall: convS2Mhdr writes what goes in front of a Twrite's or Rread's data", "[fcall]")
{
    Fcall w;
    w.type = Twrite;
    w.tag = 0x1234;
    w.fid = 7;
    w.offset = 0x0102030405060708ull;
    w.count = 300;
    w.data = bigdata.data();
    Fcall r;
    r.type = Rread;
    r.tag = 9;
    r.count = 5;
    r.data = bigdata.data();
    for (const Fcall* f : { &w, &r }) {
        Bytes whole = encode(*f);
        size_t hdr = f->type == Twrite ? TWRITEHDR : RREADHDR;
        Bytes h(64, 0xEE);
        REQUIRE(convS2Mhdr(f, h.data(), h.size()) == hdr);
        CHECK(Bytes(h.begin(), h.begin() + long(hdr)) == Bytes(whole.begin(), whole.begin() + long(hdr)));
        CHECK(h[hdr] == 0xEE);  // the data is not written
        CHECK(whole.size() == hdr + f->count);
        CHECK(convS2Mhdr(f, h.data(), hdr - 1) == 0);
    }
    Fcall t;
    t.type = Tread;
    uint8_t buf[64];
    CHECK(convS2Mhdr(&t, buf, sizeof buf) == 0);
    w.data = nullptr;  // a count with no data is invalid, as for convS2M
    CHECK(convS2Mhdr(&w, buf, sizeof buf) == 0);
}

TEST_CASE("fcall: convS2M refuses what it cannot encode", "[fcall]")
{
    Fcall f;
    f.type = Twalk;
    f.nwname = MAXWELEM + 1;
    CHECK(sizeS2M(&f) == 0);
    uint8_t buf[512];
    CHECK(convS2M(&f, buf, sizeof buf) == 0);
    f.type = Rwalk;
    f.nwname = 0;
    f.nwqid = MAXWELEM + 1;
    CHECK(convS2M(&f, buf, sizeof buf) == 0);
    for (uint8_t t : {uint8_t(0), uint8_t(99), uint8_t(Terror), uint8_t(128), uint8_t(255)}) {
        f.type = t;
        CHECK(sizeS2M(&f) == 0);
        CHECK(convS2M(&f, buf, sizeof buf) == 0);
    }
    f.type = Rread;
    f.count = 5;
    f.data = nullptr;
    CHECK(convS2M(&f, buf, sizeof buf) == 0);
    f.count = 0xFFFFFFFFu;  // larger than any message
    f.data = bigdata.data();
    CHECK(sizeS2M(&f) == 0);

    for (const Fcall& s : samples()) {
        Bytes b = encode(s);
        auto small = std::make_unique<uint8_t[]>(b.size() - 1);
        CHECK(convS2M(&s, small.get(), b.size() - 1) == 0);
    }
}

TEST_CASE("fcall: truncations and wrong size fields are rejected", "[fcall]")
{
    Fcall g;
    for (const Fcall& f : samples()) {
        INFO("type " << int(f.type));
        const Bytes b = encode(f);
        // Every cut of the small messages; of the big ones, every cut near either end.
        for (size_t k = 0; k < b.size(); k += (k < 64 || k + 64 >= b.size()) ? 1 : 97) {
            Bytes t(b.begin(), b.begin() + std::ptrdiff_t(k));
            CHECK(decode(t, &g) == 0);  // size field says more than there is
            if (k >= 4) {
                set_size(t);
                CHECK(decode(t, &g) == 0);  // consistent size, short body
            }
        }
        for (long d : {-1L, 1L, 100000L}) {
            Bytes t = b;
            uint32_t n = uint32_t(long(b.size()) + d);
            for (int i = 0; i < 4; i++)
                t[size_t(i)] = uint8_t(n >> 8 * i);
            CHECK(decode(t, &g) == 0);
        }
        Bytes t = b;
        t.push_back(0);
        CHECK(decode(t, &g) == 0);  // trailing byte outside the size
        set_size(t);
        CHECK(decode(t, &g) == 0);  // trailing garbage inside the size
    }
}

TEST_CASE("fcall: unknown types, Terror and bad counts are rejected", "[fcall]")
{
    Fcall g;
    Fcall e;
    e.type = Rerror;
    e.tag = 1;
    e.ename = S("file does not exist");
    Bytes b = encode(e);
    for (int t : {0, 99, 106, 128, 200, 255}) {
        b[4] = uint8_t(t);
        CHECK(decode(b, &g) == 0);
    }

    // A string whose count runs one byte past the end.
    b = encode(e);
    b[7] = 0x14;
    CHECK(decode(b, &g) == 0);
    b[7] = 0xFF;
    b[8] = 0xFF;
    CHECK(decode(b, &g) == 0);

    // Seventeen walk names, and seventeen qids.
    Bytes w = {0, 0, 0, 0, Twalk, 1, 0, 1, 0, 0, 0, 2, 0, 0, 0, 17, 0};
    for (int i = 0; i < 17; i++)
        w.insert(w.end(), {1, 0, 'a'});
    set_size(w);
    CHECK(decode(w, &g) == 0);
    w[15] = 16;
    w.resize(w.size() - 3);
    set_size(w);
    CHECK(decode(w, &g) == w.size());  // sixteen is fine
    Bytes q = {0, 0, 0, 0, Rwalk, 1, 0, 17, 0};
    q.resize(q.size() + 17 * QIDSZ);
    set_size(q);
    CHECK(decode(q, &g) == 0);

    // Counts of data and stat bytes beyond the message.
    Bytes r = {0, 0, 0, 0, Rread, 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 'a', 'b'};
    set_size(r);
    CHECK(decode(r, &g) == 0);
    r[7] = 3, r[8] = r[9] = r[10] = 0;
    CHECK(decode(r, &g) == 0);
    r[7] = 2;
    CHECK(decode(r, &g) == r.size());
    Bytes s = {0, 0, 0, 0, Rstat, 1, 0, 0xFF, 0xFF, 1, 2};
    set_size(s);
    CHECK(decode(s, &g) == 0);
}

TEST_CASE("fcall: random corruptions decode safely or not at all", "[fcall]")
{
    std::mt19937 rng(9);
    auto all = samples();
    std::vector<Bytes> msgs;
    for (const Fcall& f : all)
        msgs.push_back(encode(f));
    int accepted = 0;
    for (int iter = 0; iter < 20000; iter++) {
        Bytes b = msgs[rng() % msgs.size()];
        int flips = 1 + int(rng() % 4);
        for (int i = 0; i < flips; i++) {
            size_t at = rng() % 3 ? rng() % std::min<size_t>(b.size(), 40) : rng() % b.size();
            b[at] = uint8_t(rng());
        }
        if (rng() % 4 == 0)
            b.resize(rng() % (b.size() + 8));
        if (b.size() >= 4 && rng() % 4)
            set_size(b);
        Fcall g;
        std::unique_ptr<uint8_t[]> owner;
        size_t r = decode(b, &g, &owner);
        if (!r)
            continue;
        accepted++;
        REQUIRE(r == b.size());
        REQUIRE(all_inside(g, owner.get(), b.size()));
        REQUIRE(encode(g) == b);  // what was accepted is exactly what it says
    }
    CHECK(accepted > 1000);
}
