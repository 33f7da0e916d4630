// Hostile input to a Conn: short, truncated, oversized and inconsistent messages,
// R-messages and unknown types, strings with NUL bytes, and random corruptions of valid
// requests. Each must be answered with Rerror (when it has a tag) or ignored; the sanitizers
// catch any bad read, and the session must keep working afterwards.
#include "harness.h"
#include <catch2/catch.hpp>
#include <random>

namespace {

struct Session {
    Memfs fs;
    Harness h{&fs.srv};
    Session()
    {
        memfile(fs, "/f", "glenda", 0664, "data");
        REQUIRE(h.version(8192).type == Rversion);
        REQUIRE(h.attach(0).type == Rattach);
    }
    // The session still works: a walk, an open and a read.
    void alive()
    {
        REQUIRE(h.walk(0, 100, {"f"}).type == Rwalk);
        REQUIRE(h.open(100, OREAD).type == Ropen);
        CHECK(h.read(100, 0, 10).count == 4);
        REQUIRE(h.clunk(100).type == Rclunk);
    }
};

void set_size(Bytes& b)
{
    uint32_t n = uint32_t(b.size());
    for (int i = 0; i < 4; i++)
        b[size_t(i)] = uint8_t(n >> 8 * i);
}

Bytes tstat(uint16_t tag, uint32_t fid)
{
    Fcall t;
    t.type = Tstat;
    t.tag = tag;
    t.fid = fid;
    return encode(t);
}

}  // namespace

TEST_CASE("lib9p: messages too short for a tag are ignored", "[lib9p][malformed]")
{
    Session s;
    for (size_t n = 0; n < 7; n++) {
        Bytes b(n, 0);
        if (n >= 4)
            set_size(b);
        CHECK(s.h.raw(b).empty());
    }
    Bytes b = tstat(1, 0);
    b[0]++;  // the size field disagrees with the length
    CHECK(s.h.raw(b).empty());
    s.alive();
}

TEST_CASE("lib9p: undecodable messages get Rerror with their tag", "[lib9p][malformed]")
{
    Session s;
    Bytes full = tstat(9, 0);
    for (size_t n = 7; n < full.size(); n++) {
        Bytes b(full.begin(), full.begin() + long(n));
        set_size(b);
        auto out = s.h.raw(b);
        REQUIRE(out.size() == 1);
        CHECK(out[0].tag == 9);
        CHECK(err(out[0]) == "9P protocol botch");
    }
    Bytes extra = full;
    extra.push_back(0);
    set_size(extra);
    CHECK(err(s.h.raw(extra).at(0)) == "9P protocol botch");
    for (uint8_t type : {uint8_t(Rstat), uint8_t(Rversion), uint8_t(Terror), uint8_t(99), uint8_t(200)}) {
        Bytes b = full;
        b[4] = type;
        auto out = s.h.raw(b);
        REQUIRE(out.size() == 1);
        CHECK(err(out[0]) == "9P protocol botch");
    }
    s.alive();
}

TEST_CASE("lib9p: messages above msize are refused", "[lib9p][malformed]")
{
    Session s;
    Fcall t;
    t.type = Twrite;
    t.tag = 3;
    t.fid = 0;
    Bytes data(9000, 'x');
    t.count = uint32_t(data.size());
    t.data = data.data();
    auto out = s.h.raw(encode(t));
    REQUIRE(out.size() == 1);
    CHECK(err(out[0]) == "9P protocol botch");
    Fcall v;
    v.type = Tversion;
    v.msize = 8192;
    std::string longv(9000, '9');
    v.version = Str{longv.data(), uint16_t(longv.size())};
    CHECK(err(s.h.raw(encode(v)).at(0)) == "9P protocol botch");
    s.alive();
}

TEST_CASE("lib9p: names with NUL bytes never match", "[lib9p][malformed]")
{
    Session s;
    Fcall t;
    t.type = Tcreate;
    t.fid = 0;
    t.name = Str{"f\0g", 3};
    t.perm = 0664;
    t.mode = OWRITE;
    CHECK(err(s.h.rpc(t)) == "bad character in file name");
    t.type = Twalk;
    t.newfid = 1;
    t.nwname = 1;
    t.wname[0] = Str{"f\0", 2};
    CHECK(err(s.h.rpc(t)) == "file does not exist");
    s.alive();
}

TEST_CASE("lib9p: random corruptions of valid requests never break the server", "[lib9p][malformed]")
{
    Session s;
    std::mt19937 rng(9);
    std::vector<Bytes> seeds;
    Fcall t;
    t.type = Twalk;
    t.fid = 0;
    t.newfid = 5;
    t.nwname = 2;
    t.wname[0] = S("f");
    t.wname[1] = S("..");
    seeds.push_back(encode(t));
    t = Fcall{};
    t.type = Tcreate;
    t.fid = 0;
    t.name = S("n");
    t.perm = 0664;
    t.mode = ORDWR;
    seeds.push_back(encode(t));
    t = Fcall{};
    t.type = Tread;
    t.fid = 0;
    t.count = 100;
    seeds.push_back(encode(t));
    t = Fcall{};
    t.type = Tflush;
    t.oldtag = 2;
    seeds.push_back(encode(t));
    Dir d;
    nulldir(&d);
    d.name = "m";
    Bytes st(sizeD2M(&d));
    convD2M(&d, st.data(), st.size());
    t = Fcall{};
    t.type = Twstat;
    t.fid = 0;
    t.stat = st.data();
    t.nstat = uint16_t(st.size());
    seeds.push_back(encode(t));
    for (int i = 0; i < 20000; i++) {
        Bytes b = seeds[size_t(rng()) % seeds.size()];
        int flips = 1 + int(rng() % 4);
        for (int k = 0; k < flips; k++)
            b[4 + rng() % (b.size() - 4)] = uint8_t(rng());
        if (rng() % 4 == 0)
            b.resize(7 + rng() % (b.size() - 6));
        set_size(b);
        for (const Fcall& r : s.h.raw(b))
            CHECK(r.type % 2 == 1);
    }
    // Whatever the fuzz made, a fresh session works.
    REQUIRE(s.h.version(8192).type == Rversion);
    REQUIRE(s.h.attach(0).type == Rattach);
    REQUIRE(s.h.walk(0, 100, {}).type == Rwalk);
}
