// Requests answered later: a server that holds its reads, Tflush of a held request with
// and without a flush callback (Rflush always after the flushed request's reply, no tag
// answered twice), duplicate tags, and Tversion or a hang-up while requests are pending.
#include "harness.h"
#include "lib9/error.h"
#include "lib9/sys.h"
#include <catch2/catch.hpp>
#include <cstring>

namespace {

// memfs whose reads wait in held until the test answers them.
struct Slow {
    Memfs fs;
    std::vector<Req*> held;
    std::vector<Req*> flushes;
    bool answer_flush_first = false;  // the flush callback answers the Tflush before oldreq
    Harness h{&fs.srv};

    explicit Slow(bool with_flush)
    {
        fs.srv.aux = this;
        fs.srv.read = [](Req* r) { static_cast<Slow*>(r->srv->aux)->held.push_back(r); };
        if (with_flush)
            fs.srv.flush = [](Req* r) {
                Slow* s = static_cast<Slow*>(r->srv->aux);
                s->flushes.push_back(r);
                if (s->answer_flush_first)
                    respond(r, nullptr);
            };
        memfile(fs, "/f", "glenda", 0664, "data");
        REQUIRE(h.version(8192).type == Rversion);
        REQUIRE(h.attach(0).type == Rattach);
        REQUIRE(h.walk(0, 1, {"f"}).type == Rwalk);
        REQUIRE(h.open(1, OREAD).type == Ropen);
    }

    void read(uint16_t tag)
    {
        Fcall t;
        t.type = Tread;
        t.tag = tag;
        t.fid = 1;
        t.count = 10;
        CHECK(h.send(t).empty());
    }

    std::vector<Fcall> flush(uint16_t tag, uint16_t oldtag)
    {
        Fcall t;
        t.type = Tflush;
        t.tag = tag;
        t.oldtag = oldtag;
        return h.send(t);
    }

    Req* take(size_t i)
    {
        Req* r = held.at(i);
        held.erase(held.begin() + long(i));
        return r;
    }
};

void answer(Req* r, const char* data)
{
    r->ofcall.count = uint32_t(std::strlen(data));
    std::memcpy(r->rbuf, data, r->ofcall.count);
    respond(r, nullptr);
}

}  // namespace

TEST_CASE("lib9p: a held request is answered later, once", "[lib9p][flush]")
{
    Slow s(false);
    s.read(100);
    s.read(101);
    REQUIRE(s.held.size() == 2);
    CHECK(s.h.conn.pending() == 2);
    answer(s.take(1), "second");
    auto out = s.h.late();
    REQUIRE(out.size() == 1);
    CHECK(out[0].tag == 101);
    CHECK(std::string(reinterpret_cast<const char*>(out[0].data), out[0].count) == "second");
    answer(s.take(0), "first");
    out = s.h.late();
    REQUIRE(out.size() == 1);
    CHECK(out[0].tag == 100);
    CHECK(s.h.conn.pending() == 0);
}

TEST_CASE("lib9p: a tag in use is refused, and free again after the reply", "[lib9p][flush]")
{
    Slow s(false);
    s.read(7);
    Fcall t;
    t.type = Tstat;
    t.tag = 7;
    t.fid = 0;
    auto out = s.h.send(t);
    REQUIRE(out.size() == 1);
    CHECK(err(out[0]) == "duplicate tag");
    CHECK(s.held.size() == 1);
    answer(s.take(0), "x");
    CHECK(s.h.late().size() == 1);
    out = s.h.send(t);
    REQUIRE(out.size() == 1);
    CHECK(out[0].type == Rstat);
}

TEST_CASE("lib9p: without a flush callback the library drops the flushed request", "[lib9p][flush]")
{
    Slow s(false);
    s.read(5);
    auto out = s.flush(6, 5);
    REQUIRE(out.size() == 1);
    CHECK(out[0].type == Rflush);
    CHECK(out[0].tag == 6);
    CHECK(s.h.conn.pending() == 0);
    Req* r = s.take(0);
    CHECK(r->flushed);
    // The tag is free at once, and the late answer to the flushed request goes nowhere.
    s.read(5);
    answer(r, "late");
    CHECK(s.h.late().empty());
    answer(s.take(0), "new");
    out = s.h.late();
    REQUIRE(out.size() == 1);
    CHECK(out[0].tag == 5);
}

TEST_CASE("lib9p: flush of an unknown tag is answered at once", "[lib9p][flush]")
{
    Slow s(true);
    auto out = s.flush(6, 999);
    REQUIRE(out.size() == 1);
    CHECK(out[0].type == Rflush);
    out = s.flush(6, 6);  // its own tag
    REQUIRE(out.size() == 1);
    CHECK(out[0].type == Rflush);
    CHECK(s.flushes.empty());
}

TEST_CASE("lib9p: with a flush callback Rflush follows the flushed request's reply", "[lib9p][flush]")
{
    Slow s(true);
    s.read(5);
    CHECK(s.flush(6, 5).empty());
    REQUIRE(s.flushes.size() == 1);
    Req* f = s.flushes[0];
    CHECK(f->oldreq == s.held[0]);
    respond(s.take(0), Eintr);
    respond(f, nullptr);
    auto out = s.h.late();
    REQUIRE(out.size() == 2);
    CHECK(out[0].tag == 5);
    CHECK(err(out[0]) == "interrupted");
    CHECK(out[1].tag == 6);
    CHECK(out[1].type == Rflush);
    CHECK(s.h.conn.pending() == 0);
}

TEST_CASE("lib9p: a Tflush answered first waits for the flushed request", "[lib9p][flush]")
{
    Slow s(true);
    s.answer_flush_first = true;
    s.read(5);
    CHECK(s.flush(6, 5).empty());  // answered by the server, held by the library
    CHECK(s.flush(7, 5).empty());  // a second flush of the same request
    CHECK(s.h.conn.pending() == 3);
    answer(s.take(0), "done");
    auto out = s.h.late();
    REQUIRE(out.size() == 3);
    CHECK(out[0].tag == 5);
    CHECK(out[0].type == Rread);
    CHECK(out[1].tag == 6);
    CHECK(out[1].type == Rflush);
    CHECK(out[2].tag == 7);
    CHECK(out[2].type == Rflush);
}

TEST_CASE("lib9p: a flush of a pending flush drops it", "[lib9p][flush]")
{
    Slow s(true);
    s.read(5);
    CHECK(s.flush(6, 5).empty());
    auto out = s.flush(7, 6);
    REQUIRE(out.size() == 1);
    CHECK(out[0].tag == 7);
    CHECK(out[0].type == Rflush);
    // The server still answers both; only the read's reply goes out.
    respond(s.take(0), Eintr);
    respond(s.flushes[0], nullptr);
    out = s.h.late();
    REQUIRE(out.size() == 1);
    CHECK(out[0].tag == 5);
}

TEST_CASE("lib9p: Tversion flushes pending requests and clunks every fid", "[lib9p][flush]")
{
    Slow s(false);
    s.read(5);
    CHECK(s.h.version(8192).type == Rversion);
    CHECK(s.h.conn.pending() == 0);
    answer(s.take(0), "late");
    CHECK(s.h.late().empty());
    CHECK(err(s.h.clunk(1)) == "unknown fid");
    CHECK(s.h.attach(0).type == Rattach);
}

TEST_CASE("lib9p: a held request outlives its connection", "[lib9p][flush]")
{
    Memfs fs;
    std::vector<Req*> held;
    fs.srv.aux = &held;
    fs.srv.read = [](Req* r) { static_cast<std::vector<Req*>*>(r->srv->aux)->push_back(r); };
    memfile(fs, "/f", "glenda", 0664, "data");
    {
        Harness h(&fs.srv);
        h.version(8192);
        h.attach(0);
        REQUIRE(h.walk(0, 1, {"f"}).type == Rwalk);
        REQUIRE(h.open(1, OREAD | ORCLOSE).type == Ropen);
        Fcall t;
        t.type = Tread;
        t.fid = 1;
        t.count = 4;
        CHECK(h.send(t).empty());
        REQUIRE(held.size() == 1);
    }
    // The fid is still referenced by the held read: the ORCLOSE file is there until it goes.
    CHECK(lookupfile(fs.srv.tree->root, "f"));
    CHECK(held[0]->flushed);
    answer(held[0], "late");
    CHECK(!lookupfile(fs.srv.tree->root, "f"));
}

TEST_CASE("lib9p: a walk made by the server later can be flushed", "[lib9p][flush]")
{
    Memfs fs;
    std::vector<Req*> held;
    fs.srv.aux = &held;
    fs.srv.walk = [](Req* r) { static_cast<std::vector<Req*>*>(r->srv->aux)->push_back(r); };
    Harness h(&fs.srv);
    h.version(8192);
    h.attach(0);
    Fcall t;
    t.type = Twalk;
    t.tag = 3;
    t.fid = 0;
    t.newfid = 1;
    t.nwname = 1;
    t.wname[0] = S("x");
    CHECK(h.send(t).empty());
    Fcall f;
    f.type = Tflush;
    f.tag = 4;
    f.oldtag = 3;
    REQUIRE(h.send(f).size() == 1);
    // newfid was never made: the client may use the number again at once.
    CHECK(h.walk(0, 1, {}).type == Rwalk);
    held[0]->ofcall.nwqid = 1;
    held[0]->ofcall.wqid[0] = Qid{};
    respond(held[0], nullptr);
    CHECK(h.late().empty());
    CHECK(h.clunk(1).type == Rclunk);
}
