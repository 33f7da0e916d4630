// lib9p's protocol core against memfs: each message type, walks in all their shapes,
// open and create modes and permissions, directory reads, ORCLOSE, removal of open files,
// stat and wstat. Every reply is decoded and checked to fit the negotiated msize.
#include "harness.h"
#include "lib9/sys.h"
#include <catch2/catch.hpp>
#include <algorithm>

namespace {

constexpr uint32_t MSIZE = 8192 + IOHDRSZ;

// A session with version and an attach as glenda on fid 0.
struct Session {
    Memfs fs;
    Harness h{&fs.srv};
    Session()
    {
        REQUIRE(h.version(MSIZE).type == Rversion);
        REQUIRE(h.attach(0).type == Rattach);
    }
};

// A memfs read answered from the file's own bytes (File.aux) instead of rbuf.
void read_in_place(Req* r)
{
    auto* s = static_cast<std::string*>(r->fid->file->aux);
    uint64_t off = r->ifcall.offset;
    size_t n = off >= s->size() ? 0 : std::min<size_t>(r->ifcall.count, s->size() - off);
    r->ofcall.data = reinterpret_cast<const uint8_t*>(s->data()) + (n ? off : 0);
    r->ofcall.count = uint32_t(n);
    respond(r, nullptr);
}

// Answers from roomy, whose RREADHDR bytes in front of the file's are lent for the header.
std::string roomy = std::string(RREADHDR, '#') + "hello, world";

void read_with_room(Req* r)
{
    uint64_t off = r->ifcall.offset;
    r->ofcall.data = reinterpret_cast<const uint8_t*>(roomy.data()) + RREADHDR + off;
    r->ofcall.count = uint32_t(std::min<uint64_t>(r->ifcall.count, roomy.size() - RREADHDR - off));
    r->headroom = true;
    respond(r, nullptr);
}

void read_without_data(Req* r)
{
    r->ofcall.data = nullptr;
    r->ofcall.count = 1;
    respond(r, nullptr);
}

}  // namespace

TEST_CASE("lib9p: version negotiates msize and the version string", "[lib9p]")
{
    Memfs fs;
    Harness h(&fs.srv);
    Fcall r = h.version(1 << 20);
    CHECK(r.msize == fs.srv.msize);
    CHECK(str(r.version) == "9P2000");
    r = h.version(4096);
    CHECK(r.msize == 4096);
    CHECK(h.conn.msize() == 4096);
    CHECK(str(h.version(8192, "9P2000.u").version) == "9P2000");
    CHECK(str(h.version(8192, "9P2000u").version) == "unknown");
    CHECK(str(h.version(8192, "9P1999").version) == "unknown");
    CHECK(err(h.version(100)) == "msize too small");
}

TEST_CASE("lib9p: auth is refused without an auth callback", "[lib9p]")
{
    Memfs fs;
    Harness h(&fs.srv);
    h.version(MSIZE);
    Fcall t;
    t.type = Tauth;
    t.afid = 7;
    t.uname = S("glenda");
    t.aname = S("");
    CHECK(err(h.rpc(t)) == "authentication not required");
    CHECK(err(h.clunk(7)) == "unknown fid");
}

TEST_CASE("lib9p: attach gives the root and refuses fids in use and unknown afids", "[lib9p]")
{
    Memfs fs;
    Harness h(&fs.srv);
    h.version(MSIZE);
    Fcall r = h.attach(0);
    CHECK(r.qid.type == QTDIR);
    CHECK(r.qid.path == fs.srv.tree->root->d.qid.path);
    CHECK(err(h.attach(0)) == "duplicate fid");
    Fcall t;
    t.type = Tattach;
    t.fid = 1;
    t.afid = 99;
    t.uname = S("glenda");
    t.aname = S("");
    CHECK(err(h.rpc(t)) == "unknown fid");
    CHECK(h.attach(1).type == Rattach);  // the failed attach left fid 1 free
}

TEST_CASE("lib9p: walks: whole, partial, failed, in place, clone and dot-dot", "[lib9p]")
{
    Session s;
    File* b = memfile(s.fs, "/a", "glenda", DMDIR | 0775);
    memfile(s.fs, "/a/b", "glenda", DMDIR | 0775);
    memfile(s.fs, "/a/b/c", "glenda", 0664, "hello");
    Harness& h = s.h;

    Fcall r = h.walk(0, 1, {"a", "b", "c"});
    REQUIRE(r.type == Rwalk);
    REQUIRE(r.nwqid == 3);
    CHECK(r.wqid[0].path == b->d.qid.path);
    CHECK(r.wqid[0].type == QTDIR);
    CHECK(r.wqid[2].type == QTFILE);

    r = h.walk(0, 2, {"a", "nope", "c"});
    REQUIRE(r.type == Rwalk);
    CHECK(r.nwqid == 1);
    CHECK(err(h.clunk(2)) == "unknown fid");  // a partial walk makes no newfid

    CHECK(err(h.walk(0, 2, {"nope"})) == "file does not exist");
    CHECK(err(h.clunk(2)) == "unknown fid");

    CHECK(err(h.walk(0, 1, {"a"})) == "duplicate fid");
    CHECK(err(h.walk(1, 2, {"x"})) == "walk in non-directory");
    CHECK(err(h.walk(42, 2, {"a"})) == "unknown fid");

    // Clone, then walk the clone in place.
    REQUIRE(h.walk(0, 3, {}).type == Rwalk);
    REQUIRE(h.walk(3, 3, {"a", "b"}).nwqid == 2);
    // A partial in-place walk leaves the fid where it was.
    r = h.walk(3, 3, {"c", "d"});
    CHECK(r.nwqid == 1);
    r = h.walk(3, 3, {"c"});
    REQUIRE(r.nwqid == 1);
    CHECK(r.wqid[0].type == QTFILE);
    // .. climbs, and stops at the root.
    REQUIRE(h.walk(0, 4, {"a", "b", "..", "..", ".."}).nwqid == 5);
    CHECK(h.stat(4).type == Rstat);
    std::string strs;
    CHECK(std::string(decodestat(h.stat(4), &strs).name) == "/");

    REQUIRE(h.open(1, OREAD).type == Ropen);
    CHECK(err(h.walk(1, 5, {})) == "cannot clone open fid");
}

TEST_CASE("lib9p: a fid walked by the server's own walk takes the last qid", "[lib9p]")
{
    Memfs fs;
    fs.srv.walk = [](Req* r) {
        for (int i = 0; i < r->ifcall.nwname; i++)
            r->ofcall.wqid[i] = Qid{ uint64_t(100 + i), 0, uint8_t(i + 1 < r->ifcall.nwname ? QTDIR : QTFILE) };
        r->ofcall.nwqid = r->ifcall.nwname;
        respond(r, nullptr);
    };
    Harness h(&fs.srv);
    h.version(8192);
    h.attach(0);
    REQUIRE(h.walk(0, 1, {"d", "f"}).nwqid == 2);
    CHECK(err(h.walk(1, 2, {"x"})) == "walk in non-directory");  // fid 1 is the file now
    REQUIRE(h.walk(0, 0, {"d"}).nwqid == 1);  // in place
    CHECK(err(h.walk(0, 3, {"x"})) == "walk in non-directory");
}

TEST_CASE("lib9p: walks need search permission and a clean name", "[lib9p]")
{
    Session s;
    memfile(s.fs, "/priv", "adm", DMDIR | 0700);
    memfile(s.fs, "/priv/x", "adm", 0666);
    CHECK(s.h.walk(0, 1, {"priv", "x"}).nwqid == 1);
    REQUIRE(s.h.walk(0, 1, {"priv"}).type == Rwalk);
    CHECK(err(s.h.walk(1, 2, {"x"})) == "permission denied");
    Fcall t;
    t.type = Twalk;
    t.fid = 0;
    t.newfid = 3;
    t.nwname = 1;
    t.wname[0] = Str{"priv\0x", 6};
    CHECK(err(s.h.rpc(t)) == "file does not exist");
}

TEST_CASE("lib9p: create, write, read back, and the open modes", "[lib9p]")
{
    Session s;
    Harness& h = s.h;
    REQUIRE(h.walk(0, 1, {}).type == Rwalk);
    Fcall r = h.create(1, "f", 0664, ORDWR);
    REQUIRE(r.type == Rcreate);
    CHECK(r.qid.type == QTFILE);
    CHECK(h.write(1, 0, "hello, world").count == 12);
    CHECK(h.write(1, 7, "there").count == 5);
    r = h.read(1, 0, 100);
    CHECK(std::string(reinterpret_cast<const char*>(r.data), r.count) == "hello, there");
    CHECK(h.read(1, 12, 100).count == 0);
    CHECK(err(h.open(1, OREAD)) == "9P protocol botch");  // already open
    h.clunk(1);

    REQUIRE(h.walk(0, 1, {}).type == Rwalk);
    CHECK(err(h.create(1, "f", 0664, OWRITE)) == "file already exists");
    for (const char* bad : {".", "..", "a/b", ""})
        CHECK(err(h.create(1, bad, 0664, OWRITE)) == "bad character in file name");
    CHECK(err(h.create(1, "d", DMDIR | 0775, OWRITE)) == "file is a directory");
    r = h.create(1, "d", DMDIR | 0777, OREAD);
    REQUIRE(r.type == Rcreate);
    CHECK(r.qid.type == QTDIR);
    CHECK(err(h.write(1, 0, "x")) == "9P protocol botch");  // open for reading only
    h.clunk(1);

    // open(5): a new file's permissions are masked by its directory's.
    File* d = walkfile(s.fs.srv.tree->root, "d");
    CHECK((d->d.mode & 0777) == 0775);
    closefile(d);

    REQUIRE(h.walk(0, 1, {"f"}).type == Rwalk);
    CHECK(err(h.create(1, "g", 0664, OWRITE)) == "create in non-directory");
    REQUIRE(h.open(1, OWRITE | OTRUNC).type == Ropen);
    CHECK(err(h.read(1, 0, 10)) == "9P protocol botch");  // open for writing only
    h.clunk(1);
    REQUIRE(h.walk(0, 1, {"f"}).type == Rwalk);
    REQUIRE(h.open(1, OREAD).type == Ropen);
    CHECK(h.read(1, 0, 100).count == 0);  // OTRUNC emptied it

    REQUIRE(h.walk(0, 2, {"d"}).type == Rwalk);
    CHECK(err(h.open(2, OWRITE)) == "file is a directory");
    CHECK(err(h.open(2, OREAD | ORCLOSE)) == "file is a directory");
    CHECK(h.open(2, OREAD).type == Ropen);
}

TEST_CASE("lib9p: permissions follow the attaching user", "[lib9p]")
{
    Memfs fs;
    Harness h(&fs.srv);
    memfile(fs, "/mine", "glenda", 0640, "secret");
    memfile(fs, "/grp", "adm", 0460, "g");
    h.version(MSIZE);
    REQUIRE(h.attach(0, "bob").type == Rattach);
    REQUIRE(h.walk(0, 1, {"mine"}).type == Rwalk);
    CHECK(err(h.open(1, OREAD)) == "permission denied");
    REQUIRE(h.walk(0, 2, {}).type == Rwalk);
    CHECK(err(h.create(2, "x", 0666, OWRITE)) == "permission denied");  // the root is 0775 glenda
    REQUIRE(h.attach(3, "glenda").type == Rattach);
    REQUIRE(h.walk(3, 4, {"mine"}).type == Rwalk);
    CHECK(h.open(4, OREAD).type == Ropen);
    REQUIRE(h.walk(3, 5, {"mine"}).type == Rwalk);
    CHECK(err(h.open(5, OEXEC)) == "permission denied");
    // Group: the user of the group's name. adm owns /grp (r--), group glenda has rw-.
    REQUIRE(h.walk(3, 6, {"grp"}).type == Rwalk);
    CHECK(h.open(6, ORDWR).type == Ropen);
}

TEST_CASE("lib9p: reads are clipped to msize", "[lib9p]")
{
    Memfs fs;
    Harness h(&fs.srv);
    memfile(fs, "/big", "glenda", 0664, std::string(10000, 'x').c_str());
    h.version(1024);
    h.attach(0);
    REQUIRE(h.walk(0, 1, {"big"}).type == Rwalk);
    REQUIRE(h.open(1, OREAD).type == Ropen);
    Fcall r = h.read(1, 0, 1 << 30);
    CHECK(r.count == 1024 - IOHDRSZ);
    // A write bigger than msize cannot even be sent: the message is refused whole.
    REQUIRE(h.walk(0, 2, {"big"}).type == Rwalk);
    REQUIRE(h.open(2, OWRITE).type == Ropen);
    CHECK(err(h.write(2, 0, std::string(2000, 'y'))) == "9P protocol botch");
}

TEST_CASE("lib9p: read data is sent from where the server left it, never copied", "[lib9p]")
{
    Session s;
    Harness& h = s.h;
    File* f = memfile(s.fs, "/f", "glenda", 0664, "hello, world");
    REQUIRE(h.walk(0, 1, {"f"}).type == Rwalk);
    REQUIRE(h.open(1, OREAD).type == Ropen);
    // Filled in rbuf: one piece, the header written in the room in front of it.
    Fcall r = h.read(1, 7, 100);
    CHECK(str(Str{reinterpret_cast<const char*>(r.data), uint16_t(r.count)}) == "world");
    CHECK(h.lastdata == nullptr);
    // The server's own bytes: the header, then the data from the file itself.
    s.fs.srv.read = read_in_place;
    r = h.read(1, 7, 3);
    CHECK(str(Str{reinterpret_cast<const char*>(r.data), uint16_t(r.count)}) == "wor");
    CHECK(h.lastdata == reinterpret_cast<const uint8_t*>(static_cast<std::string*>(f->aux)->data()) + 7);
    CHECK(h.read(1, 12, 3).count == 0);
    // The server's own bytes with room lent in front: one piece, and the room put back.
    s.fs.srv.read = read_with_room;
    const std::string before = roomy;
    for (uint64_t off : {0, 5}) {
        r = h.read(1, off, 5);
        CHECK(str(Str{reinterpret_cast<const char*>(r.data), uint16_t(r.count)}) == before.substr(RREADHDR + off, 5));
        CHECK(h.lastdata == nullptr);
        CHECK(roomy == before);
    }
    // A count with no data is the server's mistake, answered as an error.
    s.fs.srv.read = read_without_data;
    CHECK(err(h.read(1, 0, 5)) == "9P protocol botch");
}

// A write held by the server until the test answers it, as memfs would.
Req* held_write;
void hold_write(Req* r) { held_write = r; }

TEST_CASE("lib9p: a long Twrite's Req keeps the reader's buffer instead of copying it", "[lib9p]")
{
    Session s;
    Harness& h = s.h;
    File* f = memfile(s.fs, "/f", "glenda", 0664);
    REQUIRE(h.walk(0, 1, {"f"}).type == Rwalk);
    REQUIRE(h.open(1, OWRITE).type == Ropen);
    auto* contents = static_cast<std::string*>(f->aux);
    std::string data(5000, 'w');
    Fcall t;
    t.type = Twrite;
    t.tag = 7;
    t.fid = 1;
    t.count = uint32_t(data.size());
    t.data = reinterpret_cast<const uint8_t*>(data.data());
    Bytes msg = encode(t);
    // In a reader's buffer behind another message's end: kept, the data used where it lies.
    auto* buffer = new uint8_t[16 + msg.size()];
    std::copy(msg.begin(), msg.end(), buffer + 16);
    void (*write)(Req*) = s.fs.srv.write;
    s.fs.srv.write = hold_write;
    CHECK(h.conn.input(buffer + 16, msg.size(), buffer));
    REQUIRE(held_write);
    CHECK(held_write->ifcall.data == buffer + 16 + msg.size() - data.size());
    write(held_write);  // memfs's write, and its respond frees the buffer with the Req
    std::vector<Fcall> r = h.late();
    REQUIRE(r.size() == 1);
    CHECK(r[0].type == Rwrite);
    CHECK(r[0].count == 5000);
    CHECK(*contents == data);
    s.fs.srv.write = write;
    // A short write is copied, and so is a malformed one: the buffer stays the caller's.
    Bytes small = encode([] {
        Fcall w;
        w.type = Twrite;
        w.tag = 8;
        w.fid = 1;
        w.count = 5;
        w.data = reinterpret_cast<const uint8_t*>("short");
        return w;
    }());
    std::vector<uint8_t> reader(small.begin(), small.end());
    CHECK(!h.conn.input(reader.data(), reader.size(), reader.data()));
    CHECK(contents->substr(0, 5) == "short");
    msg[msg.size() - data.size() - 1]++;  // a count past the end of the message
    reader.assign(msg.begin(), msg.end());
    CHECK(!h.conn.input(reader.data(), reader.size(), reader.data()));
    r = h.late();
    REQUIRE(r.size() == 2);
    CHECK(r[0].type == Rwrite);
    CHECK(err(r[1]) == "9P protocol botch");
}

TEST_CASE("lib9p: directory reads give whole entries from valid offsets", "[lib9p]")
{
    Session s;
    Harness& h = s.h;
    std::vector<std::string> want;
    for (int i = 0; i < 40; i++) {
        want.push_back("file" + std::to_string(i));
        memfile(s.fs, ("/" + want.back()).c_str(), "glenda", 0664);
    }
    REQUIRE(h.walk(0, 1, {}).type == Rwalk);
    REQUIRE(h.open(1, OREAD).type == Ropen);
    CHECK(err(h.read(1, 0, 10)) == "i/o count too small");
    std::vector<std::string> got;
    uint64_t off = 0;
    for (;;) {
        Fcall r = h.read(1, off, 200);  // a few entries at a time
        REQUIRE(r.type == Rread);
        if (r.count == 0)
            break;
        CHECK(r.count <= 200);
        for (auto& n : dirnames(r))
            got.push_back(n);
        off += r.count;
    }
    CHECK(got == want);
    CHECK(err(h.read(1, 5, 200)) == "bad offset");
    // Offset 0 starts over.
    Fcall r = h.read(1, 0, 8000);
    CHECK(dirnames(r) == want);
}

TEST_CASE("lib9p: clunk, and ORCLOSE removes at the clunk", "[lib9p]")
{
    Session s;
    Harness& h = s.h;
    CHECK(err(h.clunk(9)) == "unknown fid");
    REQUIRE(h.walk(0, 1, {}).type == Rwalk);
    REQUIRE(h.create(1, "tmp", 0664, ORDWR | ORCLOSE).type == Rcreate);
    REQUIRE(h.walk(0, 2, {"tmp"}).type == Rwalk);
    CHECK(h.clunk(1).type == Rclunk);
    CHECK(err(h.walk(0, 3, {"tmp"})) == "file does not exist");
    CHECK(err(h.clunk(1)) == "unknown fid");
    // A fid still naming the removed file may stat it.
    CHECK(h.stat(2).type == Rstat);
}

TEST_CASE("lib9p: remove clunks the fid even when it fails", "[lib9p]")
{
    Session s;
    Harness& h = s.h;
    memfile(s.fs, "/d", "glenda", DMDIR | 0775);
    memfile(s.fs, "/d/f", "glenda", 0664);
    REQUIRE(h.walk(0, 1, {"d"}).type == Rwalk);
    CHECK(err(h.remove(1)) == "directory not empty");
    CHECK(err(h.clunk(1)) == "unknown fid");
    REQUIRE(h.walk(0, 1, {"d", "f"}).type == Rwalk);
    CHECK(h.remove(1).type == Rremove);
    REQUIRE(h.walk(0, 1, {"d"}).type == Rwalk);
    CHECK(h.remove(1).type == Rremove);
    CHECK(err(h.walk(0, 1, {"d"})) == "file does not exist");
    REQUIRE(h.walk(0, 1, {}).type == Rwalk);
    CHECK(err(h.remove(1)) == "permission denied");  // the root
}

TEST_CASE("lib9p: a removed file lives on while it is open", "[lib9p]")
{
    Session s;
    Harness& h = s.h;
    memfile(s.fs, "/f", "glenda", 0664, "still here");
    REQUIRE(h.walk(0, 1, {"f"}).type == Rwalk);
    REQUIRE(h.open(1, ORDWR).type == Ropen);
    REQUIRE(h.walk(0, 2, {"f"}).type == Rwalk);
    REQUIRE(h.remove(2).type == Rremove);
    CHECK(err(h.walk(0, 3, {"f"})) == "file does not exist");
    Fcall r = h.read(1, 0, 100);
    CHECK(std::string(reinterpret_cast<const char*>(r.data), r.count) == "still here");
    CHECK(h.write(1, 0, "STILL").count == 5);
    REQUIRE(h.walk(0, 4, {}).type == Rwalk);
    REQUIRE(h.open(4, OREAD).type == Ropen);
    CHECK(dirnames(h.read(4, 0, 1000)).empty());
    CHECK(h.clunk(1).type == Rclunk);
}

TEST_CASE("lib9p: stat, and wstat renames, truncates and changes modes", "[lib9p]")
{
    Session s;
    Harness& h = s.h;
    memfile(s.fs, "/f", "glenda", 0664, "0123456789");
    memfile(s.fs, "/g", "glenda", 0664);
    REQUIRE(h.walk(0, 1, {"f"}).type == Rwalk);
    std::string strs;
    Dir d = decodestat(h.stat(1), &strs);
    CHECK(std::string(d.name) == "f");
    CHECK(std::string(d.uid) == "glenda");
    CHECK(d.length == 10);

    Dir w;
    nulldir(&w);
    w.name = "h";
    CHECK(h.wstat(1, w).type == Rwstat);
    CHECK(err(h.walk(0, 2, {"f"})) == "file does not exist");
    REQUIRE(h.walk(0, 2, {"h"}).type == Rwalk);
    w.name = "g";
    CHECK(err(h.wstat(1, w)) == "file already exists");
    w.name = "a/b";
    CHECK(err(h.wstat(1, w)) == "bad character in file name");

    nulldir(&w);
    w.length = 4;
    CHECK(h.wstat(1, w).type == Rwstat);
    CHECK(decodestat(h.stat(2), &strs).length == 4);
    REQUIRE(h.open(2, OREAD).type == Ropen);
    Fcall r = h.read(2, 0, 100);
    CHECK(std::string(reinterpret_cast<const char*>(r.data), r.count) == "0123");

    nulldir(&w);
    w.mode = 0600;
    CHECK(h.wstat(1, w).type == Rwstat);
    CHECK(decodestat(h.stat(1), &strs).mode == 0600);
    // A whole entry as stat gave it, qid version included, is no change but the mode's.
    std::string fullstrs;
    Dir full = decodestat(h.stat(1), &fullstrs);
    CHECK(full.qid.vers != 0);
    full.mode = 0640;
    CHECK(h.wstat(1, full).type == Rwstat);
    CHECK(decodestat(h.stat(1), &strs).mode == 0640);
    w.mode = DMDIR | 0600;
    CHECK(err(h.wstat(1, w)) == "permission denied");
    nulldir(&w);
    w.qid.path = 12345;
    CHECK(err(h.wstat(1, w)) == "permission denied");

    // Another user may not change the mode, nor rename in a directory it cannot write.
    REQUIRE(h.attach(5, "bob").type == Rattach);
    REQUIRE(h.walk(5, 6, {"g"}).type == Rwalk);
    nulldir(&w);
    w.mode = 0777;
    CHECK(err(h.wstat(6, w)) == "permission denied");
    nulldir(&w);
    w.name = "bobs";
    CHECK(err(h.wstat(6, w)) == "permission denied");

    Fcall t;
    t.type = Twstat;
    t.fid = 1;
    uint8_t junk[60] = {58, 0};
    t.stat = junk;
    t.nstat = sizeof junk;
    CHECK(err(h.rpc(t)) == "malformed stat buffer");
}
