// hubfs's server (userland/cmd/hubfs/hubsrv.cpp) driven over 9P through lib9p's Conn:
// broadcast to every reader, the backlog and trunc, reads that wait, loss in normal
// mode and none in paranoid mode, eof marks, freeze and melt, removal, flush, the rate
// limits against a test clock, and the ctl file's status and errors.
#include "../lib9p/harness.h"
#include "lib9/error.h"
#include <catch2/catch.hpp>
#include <string>

#include "../../../userland/cmd/hubfs/hub.h"

namespace {

int64_t clock_ns = 1'000'000'000;
int64_t test_now() { return clock_ns; }
int64_t woken_at;
void test_wake(int64_t t) { woken_at = t; }
bool quitted;
void test_quit() { quitted = true; }

std::string data(const Fcall& r)
{
    REQUIRE(r.type == Rread);
    return std::string(reinterpret_cast<const char*>(r.data), r.count);
}

// A hubfs with its root attached as fid 0. Hubs are opened on fids from 10 up. Every
// call returns its own reply (type 0 while it waits); the replies to waiting requests
// that it set free are kept until answer() takes them.
struct Hubs {
    Hubcfg cfg;
    Srv* srv;
    Harness* h = nullptr;
    uint32_t nextfid = 10;
    uint16_t tag = 1000;
    std::deque<std::string> keep;
    std::vector<Fcall> others;

    explicit Hubs(uint32_t bufsize = 777777)
    {
        cfg.bufsize = bufsize;
        cfg.now = test_now;
        cfg.wake_at = test_wake;
        cfg.quit = test_quit;
        cfg.name = "test";
        srv = hubsrv(&cfg, "glenda");
        h = new Harness(srv);
        REQUIRE(h->version(8192 + IOHDRSZ).type == Rversion);
        REQUIRE(h->attach(0).type == Rattach);
    }
    ~Hubs()
    {
        delete h;
        freehubsrv(srv);
    }

    Fcall call(Fcall t, const std::string& s = "")
    {
        t.tag = tag++;
        if (t.type == Twrite) {
            keep.push_back(s);
            t.data = reinterpret_cast<const uint8_t*>(keep.back().data());
            t.count = uint32_t(s.size());
        }
        Fcall mine;
        mine.type = 0;
        mine.tag = t.tag;
        for (const Fcall& r : h->send(t))
            if (r.tag == t.tag)
                mine = r;
            else
                others.push_back(r);
        return mine;
    }
    // Whether the waiting request tag has been answered; answer() takes its reply.
    bool answered(uint16_t t)
    {
        for (const Fcall& r : h->late())
            others.push_back(r);
        for (const Fcall& r : others)
            if (r.tag == t)
                return true;
        return false;
    }
    Fcall answer(uint16_t t)
    {
        REQUIRE(answered(t));
        for (size_t i = 0;; i++)
            if (others[i].tag == t) {
                Fcall r = others[i];
                others.erase(others.begin() + long(i));
                return r;
            }
    }

    // Creates name, open with mode; returns the fid.
    uint32_t create(const char* name, uint8_t mode = OWRITE)
    {
        uint32_t fid = nextfid++;
        REQUIRE(h->walk(0, fid, {}).type == Rwalk);
        Fcall r = h->create(fid, name, 0666, mode);
        REQUIRE(err(r) == "");
        return fid;
    }
    uint32_t open(const char* name, uint8_t mode = OREAD)
    {
        uint32_t fid = nextfid++;
        REQUIRE(h->walk(0, fid, {name}).type == Rwalk);
        Fcall r = h->open(fid, mode);
        REQUIRE(err(r) == "");
        return fid;
    }
    Fcall twrite(uint32_t fid, const std::string& s, uint64_t offset = 0)
    {
        Fcall t;
        t.type = Twrite;
        t.fid = fid;
        t.offset = offset;
        return call(t, s);
    }
    void write(uint32_t fid, const std::string& s)
    {
        Fcall r = twrite(fid, s);
        REQUIRE(err(r) == "");
        REQUIRE(r.type == Rwrite);
        CHECK(r.count == s.size());
    }
    Fcall tread(uint32_t fid, uint32_t count = 8192, uint64_t offset = 0)
    {
        Fcall t;
        t.type = Tread;
        t.fid = fid;
        t.offset = offset;
        t.count = count;
        return call(t);
    }
    std::string read(uint32_t fid, uint32_t count = 8192, uint64_t offset = 0)
    {
        return data(tread(fid, count, offset));
    }
    // r must be waiting: no reply yet. Returns its tag.
    uint16_t waiting(const Fcall& r)
    {
        CHECK(r.type == 0);
        return r.tag;
    }
    Fcall clunk(uint32_t fid)
    {
        Fcall t;
        t.type = Tclunk;
        t.fid = fid;
        return call(t);
    }
    std::string ctl(const std::string& msg)
    {
        uint32_t fid = nextfid++;
        REQUIRE(h->walk(0, fid, {"ctl"}).type == Rwalk);
        REQUIRE(err(h->open(fid, OWRITE)) == "");
        Fcall r = twrite(fid, msg);
        clunk(fid);
        return err(r);
    }
};

}  // namespace

TEST_CASE("hubfs: every reader receives every byte, a late one the backlog")
{
    Hubs fs;
    uint32_t w = fs.create("io1");
    uint32_t a = fs.open("io1"), b = fs.open("io1");
    fs.write(w, "one ");
    fs.write(w, "two");
    CHECK(fs.read(a) == "one two");
    CHECK(fs.read(b, 4) == "one ");
    CHECK(fs.read(b) == "two");
    uint32_t late = fs.open("io1");
    CHECK(fs.read(late) == "one two");
}

TEST_CASE("hubfs: trunc makes new readers start at the write head")
{
    Hubs fs;
    fs.create("ctl");
    uint32_t w = fs.create("io1");
    fs.write(w, "old");
    REQUIRE(fs.ctl("trunc") == "");
    uint16_t t = fs.waiting(fs.tread(fs.open("io1")));
    fs.write(w, "new");
    CHECK(data(fs.answer(t)) == "new");
    REQUIRE(fs.ctl("notrunc") == "");
    CHECK(fs.read(fs.open("io1")) == "oldnew");
}

TEST_CASE("hubfs: a caught-up read waits for the next write")
{
    Hubs fs;
    uint32_t w = fs.create("io1");
    uint16_t t = fs.waiting(fs.tread(fs.open("io1")));
    CHECK_FALSE(fs.answered(t));
    fs.write(w, "x");
    CHECK(data(fs.answer(t)) == "x");
}

TEST_CASE("hubfs: normal mode never holds a writer, so a lagging reader loses the oldest bytes")
{
    Hubs fs(64);
    uint32_t w = fs.create("io1");
    uint32_t r = fs.open("io1");
    std::string all;
    for (int i = 0; i < 10; i++) {
        std::string chunk(16, char('a' + i));
        fs.write(w, chunk);
        all += chunk;
    }
    std::string got;
    while (got.size() < 64)
        got += fs.read(r);
    CHECK(got == all.substr(all.size() - 64));
    fs.waiting(fs.tread(r));
}

TEST_CASE("hubfs: paranoid mode holds a writer until a lagging reader catches up")
{
    Hubs fs(64);
    fs.create("ctl");
    uint32_t w = fs.create("io1");
    uint32_t r = fs.open("io1");
    REQUIRE(fs.ctl("fear") == "");
    std::string all;
    for (int i = 0; i < 4; i++) {
        std::string chunk(16, char('a' + i));
        fs.write(w, chunk);
        all += chunk;
    }
    std::string next(16, 'e');
    uint16_t t = fs.waiting(fs.twrite(w, next));  // 80 bytes would overwrite unread ones
    all += next;
    std::string got = fs.read(r, 32);
    CHECK(fs.answer(t).type == Rwrite);
    while (got.size() < all.size())
        got += fs.read(r, 32);
    CHECK(got == all);
    // A reader that goes away releases the writers it held.
    fs.write(w, std::string(64, 'f'));
    t = fs.waiting(fs.twrite(w, "g"));
    REQUIRE(fs.clunk(r).type == Rclunk);
    CHECK(fs.answer(t).type == Rwrite);
}

TEST_CASE("hubfs: calm releases the writers paranoid mode held")
{
    Hubs fs(32);
    fs.create("ctl");
    uint32_t w = fs.create("io1");
    fs.open("io1");
    REQUIRE(fs.ctl("fear") == "");
    fs.write(w, std::string(32, 'a'));
    uint16_t t = fs.waiting(fs.twrite(w, "b"));
    REQUIRE(fs.ctl("calm") == "");
    CHECK(fs.answer(t).type == Rwrite);
}

TEST_CASE("hubfs: eof ends the current read of every fid open at the time, once")
{
    Hubs fs;
    fs.create("ctl");
    uint32_t w = fs.create("io0");
    uint32_t waiting = fs.open("io0"), behind = fs.open("io0");
    uint16_t t = fs.waiting(fs.tread(waiting));
    REQUIRE(fs.ctl("eof io0") == "");
    CHECK(fs.answer(t).count == 0);
    fs.write(w, "after");
    CHECK(fs.read(waiting) == "after");
    // behind was not reading: it gets the eof where it was sent, then what followed.
    CHECK(fs.read(behind).empty());
    CHECK(fs.read(behind) == "after");
    // A fid opened after the eof reads through it.
    CHECK(fs.read(fs.open("io0")) == "after");
    CHECK(fs.ctl("eof nosuch") == "hub not found");
    CHECK(fs.ctl("eof ctl") == "hub not found");
}

TEST_CASE("hubfs: eof with no name reaches every hub")
{
    Hubs fs;
    fs.create("ctl");
    fs.create("a");
    fs.create("b");
    uint16_t ta = fs.waiting(fs.tread(fs.open("a"))), tb = fs.waiting(fs.tread(fs.open("b")));
    REQUIRE(fs.ctl("eof\n") == "");
    CHECK(fs.answer(ta).count == 0);
    CHECK(fs.answer(tb).count == 0);
}

TEST_CASE("hubfs: frozen hubs read and write as files, and melt resumes the stream")
{
    Hubs fs;
    fs.create("ctl");
    uint32_t w = fs.create("io1");
    uint32_t streaming = fs.open("io1");
    fs.write(w, "hello world");
    CHECK(fs.read(streaming, 6) == "hello ");
    REQUIRE(fs.ctl("freeze") == "");
    uint16_t t = fs.waiting(fs.tread(streaming));  // a streaming reader waits
    uint32_t file = fs.open("io1");
    CHECK(fs.read(file, 8192, 0) == "hello world");
    CHECK(fs.read(file, 8192, 11).empty());
    CHECK(fs.read(file, 3, 6) == "wor");
    CHECK(fs.twrite(w, "!", 5).count == 1);  // everything after the write goes
    CHECK(fs.read(file, 8192, 0) == "hello!");
    CHECK_FALSE(fs.answered(t));
    REQUIRE(fs.ctl("melt") == "");
    CHECK(data(fs.answer(t)) == "!");  // its position, past the new end, came back to it
    fs.write(w, "more");
    CHECK(fs.read(streaming) == "more");
}

TEST_CASE("hubfs: removing a hub ends its readers (end of file, then errors) and spares the others")
{
    Hubs fs;
    uint32_t w1 = fs.create("one"), w2 = fs.create("two");
    uint32_t r1 = fs.open("one"), r2 = fs.open("two");
    uint16_t t = fs.waiting(fs.tread(r1));
    fs.write(w2, "still");
    Fcall rm;
    rm.type = Tremove;
    rm.fid = fs.open("one", OWRITE);
    REQUIRE(fs.call(rm).type == Rremove);
    CHECK(fs.answer(t).count == 0);
    CHECK(err(fs.twrite(w1, "x")) == "i/o on hungup channel");
    CHECK(err(fs.tread(r1)) == "i/o on hungup channel");
    CHECK(fs.read(r2) == "still");
    REQUIRE(fs.h->walk(0, 1, {}).type == Rwalk);
    REQUIRE(fs.h->open(1, OREAD).type == Ropen);
    CHECK(dirnames(fs.tread(1)) == std::vector<std::string>{"two"});
    fs.create("one");  // the name is free again
}

TEST_CASE("hubfs: a flushed read is answered before the Rflush")
{
    Hubs fs;
    fs.create("io1");
    uint16_t t = fs.waiting(fs.tread(fs.open("io1")));
    Fcall f;
    f.type = Tflush;
    f.oldtag = t;
    REQUIRE(fs.call(f).type == Rflush);
    CHECK(err(fs.answer(t)) == "interrupted");
}

TEST_CASE("hubfs: the rate limits hold writes until the clock allows them")
{
    Hubs fs;
    fs.cfg.bps = 1000;
    uint32_t w = fs.create("io1");
    uint16_t t = fs.waiting(fs.twrite(w, std::string(500, 'x')));
    CHECK(woken_at == clock_ns + 500'000'000);
    clock_ns += 400'000'000;
    fs.srv->wakeup(fs.srv);
    CHECK_FALSE(fs.answered(t));
    clock_ns += 100'000'000;
    fs.srv->wakeup(fs.srv);
    CHECK(fs.answer(t).count == 500);
    fs.cfg.bps = 0;
    fs.cfg.mingap = 1'000'000;
    t = fs.waiting(fs.twrite(w, "y"));
    CHECK(woken_at == clock_ns + 1'000'000);
    clock_ns += 1'000'000;
    fs.srv->wakeup(fs.srv);
    CHECK(fs.answer(t).count == 1);
}

TEST_CASE("hubfs: ctl reports the modes and refuses what it does not know")
{
    Hubs fs(4096);
    uint32_t c = fs.create("ctl", OREAD);
    std::string want = "\tHubfs test status (1 is active, 0 is inactive):\n"
                       "Paranoid == 0  Frozen == 0  Trunc == 0  Applylimits == 0\nBuffersize == 4096\n";
    CHECK(fs.read(c) == want);
    CHECK(fs.read(c, 8192, want.size()).empty());
    REQUIRE(fs.ctl("fear") == "");
    REQUIRE(fs.ctl("freeze") == "");
    REQUIRE(fs.ctl("trunc") == "");
    CHECK(fs.read(c).find("Paranoid == 1  Frozen == 1  Trunc == 1") != std::string::npos);
    CHECK(fs.ctl("bogus") == "bad ctl message");
    CHECK(fs.ctl("fear now") == "bad ctl message");
    CHECK(fs.ctl("") == "bad ctl message");
    quitted = false;
    REQUIRE(fs.ctl("quit") == "");
    CHECK(quitted);
}

TEST_CASE("hubfs: long writes are cut to -l, and OTRUNC empties a hub only with -z")
{
    Hubs fs;
    fs.cfg.maxmsg = 10;
    uint32_t w = fs.create("io1");
    CHECK(fs.twrite(w, std::string(20, 'x')).count == 10);
    fs.open("io1", OWRITE | OTRUNC);
    CHECK(fs.read(fs.open("io1")) == std::string(10, 'x'));
    fs.cfg.allowtrunc = true;
    fs.open("io1", OWRITE | OTRUNC);
    uint32_t rd = fs.open("io1");
    fs.write(w, "new");
    CHECK(fs.read(rd) == "new");
}

TEST_CASE("hubfs: at most 77 hubs, and no directories")
{
    Hubs fs(16);
    for (int i = 0; i < 77; i++)
        fs.create(std::to_string(i).c_str());
    REQUIRE(fs.h->walk(0, 1, {}).type == Rwalk);
    CHECK(err(fs.h->create(1, "one-more", 0666, OWRITE)) == "too many hubs");
    CHECK(err(fs.h->create(1, "dir", DMDIR | 0777, OREAD)) == "permission denied");
    fs.create("ctl");  // ctl is not a hub
}
