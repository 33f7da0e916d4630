// The mount driver's reply checks: every way a server's reply can fail to answer its
// request, and the answers that must pass.
#include "9p/mntcheck.h"
#include <catch2/catch.hpp>
#include <cstring>
#include <vector>
#include "lib9/error.h"

namespace {

Fcall request(uint8_t type, uint16_t tag = 7)
{
    Fcall t;
    t.type = type;
    t.tag = tag;
    return t;
}

Fcall reply_to(const Fcall& t)
{
    Fcall r;
    r.type = t.type + 1;
    r.tag = t.tag;
    return r;
}

Str S(const char* s) { return Str { s, uint16_t(std::strlen(s)) }; }

std::vector<uint8_t> entry(const char* name)
{
    Dir d;
    d.name = name;
    d.uid = d.gid = d.muid = "u";
    std::vector<uint8_t> b(sizeD2M(&d));
    REQUIRE(convD2M(&d, b.data(), b.size()) == b.size());
    return b;
}

}  // namespace

TEST_CASE("mntcheck: a reply of the right type and tag passes, and an Rerror always does")
{
    for (uint8_t type = Tversion; type <= Twstat; type += 2) {
        if (type == Terror || type == Tstat || type == Twalk)
            continue;  // no such request; these two carry their own checks below
        Fcall t = request(type);
        CHECK(mnt_check(t, reply_to(t)) == nullptr);
        Fcall e = reply_to(t);
        e.type = Rerror;
        e.ename = S("no");
        CHECK(mnt_check(t, e) == nullptr);
    }
}

TEST_CASE("mntcheck: wrong tag or wrong type is a mount rpc error")
{
    Fcall t = request(Topen);
    Fcall r = reply_to(t);
    r.tag = 8;
    CHECK(mnt_check(t, r) == std::string(Emountrpc));
    r = reply_to(t);
    r.type = Rread;
    CHECK(mnt_check(t, r) == std::string(Emountrpc));
    r.type = Topen;  // a request is no reply
    CHECK(mnt_check(t, r) == std::string(Emountrpc));
}

TEST_CASE("mntcheck: Rwalk may not return more qids than names, nor walk on from a file")
{
    Fcall t = request(Twalk);
    t.nwname = 2;
    Fcall r = reply_to(t);
    r.nwqid = 3;
    CHECK(mnt_check(t, r) == std::string(Ewalkqids));
    r.nwqid = 2;
    r.wqid[0].type = QTFILE;
    CHECK(mnt_check(t, r) == std::string(Emountrpc));
    r.wqid[0].type = QTDIR;
    CHECK(mnt_check(t, r) == nullptr);
    r.nwqid = 1;  // a partial walk is an answer
    CHECK(mnt_check(t, r) == nullptr);
}

TEST_CASE("mntcheck: Rread and Rwrite counts stay within what was asked")
{
    for (uint8_t type : { Tread, Twrite }) {
        Fcall t = request(type);
        t.count = 100;
        Fcall r = reply_to(t);
        r.count = 100;
        CHECK(mnt_check(t, r) == nullptr);
        r.count = 101;
        CHECK(mnt_check(t, r) == std::string(Emountrpc));
    }
}

TEST_CASE("mntcheck: Rstat must hold one well-formed entry")
{
    Fcall t = request(Tstat);
    Fcall r = reply_to(t);
    auto e = entry("f");
    r.stat = e.data();
    r.nstat = uint16_t(e.size());
    CHECK(mnt_check(t, r) == nullptr);
    r.nstat--;
    CHECK(mnt_check(t, r) == std::string(Esbadstat));
    e[0]++;  // size field disagrees
    r.nstat++;
    CHECK(mnt_check(t, r) == std::string(Esbadstat));
}

TEST_CASE("mntcheck: Rversion may lower msize but not raise it, and must speak 9P2000")
{
    Fcall r;
    r.type = Rversion;
    r.tag = NOTAG;
    r.msize = 8216;
    r.version = S("9P2000");
    CHECK(mnt_check_version(r, 8216, "9P2000") == nullptr);
    CHECK(mnt_check_version(r, 65560, "9P2000") == nullptr);
    CHECK(mnt_check_version(r, 8000, "9P2000") != nullptr);
    r.msize = 100;
    CHECK(mnt_check_version(r, 8216, "9P2000") != nullptr);
    r.msize = 8216;
    r.version = S("unknown");
    CHECK(mnt_check_version(r, 8216, "9P2000") != nullptr);
    r.version = S("9P2000");
    CHECK(mnt_check_version(r, 8216, "9P2000.x") == nullptr);  // the base version of ours
    r.tag = 1;
    CHECK(mnt_check_version(r, 8216, "9P2000") != nullptr);
    r.tag = NOTAG;
    r.type = Rattach;
    CHECK(mnt_check_version(r, 8216, "9P2000") != nullptr);
}

TEST_CASE("mntcheck: directory reads are whole entries")
{
    auto a = entry("a"), b = entry("bb");
    std::vector<uint8_t> both(a);
    both.insert(both.end(), b.begin(), b.end());
    CHECK(mnt_check_dirs(both.data(), uint32_t(both.size())) == nullptr);
    CHECK(mnt_check_dirs(both.data(), 0) == nullptr);
    for (size_t cut = 1; cut < both.size(); cut++)
        if (cut != a.size())
            CHECK(mnt_check_dirs(both.data(), uint32_t(cut)) == std::string(Esbadstat));
}
