// The mount driver's conversations (kernel/9p/mntrpc.cpp) against lib9p in the same
// process: version negotiation; the calls of several processes outstanding at once and
// answered in any order, each getting its own reply; flushes of interrupted calls; server
// errors; hangups; clunks. Servers that misbehave are played by the test itself, through
// a Wire without a Srv.
#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <random>
#include <set>
#include "mntrig.h"

using hostproc::run;

namespace {

bool waiting(const Call& c)
{
    return !c.done && hostproc::asleep(c.p);
}

Fcall reply(uint8_t type, uint16_t tag)
{
    Fcall r;
    r.type = type;
    r.tag = tag;
    return r;
}

Fcall rversion(uint32_t msize, const char* v = "9P2000")
{
    Fcall r = reply(Rversion, NOTAG);
    r.msize = msize;
    r.version = S(v);
    return r;
}

Fcall rerror(uint16_t tag, const char* e)
{
    Fcall r = reply(Rerror, tag);
    r.ename = S(e);
    return r;
}

Fcall rread(uint16_t tag, const char* data)
{
    Fcall r = reply(Rread, tag);
    r.count = uint32_t(strlen(data));
    r.data = reinterpret_cast<const uint8_t*>(data);
    return r;
}

// A connection whose server is the test: it reads the T-messages off the wire and answers
// as it likes.
struct Script {
    explicit Script(uint32_t msize = MNTDEFMSIZE) : c(wire.open())
    {
        Result<Mnt*> got = "did not finish";
        hostproc::spawn("version", [&] { got = mnt_version(c, 0, "9P2000"); });
        CHECK(run());
        wire.send(rversion(msize));
        CHECK(run());
        REQUIRE(got.error() == nullptr);
        m = got.value();
    }
    ~Script()
    {
        CHECK(hostproc::reap() == 0);
        if (c)
            cclose(c);
        CHECK(wire.chans() == 0);
    }
    Script(const Script&) = delete;
    Script& operator=(const Script&) = delete;

    Wire wire;
    Chan* c;
    Mnt* m = nullptr;
};

// The test's own message as bytes, for replies lib9's encoder would refuse to make.
std::vector<uint8_t> message(uint8_t type, uint16_t tag, std::vector<uint8_t> body)
{
    uint32_t size = 7 + uint32_t(body.size());
    std::vector<uint8_t> b { uint8_t(size), uint8_t(size >> 8), uint8_t(size >> 16), uint8_t(size >> 24),
        type, uint8_t(tag), uint8_t(tag >> 8) };
    b.insert(b.end(), body.begin(), body.end());
    return b;
}

}  // namespace

TEST_CASE("mnt: version negotiation settles on the server's smaller msize", "[mnt]")
{
    Rig rig(false, 4096 + IOHDRSZ);
    const Fcall& tv = rig.wire.msg(0);
    CHECK(tv.type == Tversion);
    CHECK(tv.tag == NOTAG);
    CHECK(tv.msize == MNTDEFMSIZE);
    CHECK(str(tv.version) == "9P2000");
    CHECK(rig.m->msize == 4096 + IOHDRSZ);
    CHECK(std::string(rig.m->version) == "9P2000");

    // Asked again, the channel's connection answers without a message.
    size_t n = rig.wire.nmsg();
    CHECK(version(rig.c, 0).value() == rig.m);
    CHECK(version(rig.c, 0, "9P2000.u").value() == rig.m);
    CHECK(std::string(version(rig.c, 0, "9P1").error()) == "bad 9P version specification");
    CHECK(rig.wire.nmsg() == n);

    // The largest read the agreed msize allows.
    std::string big(10000, 'x');
    memfile(rig.srv.fs, "/big", "glenda", 0664, big.c_str());
    REQUIRE(sequence(rig.m, { twalk(0, 4, "big"), topen(4, OREAD) }) == std::vector<std::string>(2, ""));
    Call c(tread(4, 4096));
    start(rig.m, c);
    CHECK(run());
    CHECK(c.err == "");
    CHECK(c.count == 4096);
}

TEST_CASE("mnt: the msize offered stays within the driver's bounds and extensions fall back to 9P2000", "[mnt]")
{
    Memfs fs;
    fs.srv.msize = 1 << 20;
    Wire wire(&fs.srv);
    Chan* c = wire.open();
    CHECK(std::string(version(c, 200).error()) == "bad iounit in version call");
    CHECK(wire.nmsg() == 0);
    auto v = version(c, 1 << 20, "9P2000.u");
    REQUIRE(v.error() == nullptr);
    CHECK(wire.msg(0).msize == MNTMAXMSIZE);
    CHECK(str(wire.msg(0).version) == "9P2000.u");
    CHECK(v.value()->msize == MNTMAXMSIZE);
    CHECK(std::string(v.value()->version) == "9P2000");
    CHECK(hostproc::reap() == 0);
    cclose(c);
    CHECK(wire.chans() == 0);
}

TEST_CASE("mnt: a bad Rversion fails the negotiation and leaves the channel unclaimed", "[mnt]")
{
    struct Bad {
        const char* what;
        std::vector<uint8_t> reply;  // empty: the server hangs up instead
        const char* err;
    };
    auto enc = [](const Fcall& f) { return encode(f); };
    Fcall tagged = rversion(4096);
    tagged.tag = 1;
    Fcall rattach = reply(Rattach, NOTAG);
    const Bad bads[] = {
        { "a bigger msize", enc(rversion(MNTDEFMSIZE + 1)), "server tries to increase msize in fversion" },
        { "a tiny msize", enc(rversion(128)), "nonsense value of msize in fversion" },
        { "version unknown", enc(rversion(4096, "unknown")), "bad 9P version returned from server" },
        { "another extension", enc(rversion(4096, "9P2000.L")), "bad 9P version returned from server" },
        { "a tag", enc(tagged), "unexpected reply type in fversion" },
        { "another type", enc(rattach), "unexpected reply type in fversion" },
        { "an Rerror", enc(rerror(NOTAG, "no versions today")), "no versions today" },
        { "a size below a header", { 3, 0, 0, 0 }, "bad fversion conversion on reply" },
        { "a size above the buffer", { 0x40, 0x20, 0, 0 }, "bad fversion conversion on reply" },
        { "no body", message(Rversion, NOTAG, {}), "bad fversion conversion on reply" },
        { "a hangup", {}, "EOF receiving fversion reply" },
    };
    for (const Bad& bad : bads) {
        INFO(bad.what);
        Wire wire;
        Chan* c = wire.open();
        Result<Mnt*> got = "did not finish";
        hostproc::spawn("version", [&] { got = mnt_version(c, 0, "9P2000"); });
        CHECK(run());
        REQUIRE(wire.nmsg() == 1);
        CHECK(wire.msg(0).type == Tversion);
        if (bad.reply.empty())
            wire.hangup();
        else
            wire.send(bad.reply);
        CHECK(run());
        CHECK(std::string(got.error() ? got.error() : "no error") == bad.err);
        CHECK(c->mux == nullptr);
        CHECK(hostproc::reap() == 0);
        cclose(c);
    }
}

TEST_CASE("mnt: a Tversion in progress keeps others off the channel and frees it when interrupted", "[mnt]")
{
    Wire wire;
    Chan* c = wire.open();
    Result<Mnt*> first = "did not finish", second = "did not finish";
    Proc* p = hostproc::spawn("first", [&] { first = mnt_version(c, 0, "9P2000"); });
    CHECK(run());
    hostproc::spawn("second", [&] { second = mnt_version(c, 0, "9P2000"); });
    CHECK(run());
    CHECK(std::string(second.error()) == Einuse);
    postnote(p, "interrupt");
    CHECK(run());
    CHECK(std::string(first.error()) == Eintr);
    CHECK(c->mux == nullptr);
    CHECK(hostproc::reap() == 0);
    cclose(c);
}

TEST_CASE("mnt: calls of several processes outstanding at once and answered out of order each get their own reply", "[mnt]")
{
    Rig rig;
    rig.srv.hold_reads = true;
    Call a(tread(1, 100)), b(tread(2, 100), true), c(tread(3, 100));
    for (Call* x : { &a, &b, &c })
        start(rig.m, *x);
    CHECK(run());
    REQUIRE(rig.srv.reads.size() == 3);
    CHECK((waiting(a) && waiting(b) && waiting(c)));
    CHECK(rig.m->rip == a.p);  // the first to wait reads for everyone
    std::set<uint16_t> tags;
    for (size_t i = rig.wire.nmsg() - 3; i < rig.wire.nmsg(); i++)
        tags.insert(rig.wire.msg(i).tag);
    CHECK(tags.size() == 3);

    rig.srv.answer(rig.srv.take_read(2));  // c's, read by a
    CHECK(run());
    CHECK(c.done);
    CHECK(c.data == "gamma");
    CHECK((waiting(a) && waiting(b)));

    rig.srv.answer(rig.srv.take_read(0));  // a's own
    CHECK(run());
    CHECK(a.data == "alpha");
    CHECK(waiting(b));
    CHECK(rig.m->rip == b.p);  // a handed the reading over as it left

    rig.srv.answer(rig.srv.take_read(0));
    CHECK(run());
    CHECK(b.err == "");
    CHECK(b.data == "beta");
    CHECK(rig.m->queue == nullptr);
    CHECK(rig.m->rip == nullptr);
}

TEST_CASE("mnt: tags wrap around without using NOTAG", "[mnt]")
{
    Rig rig;
    rig.srv.hold_reads = true;
    rig.m->nexttag = NOTAG - 1;
    Call a(tread(1, 10)), b(tread(2, 10));
    start(rig.m, a);
    start(rig.m, b);
    CHECK(run());
    CHECK(rig.wire.msg(rig.wire.nmsg() - 2).tag == NOTAG - 1);
    CHECK(rig.wire.last().tag == 0);
    rig.srv.answer(rig.srv.take_read(1));
    rig.srv.answer(rig.srv.take_read(0));
    CHECK(run());
    CHECK(a.data == "alpha");
    CHECK(b.data == "beta");
}

TEST_CASE("mnt: many calls answered in a shuffled order with replies trickling a few bytes at a time", "[mnt]")
{
    Rig rig;
    std::string text;
    for (int i = 0; i < 1000; i++)
        text += char('a' + i * 7 % 26);
    memfile(rig.srv.fs, "/t", "glenda", 0664, text.c_str());
    REQUIRE(sequence(rig.m, { twalk(0, 4, "t"), topen(4, OREAD) }) == std::vector<std::string>(2, ""));
    rig.srv.hold_reads = true;
    rig.wire.chunk = 5;

    constexpr int N = 24;
    std::vector<std::unique_ptr<Call>> calls;
    for (int i = 0; i < N; i++) {
        calls.push_back(std::make_unique<Call>(tread(4, 10 + i, 30 * i), i % 2 == 0));
        start(rig.m, *calls.back());
    }
    CHECK(run());
    REQUIRE(rig.srv.reads.size() == N);
    std::mt19937 rng(9);
    while (!rig.srv.reads.empty()) {
        size_t i = rng() % rig.srv.reads.size();
        rig.srv.answer(rig.srv.take_read(i));
        CHECK(run());
    }
    for (int i = 0; i < N; i++) {
        INFO("call " << i);
        CHECK(calls[i]->err == "");
        CHECK(calls[i]->data == text.substr(30 * i, 10 + i));
    }
    CHECK(rig.m->queue == nullptr);
}

TEST_CASE("mnt: an interrupted call sends Tflush and succeeds if answered before the Rflush", "[mnt]")
{
    Rig rig(true);
    rig.srv.hold_reads = true;
    Call a(tread(1, 100));
    start(rig.m, a);
    CHECK(run());
    REQUIRE(rig.srv.reads.size() == 1);
    postnote(a.p, "interrupt");
    CHECK(run());
    REQUIRE(rig.srv.flushes.size() == 1);
    const Fcall& tf = rig.wire.last();
    CHECK(tf.type == Tflush);
    CHECK(tf.oldtag == rig.wire.msg(rig.wire.nmsg() - 2).tag);
    CHECK(waiting(a));  // the interrupt was answered by the flush: a waits for its reply

    rig.srv.answer(rig.srv.take_read(0));
    respond(rig.srv.take_flush(0), nullptr);
    CHECK(run());
    CHECK(a.err == "");
    CHECK(a.data == "alpha");
    CHECK(!a.p->interrupted);
    CHECK(rig.m->queue == nullptr);
}

TEST_CASE("mnt: an interrupted call whose Rflush comes without its reply fails with interrupted", "[mnt]")
{
    Rig rig(false);  // lib9p drops the flushed read and answers the Tflush at once
    rig.srv.hold_reads = true;
    Call a(tread(1, 100)), b(tread(2, 100));
    start(rig.m, a);
    start(rig.m, b);
    CHECK(run());
    postnote(a.p, "interrupt");  // a is the reader
    CHECK(run());
    CHECK(a.err == Eintr);
    CHECK(rig.wire.last().type == Tflush);
    CHECK(rig.wire.last().oldtag == a.tag);
    CHECK(waiting(b));  // and b carries on, reading for itself now
    rig.srv.answer(rig.srv.take_read(1));
    CHECK(run());
    CHECK(b.data == "beta");
    CHECK(rig.m->queue == nullptr);
}

TEST_CASE("mnt: a caller interrupted again gives up but its tags stay in use until the Rflush", "[mnt]")
{
    Rig rig(true);
    rig.srv.hold_reads = true;
    Call a(tread(1, 100));
    start(rig.m, a);
    CHECK(run());
    postnote(a.p, "interrupt");
    CHECK(run());
    REQUIRE(rig.srv.flushes.size() == 1);
    uint16_t oldtag = rig.wire.last().oldtag;
    uint16_t flushtag = rig.wire.last().tag;
    postnote(a.p, "interrupt");
    CHECK(run());
    CHECK(a.err == Eintr);

    // Neither tag is given out while the server may still answer it.
    rig.m->nexttag = oldtag;
    Call b(tstat(0));
    start(rig.m, b);
    CHECK(run());
    CHECK(b.err == "");
    CHECK(b.tag != oldtag);
    CHECK(b.tag != flushtag);

    // The server answers the read (as interrupted) and then the flush; c's call reads them.
    respond(rig.srv.take_read(0), Eintr);
    respond(rig.srv.take_flush(0), nullptr);
    rig.m->nexttag = oldtag;
    Call c(tstat(0));
    start(rig.m, c);
    CHECK(run());
    CHECK(c.err == "");
    CHECK(c.tag != oldtag);
    CHECK(rig.m->queue == nullptr);

    rig.m->nexttag = oldtag;  // free again
    Call d(tstat(0));
    start(rig.m, d);
    CHECK(run());
    CHECK(d.err == "");
    CHECK(d.tag == oldtag);
}

TEST_CASE("mnt: a hangup while a given-up call's flush is outstanding frees both", "[mnt]")
{
    Rig rig(true);
    rig.srv.hold_reads = true;
    Call a(tread(1, 100));
    start(rig.m, a);
    CHECK(run());
    postnote(a.p, "interrupt");
    CHECK(run());
    postnote(a.p, "interrupt");
    CHECK(run());
    CHECK(a.err == Eintr);
    CHECK(rig.m->queue != nullptr);
    rig.wire.hangup();
    Call b(tstat(0));  // finds out
    start(rig.m, b);
    CHECK(run());
    CHECK(b.err == Ehungup);
    CHECK(rig.m->queue == nullptr);
}

TEST_CASE("mnt: a hangup while a caller waits for its Rflush fails the call with the hangup", "[mnt]")
{
    Rig rig(true);
    rig.srv.hold_reads = true;
    Call a(tread(1, 100));
    start(rig.m, a);
    CHECK(run());
    postnote(a.p, "interrupt");
    CHECK(run());
    REQUIRE(rig.srv.flushes.size() == 1);
    rig.wire.hangup();
    CHECK(run());
    CHECK(a.err == Ehungup);
    CHECK(rig.m->queue == nullptr);
}

TEST_CASE("mnt: a call whose Tflush cannot be written is freed when its reply comes", "[mnt]")
{
    Rig rig;
    rig.srv.hold_reads = true;
    Call a(tread(1, 100));
    start(rig.m, a);
    CHECK(run());
    size_t n = rig.wire.nmsg();
    rig.wire.stall(true);
    postnote(a.p, "interrupt");
    CHECK(run());
    CHECK(waiting(a));  // writing the Tflush
    postnote(a.p, "interrupt");
    CHECK(run());
    CHECK(a.err == Eintr);
    CHECK(rig.wire.nmsg() == n);
    rig.wire.stall(false);
    rig.srv.hold_reads = false;
    rig.srv.answer(rig.srv.take_read(0));
    Call b(tread(2, 100));  // reads a's reply first, which nobody wants now
    start(rig.m, b);
    CHECK(run());
    CHECK(b.data == "beta");
    CHECK(rig.m->queue == nullptr);
}

TEST_CASE("mnt: a reader interrupted part way through a reply leaves the rest to the next reader", "[mnt]")
{
    Rig rig;
    rig.srv.hold_reads = true;
    Call a(tread(1, 100)), b(tread(2, 100), true);
    start(rig.m, a);
    start(rig.m, b);
    CHECK(run());
    rig.wire.hold(true);
    rig.srv.answer(rig.srv.take_read(1));  // b's reply, of which a reads 9 bytes
    rig.wire.release(9);
    CHECK(run());
    CHECK(rig.wire.unread() == 0);
    CHECK(rig.m->rlen == 9);
    postnote(a.p, "interrupt");
    CHECK(run());  // a's Rflush is held too
    CHECK(rig.wire.last().type == Tflush);
    rig.wire.release();
    rig.wire.hold(false);
    CHECK(run());
    CHECK(b.err == "");
    CHECK(b.data == "beta");
    CHECK(a.err == Eintr);
    CHECK(rig.m->queue == nullptr);
}

TEST_CASE("mnt: a reader interrupted while reading its own data in place keeps what it read", "[mnt]")
{
    Rig rig;
    rig.srv.hold_reads = true;
    Call a(tread(1, 100), true);
    start(rig.m, a);
    CHECK(run());
    rig.wire.hold(true);
    rig.srv.answer(rig.srv.take_read(0));
    rig.wire.release(13);  // the Rread's header and "al", straight into a's buffer
    CHECK(run());
    CHECK(rig.m->direct != nullptr);
    postnote(a.p, "interrupt");
    CHECK(run());  // the reply was sent before the Tflush came: lib9p just answers it
    CHECK(rig.m->direct == nullptr);
    rig.wire.release();
    rig.wire.hold(false);
    CHECK(run());
    CHECK(a.err == "");
    CHECK(a.data == "alpha");
    CHECK(rig.m->queue == nullptr);
}

TEST_CASE("mnt: an Rread whose data goes straight to the caller's buffer takes two reads", "[mnt]")
{
    Script s;
    Call b(tread(1, 10), true);
    start(s.m, b);
    CHECK(run());
    size_t reads = s.wire.reads();
    s.wire.send(rread(s.wire.last().tag, "beta"));
    CHECK(run());
    CHECK(b.data == "beta");
    CHECK(s.wire.reads() == reads + 2);  // the whole header, then the data
}

TEST_CASE("mnt: a reply shorter than an Rread header, read with the start of the next, leaves that one whole", "[mnt]")
{
    Script s;
    Call b(tread(1, 10), true), a(tstat(0));
    start(s.m, b);
    CHECK(run());  // b reads the replies, asking for a whole Rread header each time
    start(s.m, a);
    CHECK(run());
    uint16_t tb = s.wire.msg(1).tag, ta = s.wire.msg(2).tag;
    s.wire.send(message(Rclunk, 999, {}));  // 7 bytes, answering nothing
    s.wire.send(rerror(ta, "x"));  // 10 bytes
    s.wire.send(rread(tb, "beta"));
    CHECK(run());
    CHECK(a.err == "x");
    CHECK(b.err == "");
    CHECK(b.data == "beta");
    CHECK(s.m->ncarry == 0);
    CHECK(s.m->queue == nullptr);
}

TEST_CASE("mnt: the server's error text reaches the caller", "[mnt]")
{
    Rig rig;
    CHECK(sequence(rig.m, { twalk(0, 9, "nonesuch") })[0] == Enonexist);
    memfile(rig.srv.fs, "/secret", "bootes", 0600, "x");
    CHECK(sequence(rig.m, { twalk(0, 9, "secret"), topen(9, OREAD) })[1] == Eperm);

    Script s;
    Call c(tstat(0));
    start(s.m, c);
    CHECK(run());
    std::string longer(300, 'e');
    s.wire.send(rerror(s.wire.last().tag, longer.c_str()));
    CHECK(run());
    CHECK(c.err == longer.substr(0, ERRMAX - 1));
}

TEST_CASE("mnt: a reply to nothing or of the wrong kind is refused without harming the other calls", "[mnt]")
{
    Script s;
    Call a(tstat(0)), b(tread(1, 10), true), c(tread(1, 10)), d(tstat(0));
    for (Call* x : { &a, &b, &c, &d })
        start(s.m, *x);
    CHECK(run());
    REQUIRE(s.wire.nmsg() == 5);
    uint16_t ta = s.wire.msg(1).tag, tb = s.wire.msg(2).tag, tc = s.wire.msg(3).tag, td = s.wire.msg(4).tag;

    s.wire.send(rread(999, "stray"));  // answers nothing: ignored
    s.wire.send(rread(ta, "wrong"));  // an Rread for a Tstat
    CHECK(run());
    CHECK(a.err == Emountrpc);
    CHECK((waiting(b) && waiting(c) && waiting(d)));

    s.wire.send(rread(tb, "more than ten bytes"));  // more than asked for (b reads now)
    s.wire.send(message(Rstat, td, { 200, 0, 1, 2 }));  // a stat longer than the message
    CHECK(run());
    CHECK(b.err == Emountrpc);
    CHECK(d.err == Emountrpc);
    CHECK(waiting(c));

    s.wire.send(rread(tc, "fine"));
    s.wire.send(rread(tc, "twice"));  // c's tag again: nobody's now
    CHECK(run());
    CHECK(c.err == "");
    CHECK(c.data == "fine");
    Call e(tstat(0));
    start(s.m, e);
    CHECK(run());
    s.wire.send(rerror(s.wire.last().tag, "still talking"));
    CHECK(run());
    CHECK(e.err == "still talking");
}

TEST_CASE("mnt: a reply that breaks the framing ends the conversation", "[mnt]")
{
    Script s(1024);
    Call a(tstat(0)), b(tread(1, 10));
    start(s.m, a);
    start(s.m, b);
    CHECK(run());
    s.wire.send({ 0x01, 0x08, 0, 0, Rread, 0, 0 });  // 2049 bytes: above msize
    CHECK(run());
    CHECK(a.err == Emountrpc);
    CHECK(b.err == Emountrpc);
    size_t n = s.wire.nmsg();
    Call c(tstat(0));
    start(s.m, c);
    CHECK(run());
    CHECK(c.err == Emountrpc);
    CHECK(s.wire.nmsg() == n);
}

TEST_CASE("mnt: a server hanging up fails pending and later calls with i/o on hungup channel", "[mnt]")
{
    Rig rig;
    rig.srv.hold_reads = true;
    Call a(tread(1, 100)), b(tread(2, 100));
    start(rig.m, a);
    start(rig.m, b);
    CHECK(run());
    rig.wire.hangup();
    CHECK(run());
    CHECK(a.err == Ehungup);
    CHECK(b.err == Ehungup);
    size_t n = rig.wire.nmsg();
    Call c(tstat(0));
    start(rig.m, c);
    CHECK(run());
    CHECK(c.err == Ehungup);
    CHECK(rig.wire.nmsg() == n);
}

TEST_CASE("mnt: a server hanging up in the middle of a reply or before a write ends the conversation", "[mnt]")
{
    {
        Script s;
        Call a(tstat(0));
        start(s.m, a);
        CHECK(run());
        std::vector<uint8_t> r = encode(rread(s.wire.last().tag, "cut short"));
        r.resize(12);
        s.wire.send(r);
        s.wire.hangup();
        CHECK(run());
        CHECK(a.err == Ehungup);
    }
    {
        Script s;
        s.wire.hangup();
        Call a(tstat(0));
        start(s.m, a);
        CHECK(run());
        CHECK(a.err == Ehungup);
        CHECK(s.m->dead == Ehungup);
    }
}

TEST_CASE("mnt: a writer held up by the transport keeps the others waiting and when interrupted fails alone", "[mnt]")
{
    Rig rig;
    size_t n = rig.wire.nmsg();
    rig.wire.stall(true);
    Call a(tstat(1)), b(tstat(2));
    start(rig.m, a);
    start(rig.m, b);
    CHECK(run());
    CHECK(waiting(a));
    CHECK(b.p->state == Pstate::QueueingQ);  // on wlock
    postnote(a.p, "interrupt");
    CHECK(run());
    CHECK(a.err == Eintr);
    CHECK(waiting(b));  // holds wlock now, asleep in the write
    rig.wire.stall(false);
    CHECK(run());
    CHECK(b.err == "");
    REQUIRE(rig.wire.nmsg() == n + 1);  // a's never went
    CHECK(rig.wire.last().tag == b.tag);
    CHECK(rig.m->queue == nullptr);
}

TEST_CASE("mnt: a clunk is sent before the next message and nobody waits for it", "[mnt]")
{
    Rig rig;
    clunker();
    std::string err = "did not finish";
    size_t before = 0, after = 0;
    hostproc::spawn("clunk", [&] {
        Mfid* f = mfid_new(rig.m).value();
        Mntrpc* r = mnt_rpcalloc(rig.m).value();
        r->t = twalk(0, f->fid, "a");
        auto w = mnt_rpc(rig.m, r);
        mnt_rpcfree(rig.m, r);
        before = rig.wire.nmsg();
        mfid_release(f);  // queued: no message, no wait
        after = rig.wire.nmsg();
        r = mnt_rpcalloc(rig.m).value();
        r->t = tstat(0);
        auto s = mnt_rpc(rig.m, r);
        mnt_rpcfree(rig.m, r);
        err = w.is_error() ? w.error() : s.is_error() ? s.error() : "";
    });
    CHECK(run());
    CHECK(err == "");
    CHECK(after == before);
    REQUIRE(rig.wire.nmsg() == before + 2);
    CHECK(rig.wire.msg(before).type == Tclunk);
    CHECK(rig.wire.msg(before).fid == 100);
    CHECK(rig.wire.msg(before + 1).type == Tstat);
    CHECK(rig.m->queue == nullptr);
    CHECK(rig.c->ref == 1);  // the fid's hold on the transport is gone
    CHECK(sequence(rig.m, { tstat(100) })[0] == "unknown fid");
}

TEST_CASE("mnt: a clunk to a silent stalled server does not block the closer but is sent by the clunk process", "[mnt]")
{
    Script s;
    clunker();
    s.wire.stall(true);
    bool released = false;
    hostproc::spawn("closer", [&] {
        Mfid* f = mfid_new(s.m).value();
        mfid_release(f);
        released = true;
    });
    CHECK(run());
    CHECK(released);
    CHECK(s.wire.nmsg() == 1);  // the clunk process holds wlock, asleep in the write
    Call a(tstat(0));
    start(s.m, a);
    CHECK(run());
    CHECK(a.p->state == Pstate::QueueingQ);
    s.wire.stall(false);
    CHECK(run());
    REQUIRE(s.wire.nmsg() == 3);
    CHECK(s.wire.msg(1).type == Tclunk);
    CHECK(s.wire.msg(2).type == Tstat);
    s.wire.send(reply(Rclunk, s.wire.msg(1).tag));  // dropped by whoever reads it
    s.wire.send(rerror(s.wire.msg(2).tag, "no"));
    CHECK(run());
    CHECK(a.err == "no");
    CHECK(s.m->queue == nullptr);
    CHECK(s.c->ref == 1);
}

TEST_CASE("mnt: the clunk process survives a connection freed before it ran", "[mnt]")
{
    Script s;
    clunker();
    s.wire.hangup();  // not noticed until the next write
    std::string err;
    Chan* c = s.c;
    hostproc::spawn("last", [&, c] {
        Mfid* f1 = mfid_new(s.m).value();
        Mfid* f2 = mfid_new(s.m).value();
        mfid_release(f1);  // queued, and the clunk process woken
        Mntrpc* r = mnt_rpcalloc(s.m).value();
        r->t = tstat(0);
        auto w = mnt_rpc(s.m, r);  // finds the server gone; f1 is let go
        err = w.is_error() ? w.error() : "";
        mnt_rpcfree(s.m, r);
        mfid_release(f2);
        cclose(c);  // the last reference: the Mnt is freed
    });
    s.c = nullptr;
    CHECK(run());
    CHECK(err == Ehungup);
}

TEST_CASE("mnt: the clunk process keeps the connection while it waits to write", "[mnt]")
{
    Script s;
    clunker();
    s.wire.stall(true);
    std::string err;
    Chan* c = s.c;
    hostproc::spawn("last", [&, c] {
        Mfid* f0 = mfid_new(s.m).value();
        Mfid* f1 = mfid_new(s.m).value();
        mfid_release(f1);  // the clunk process is woken
        Mntrpc* r = mnt_rpcalloc(s.m).value();
        r->t = tstat(f0->fid);
        auto w = mnt_rpc(s.m, r);  // asleep writing f1's clunk, holding wlock
        err = w.is_error() ? w.error() : "";
        mnt_rpcfree(s.m, r);
        mfid_release(f0);
        cclose(c);  // the last reference but the clunk process's
    });
    s.c = nullptr;
    CHECK(run());  // the clunk process waits for wlock
    s.wire.hangup();
    CHECK(run());
    CHECK(err == Ehungup);
    CHECK(s.wire.chans() == 0);
}
