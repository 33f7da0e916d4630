// The mount driver tests' fixtures (mntrig.h).
#include "mntrig.h"
#include <catch2/catch.hpp>
#include <cstring>

namespace {

HeldFs* heldfs(Req* r)
{
    return static_cast<HeldFs*>(r->srv->aux);
}

Req* take(std::vector<Req*>& v, size_t i)
{
    Req* r = v.at(i);
    v.erase(v.begin() + long(i));
    return r;
}

}  // namespace

HeldFs::HeldFs(bool hold_flushes, uint32_t msize)
{
    m_read = fs.srv.read;
    fs.srv.aux = this;
    fs.srv.msize = msize;
    fs.srv.read = [](Req* r) {
        HeldFs* s = heldfs(r);
        if (s->hold_reads)
            s->reads.push_back(r);
        else
            s->m_read(r);
    };
    if (hold_flushes)
        fs.srv.flush = [](Req* r) { heldfs(r)->flushes.push_back(r); };
}

HeldFs::~HeldFs()
{
    for (Req* r : reads)
        respond(r, Eintr);
    for (Req* r : flushes)
        respond(r, nullptr);
}

Req* HeldFs::take_read(size_t i)
{
    return take(reads, i);
}

Req* HeldFs::take_flush(size_t i)
{
    return take(flushes, i);
}

void HeldFs::answer(Req* r)
{
    m_read(r);
}

Proc* start(Mnt* m, Call& c)
{
    c.p = hostproc::spawn("rpc", [m, &c] {
        auto a = mnt_rpcalloc(m);
        if (a.is_error()) {
            c.err = a.error();
            c.done = true;
            return;
        }
        Mntrpc* r = a.value();
        r->t = c.t;
        std::vector<uint8_t> buf(c.t.count);
        if (c.direct)
            r->direct = buf.data();
        auto w = mnt_rpc(m, r);
        c.tag = r->t.tag;
        if (w.is_error()) {
            c.err = w.error();
        } else {
            c.type = r->r.type;
            c.qid = r->r.qid;
            c.count = r->r.count;
            if (c.type == Rread)
                c.data.assign(reinterpret_cast<const char*>(r->r.data), r->r.count);
        }
        mnt_rpcfree(m, r);
        c.done = true;
    });
    return c.p;
}

Fcall tattach(uint32_t fid)
{
    Fcall t;
    t.type = Tattach;
    t.fid = fid;
    t.uname = S("glenda");
    t.aname = S("");
    return t;
}

Fcall twalk(uint32_t fid, uint32_t newfid, const char* name)
{
    Fcall t;
    t.type = Twalk;
    t.fid = fid;
    t.newfid = newfid;
    t.nwname = 1;
    t.wname[0] = S(name);
    return t;
}

Fcall topen(uint32_t fid, uint8_t mode)
{
    Fcall t;
    t.type = Topen;
    t.fid = fid;
    t.mode = mode;
    return t;
}

Fcall tread(uint32_t fid, uint32_t count, uint64_t offset)
{
    Fcall t;
    t.type = Tread;
    t.fid = fid;
    t.count = count;
    t.offset = offset;
    return t;
}

Fcall tstat(uint32_t fid)
{
    Fcall t;
    t.type = Tstat;
    t.fid = fid;
    return t;
}

std::vector<std::string> sequence(Mnt* m, const std::vector<Fcall>& ts)
{
    std::vector<std::string> errs(ts.size(), "not made");
    hostproc::spawn("sequence", [&] {
        for (size_t i = 0; i < ts.size(); i++) {
            Mntrpc* r = mnt_rpcalloc(m).value();
            r->t = ts[i];
            auto w = mnt_rpc(m, r);
            errs[i] = w.is_error() ? w.error() : "";
            mnt_rpcfree(m, r);
        }
    });
    CHECK(hostproc::run());
    return errs;
}

Result<Mnt*> version(Chan* c, uint32_t msize, const char* v)
{
    Result<Mnt*> got = "did not finish";
    hostproc::spawn("version", [&] { got = mnt_version(c, msize, v); });
    CHECK(hostproc::run());
    return got;
}

void clunker()
{
    static bool started;
    if (!started)
        mnt_clunk_start();
    started = true;
}

Rig::Rig(bool hold_flushes, uint32_t server_msize)
    : srv(hold_flushes, server_msize), wire(&srv.fs.srv), c(wire.open())
{
    memfile(srv.fs, "/a", "glenda", 0664, "alpha");
    memfile(srv.fs, "/b", "glenda", 0664, "beta");
    memfile(srv.fs, "/c", "glenda", 0664, "gamma");
    auto v = version(c, 0);
    REQUIRE(v.error() == nullptr);
    m = v.value();
    m->nextfid = 100;  // fids below are the tests' own, used by plain RPCs
    auto errs = sequence(m, { tattach(0), twalk(0, 1, "a"), twalk(0, 2, "b"), twalk(0, 3, "c"),
        topen(1, OREAD), topen(2, OREAD), topen(3, OREAD) });
    for (const auto& e : errs)
        REQUIRE(e == "");
}

Rig::~Rig()
{
    CHECK(hostproc::reap() == 0);
    cclose(c);
    CHECK(wire.chans() == 0);
}

void in_proc(std::function<void()> fn)
{
    Proc* p = hostproc::spawn("test", std::move(fn));
    CHECK(hostproc::run());
    CHECK(hostproc::finished(p));
}

Mounted::Mounted(uint32_t msize) : srv(false, msize), wire(&srv.fs.srv), c(wire.open())
{
    clunker();
    memfile(srv.fs, "/a", "glenda", 0664, "alpha");
    memfile(srv.fs, "/dir", "glenda", DMDIR | 0775);
    memfile(srv.fs, "/dir/x", "glenda", 0664, "ex");
    memfile(srv.fs, "/secret", "bootes", 0600, "s");
    auto v = version(c, 0);
    REQUIRE(v.error() == nullptr);
    m = v.value();
    in_proc([&] { root = mnt_attach(m, nullptr, "glenda", "").value(); });
    REQUIRE(root);
}

Mounted::~Mounted()
{
    cclose(root);  // clunked by the clunk process
    CHECK(hostproc::run());
    CHECK(hostproc::reap() == 0);
    CHECK(c->ref == 1);
    cclose(c);
    CHECK(wire.chans() == 0);
}

std::vector<Fcall> Mounted::sent(uint8_t type, size_t from)
{
    std::vector<Fcall> v;
    for (size_t i = from; i < wire.nmsg(); i++)
        if (wire.msg(i).type == type)
            v.push_back(wire.msg(i));
    return v;
}

Result<Chan*> walk(Chan* from, std::initializer_list<const char*> names)
{
    Chan* c = cclone(from);
    for (const char* name : names) {
        auto w = mntdev.walk(c, name);
        if (w.is_error()) {
            cclose(c);
            return w.error();
        }
    }
    return c;
}

std::string error_of(const char* e)
{
    return e ? e : "";
}
