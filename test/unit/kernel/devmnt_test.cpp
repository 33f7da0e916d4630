// #M, the mount driver's chans (kernel/9p/devmnt.cpp), on a lib9p memfs in the same
// process: fids shared by clones until a walk or open, reads and writes in iounit pieces,
// directory entries renamed to the attach, create, wstat and remove, errors, interrupts,
// and a mounted tree reached by name through a namespace.
#include <catch2/catch.hpp>
#include "mntrig.h"
#include "port/namec.h"
#include "port/pgrp.h"
#include "ramdev.h"

using hostproc::run;

TEST_CASE("devmnt: a clone shares its fid until it walks and then reads and stats its own", "[mnt]")
{
    Mounted mt;
    size_t from = mt.wire.nmsg();
    bool shared = false;
    uint32_t fid = 0;
    std::string data, name, err;
    uint64_t length = 0;
    in_proc([&] {
        Chan* c = cclone(mt.root);
        shared = mnt_fid(c) == mnt_fid(mt.root) && mnt_fid(c)->ref == 2;
        err += error_of(mntdev.walk(c, "a").error());
        fid = mnt_fid(c)->fid;
        err += error_of(mntdev.open(c, OREAD).error());
        char buf[100];
        auto n = mntdev.read(c, buf, sizeof buf, 0);
        if (!n.is_error())
            data.assign(buf, n.value());
        DirBuf db;
        err += error_of(mntdev.dirstat(c, db).error());
        name = db.d.name ? db.d.name : "";
        length = db.d.length;
        cclose(c);
    });
    CHECK(err == "");
    CHECK(shared);
    CHECK(data == "alpha");
    CHECK(name == "a");
    CHECK(length == 5);
    CHECK(mnt_fid(mt.root)->ref == 1);
    auto walks = mt.sent(Twalk, from);
    REQUIRE(walks.size() == 1);
    CHECK(walks[0].fid == mnt_fid(mt.root)->fid);
    CHECK(walks[0].newfid == fid);
    CHECK(mt.sent(Topen, from).size() == 1);
    CHECK(mt.sent(Tread, from).size() == 1);
    CHECK(mt.sent(Tstat, from).size() == 1);
    CHECK(run());  // the clunk process
    auto clunks = mt.sent(Tclunk, from);
    REQUIRE(clunks.size() == 1);
    CHECK(clunks[0].fid == fid);
}

TEST_CASE("devmnt: reads and writes larger than the iounit go in pieces", "[mnt]")
{
    Mounted mt(1024 + IOHDRSZ);
    std::string text;
    for (int i = 0; i < 2500; i++)
        text += char('a' + i % 23);
    memfile(mt.srv.fs, "/big", "glenda", 0664);
    size_t from = mt.wire.nmsg();
    long wrote = 0;
    std::string back, err;
    in_proc([&] {
        Chan* c = walk(mt.root, { "big" }).value();
        err += error_of(mntdev.open(c, ORDWR).error());
        wrote = mntdev.write(c, text.data(), long(text.size()), 0).value();
        std::string buf(4000, 0);
        long n = mntdev.read(c, buf.data(), long(buf.size()), 0).value();
        back = buf.substr(0, n);
        cclose(c);
    });
    CHECK(err == "");
    CHECK(wrote == 2500);
    CHECK(back == text);
    auto writes = mt.sent(Twrite, from);
    REQUIRE(writes.size() == 3);
    CHECK(writes[0].count == 1024);
    CHECK(writes[1].offset == 1024);
    CHECK(writes[2].count == 2500 - 2048);
    CHECK(mt.sent(Tread, from).size() == 3);  // the third comes back short, ending the read
}

TEST_CASE("devmnt: a write's data goes to the transport from the caller's buffer, behind its header", "[mnt]")
{
    Mounted mt(1024 + IOHDRSZ);
    memfile(mt.srv.fs, "/f", "glenda", 0664);
    std::string text(1500, 'w');
    text[0] = 'a';
    size_t from = mt.wire.nmsg();
    size_t bodies = mt.wire.bodies().size();
    long wrote = 0;
    in_proc([&] {
        Chan* c = walk(mt.root, { "f" }).value();
        c = mntdev.open(c, OWRITE).value();
        wrote = mntdev.write(c, text.data(), long(text.size()), 0).value();
        cclose(c);
    });
    CHECK(wrote == 1500);
    auto writes = mt.sent(Twrite, from);
    REQUIRE(writes.size() == 2);
    CHECK(std::string(reinterpret_cast<const char*>(writes[0].data), writes[0].count) == text.substr(0, 1024));
    // Each Twrite went in one write, its header from the driver and its data from text.
    std::vector<const void*> sent(mt.wire.bodies().begin() + long(bodies), mt.wire.bodies().end());
    CHECK(std::count(sent.begin(), sent.end(), text.data()) == 1);
    CHECK(std::count(sent.begin(), sent.end(), text.data() + 1024) == 1);
}

TEST_CASE("devmnt: directory entries name the attach they come from", "[mnt]")
{
    Mounted mt;
    std::vector<std::string> names;
    std::vector<std::pair<uint16_t, uint32_t>> devs;
    in_proc([&] {
        Chan* c = cclone(mt.root);
        c = mntdev.open(c, OREAD).value();
        uint8_t buf[2048];
        for (uint64_t off = 0;;) {
            long n = mntdev.read(c, buf, sizeof buf, off).value();
            if (n == 0)
                break;
            off += n;
            for (long i = 0; i < n;) {
                Dir d;
                char strs[256];
                size_t len = convM2D(buf + i, n - i, &d, strs, sizeof strs);
                if (len == 0)
                    break;
                names.push_back(d.name);
                devs.push_back({ d.type, d.dev });
                i += long(len);
            }
        }
        cclose(c);
    });
    CHECK(names == std::vector<std::string> { "a", "dir", "secret" });
    for (auto [type, dev] : devs) {
        CHECK(type == 'M');
        CHECK(dev == mt.root->devno);
    }
}

TEST_CASE("devmnt: create then wstat then remove", "[mnt]")
{
    Mounted mt;
    size_t from = mt.wire.nmsg();
    std::string err;
    uint32_t fid = 0;
    in_proc([&] {
        Chan* c = walk(mt.root, { "dir" }).value();
        err += error_of(mntdev.create(c, "new", OWRITE, 0664).error());
        fid = mnt_fid(c)->fid;
        auto w = mntdev.write(c, "fresh", 5, 0);
        err += error_of(w.error());
        Dir d;
        nulldir(&d);
        d.length = 2;
        err += error_of(mntdev.wstat(c, d).error());
        cclose(c);
    });
    CHECK(err == "");
    File* f = walkfile(mt.srv.fs.srv.tree->root, "dir/new");
    REQUIRE(f);
    CHECK(f->d.length == 2);
    CHECK(*static_cast<std::string*>(f->aux) == "fr");
    CHECK(!(f->d.qid.type & QTDIR));
    closefile(f);
    CHECK(run());
    REQUIRE(mt.sent(Tclunk, from).size() == 1);
    CHECK(mt.sent(Tclunk, from)[0].fid == fid);

    from = mt.wire.nmsg();
    in_proc([&] {
        Chan* c = walk(mt.root, { "dir", "new" }).value();
        fid = mnt_fid(c)->fid;
        err += error_of(mntdev.remove(c).error());
        cclose(c);
    });
    CHECK(err == "");
    CHECK(run());
    CHECK(walkfile(mt.srv.fs.srv.tree->root, "dir/new") == nullptr);
    CHECK(mt.sent(Tremove, from).size() == 1);
    CHECK(mt.sent(Tclunk, from).empty());  // a remove clunks the fid itself
}

TEST_CASE("devmnt: a failed walk leaves the chan as it was and the server's errors reach the caller", "[mnt]")
{
    Mounted mt;
    std::string walk_err, open_err, file_err;
    bool unchanged = false;
    in_proc([&] {
        Chan* c = cclone(mt.root);
        Mfid* f = mnt_fid(c);
        Qid q = c->qid;
        walk_err = error_of(mntdev.walk(c, "nonesuch").error());
        unchanged = mnt_fid(c) == f && c->qid.path == q.path && f->ref == 2;
        cclose(c);
        c = walk(mt.root, { "secret" }).value();
        open_err = error_of(mntdev.open(c, OREAD).error());
        cclose(c);
        c = walk(mt.root, { "a" }).value();
        file_err = error_of(mntdev.walk(c, "below").error());
        cclose(c);
    });
    CHECK(walk_err == Enonexist);
    CHECK(unchanged);
    CHECK(open_err == Eperm);
    CHECK(file_err == Enotdir);  // known without asking the server
}

TEST_CASE("devmnt: an interrupted read of a file the server holds fails with interrupted", "[mnt]")
{
    Mounted mt;
    Chan* c = nullptr;
    in_proc([&] {
        c = walk(mt.root, { "a" }).value();
        c = mntdev.open(c, OREAD).value();
    });
    mt.srv.hold_reads = true;
    Result<long> got = "did not finish";
    Proc* p = hostproc::spawn("reader", [&] {
        char buf[10];
        got = mntdev.read(c, buf, sizeof buf, 0);
    });
    CHECK(run());
    REQUIRE(mt.srv.reads.size() == 1);
    postnote(p, "interrupt");
    CHECK(run());
    CHECK(error_of(got.error()) == Eintr);
    CHECK(mt.wire.last().type == Tflush);
    cclose(c);
}

TEST_CASE("devmnt: a 9P tree mounted in a namespace is reached by name", "[mnt]")
{
    Mounted mt;
    RamDev& r = ramdev();
    r.reset();
    r.make("root", "mnt", true);
    Pgrp* pgrp = pgrp_new();
    Chan* slash = r.attach("root").release_value();
    chan_setpath(slash, "/");
    NameEnv env { pgrp, slash, slash };
    std::string err, data;
    in_proc([&] {
        auto old = namec(env, "/mnt", Amode::Mount);
        if (old.is_error()) {
            err = old.error();
            return;
        }
        err += error_of(cmount(pgrp, mt.root, old.value(), MREPL, "").error());
        cclose(old.value());
        auto c = namec(env, "/mnt/dir/x", Amode::Open, OREAD);
        if (c.is_error()) {
            err += c.error();
            return;
        }
        char buf[16];
        long n = c.value()->dev->read(c.value(), buf, sizeof buf, 0).value();
        data.assign(buf, n);
        cclose(c.value());
    });
    CHECK(err == "");
    CHECK(data == "ex");
    pgrp_release(pgrp);  // lets go of the mount's hold on the root
    cclose(slash);
}
