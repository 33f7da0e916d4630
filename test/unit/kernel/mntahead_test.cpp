// Reads through a mount -C (kernel/9p/mntahead.cpp) on a lib9p memfs in the same process:
// a long read's Treads all out at once, a sequential reader's next read sent with it, and
// what was sent ahead forgotten after a write, a read elsewhere, or a short reply.
#include <catch2/catch.hpp>
#include "mntrig.h"

using hostproc::run;

namespace {

std::string pattern(size_t n)
{
    std::string s;
    for (size_t i = 0; i < n; i++)
        s += char('a' + i % 23);
    return s;
}

// name under mt's root, opened through a mount -C.
Chan* open_cached(Mounted& mt, const char* name, int mode)
{
    Chan* c = nullptr;
    in_proc([&] {
        c = walk(mt.root, { name }).value();
        c->aux |= Mcached;
        c = mntdev.open(c, mode).value();
    });
    return c;
}

// n bytes read from c at off by a process of its own: what it got.
std::string read_at(Chan* c, long n, uint64_t off)
{
    std::string buf(size_t(n), 0);
    Result<long> got = "did not finish";
    in_proc([&] { got = mntdev.read(c, buf.data(), n, off); });
    REQUIRE(error_of(got.error()) == "");
    buf.resize(size_t(got.value()));
    return buf;
}

// The offsets of the Treads sent from message `from` on.
std::vector<uint64_t> treads(Mounted& mt, size_t from)
{
    std::vector<uint64_t> v;
    for (const Fcall& t : mt.sent(Tread, from))
        v.push_back(t.offset);
    return v;
}

using Offsets = std::vector<uint64_t>;

// A file of 10000 bytes on a mount of msize 1024 + IOHDRSZ, open for reading as c.
struct BigFile {
    BigFile()
    {
        memfile(mt.srv.fs, "/big", "glenda", 0664, text.c_str());
        c = open_cached(mt, "big", OREAD);
    }
    ~BigFile() { cclose(c); }
    BigFile(const BigFile&) = delete;
    BigFile& operator=(const BigFile&) = delete;

    Mounted mt { 1024 + IOHDRSZ };
    std::string text = pattern(10000);
    Chan* c;
};

}  // namespace

TEST_CASE("mntahead: a long read through a mount -C sends all its Treads at once", "[mnt]")
{
    Mounted mt(1024 + IOHDRSZ);
    std::string text = pattern(2500);
    memfile(mt.srv.fs, "/big", "glenda", 0664, text.c_str());
    Chan* c = open_cached(mt, "big", OREAD);
    mt.srv.hold_reads = true;
    std::string buf(4000, 0);
    Result<long> got = "did not finish";
    size_t writes = mt.wire.writes();
    hostproc::spawn("reader", [&] { got = mntdev.read(c, buf.data(), long(buf.size()), 100); });
    CHECK(run());
    REQUIRE(mt.srv.reads.size() == 4);  // 4000 bytes in 1024-byte pieces, none answered yet
    CHECK(mt.wire.writes() == writes + 1);  // all in one write
    for (size_t i = 0; i < 4; i++) {
        CHECK(mt.srv.reads[i]->ifcall.offset == 100 + 1024 * i);
        CHECK(mt.srv.reads[i]->ifcall.count == (i < 3 ? 1024u : 4000u - 3 * 1024));
    }
    for (size_t i = 4; i-- > 0;)  // answered last first: the pieces still join in order
        mt.srv.answer(mt.srv.take_read(i));
    CHECK(run());
    REQUIRE(!got.is_error());
    CHECK(got.value() == 2400);  // the third piece came back short: the file ends there
    CHECK(buf.substr(0, 2400) == text.substr(100));

    mt.srv.reads.clear();
    Proc* p = hostproc::spawn("interrupted", [&] { got = mntdev.read(c, buf.data(), long(buf.size()), 0); });
    CHECK(run());
    REQUIRE(mt.srv.reads.size() == 4);
    postnote(p, "interrupt");
    CHECK(run());
    CHECK(error_of(got.error()) == Eintr);
    CHECK(mt.sent(Tflush).size() == 4);  // every piece flushed
    cclose(c);
}

TEST_CASE("mntahead: a sequential reader sends its next read's Treads with this one's", "[mnt]")
{
    BigFile big;
    Mounted& mt = big.mt;
    const std::string& text = big.text;
    Chan* c = big.c;
    size_t from = mt.wire.nmsg();
    CHECK(read_at(c, 2048, 0) == text.substr(0, 2048));
    CHECK(treads(mt, from) == Offsets { 0, 1024 });  // the first: nothing ahead yet
    from = mt.wire.nmsg();
    size_t writes = mt.wire.writes();
    CHECK(read_at(c, 2048, 2048) == text.substr(2048, 2048));
    CHECK(treads(mt, from) == Offsets { 2048, 3072, 4096, 5120 });
    CHECK(mt.wire.writes() == writes + 1);  // all in one write
    from = mt.wire.nmsg();
    CHECK(read_at(c, 2048, 4096) == text.substr(4096, 2048));
    CHECK(treads(mt, from) == Offsets { 6144, 7168 });  // its own were out already
    from = mt.wire.nmsg();
    CHECK(read_at(c, 2048, 6144) == text.substr(6144, 2048));
    CHECK(treads(mt, from) == Offsets { 8192, 9216 });
    from = mt.wire.nmsg();
    CHECK(read_at(c, 2048, 8192) == text.substr(8192));  // short: the file ends
    CHECK(treads(mt, from) == Offsets { 10240, 11264 });  // sent ahead before that was known
    from = mt.wire.nmsg();
    CHECK(read_at(c, 2048, 10000).empty());
    CHECK(treads(mt, from) == Offsets { 10000, 11024 });  // nothing ahead after a short read
}

TEST_CASE("mntahead: reads sent ahead are forgotten after a write on the connection or a read elsewhere", "[mnt]")
{
    BigFile big;
    Mounted& mt = big.mt;
    const std::string& text = big.text;
    Chan* c = big.c;
    Chan* w = open_cached(mt, "big", OWRITE);
    read_at(c, 2048, 0);
    read_at(c, 2048, 2048);  // the Treads for 4096 are out, and answered
    Result<long> wrote = "did not finish";
    in_proc([&] { wrote = mntdev.write(w, "XYZ", 3, 4096); });
    CHECK(wrote.value() == 3);
    size_t from = mt.wire.nmsg();
    CHECK(read_at(c, 2048, 4096) == "XYZ" + text.substr(4099, 2045));
    CHECK(treads(mt, from) == Offsets { 4096, 5120, 6144, 7168 });  // asked again, and the next
    from = mt.wire.nmsg();
    CHECK(read_at(c, 2048, 0) == text.substr(0, 2048));
    CHECK(treads(mt, from) == Offsets { 0, 1024 });
    cclose(w);
}

TEST_CASE("mntahead: a read whose answers sent ahead are empty asks again, as the file may have grown", "[mnt]")
{
    Mounted mt(1024 + IOHDRSZ);
    std::string text = pattern(4096);
    File* f = memfile(mt.srv.fs, "/grows", "glenda", 0664, text.c_str());
    Chan* c = open_cached(mt, "grows", OREAD);
    read_at(c, 2048, 0);
    read_at(c, 2048, 2048);  // the Treads for 4096 are answered: nothing there yet
    auto* data = static_cast<std::string*>(f->aux);
    *data += "another client's";  // not through this mount
    f->d.length = data->size();
    size_t from = mt.wire.nmsg();
    CHECK(read_at(c, 2048, 4096) == "another client's");
    CHECK(treads(mt, from) == Offsets { 6144, 7168, 4096, 5120 });  // the next read's, then again
    cclose(c);
}
