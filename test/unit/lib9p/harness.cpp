// The lib9p tests' client and their memfs server (harness.h).
#include "harness.h"
#include "lib9/error.h"
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstring>

Str S(const char* s) { return Str{s, uint16_t(std::strlen(s))}; }

std::string str(Str s) { return std::string(s.p ? s.p : "", s.n); }

Bytes encode(const Fcall& f)
{
    size_t n = sizeS2M(&f);
    REQUIRE(n != 0);
    Bytes b(n);
    REQUIRE(convS2M(&f, b.data(), b.size()) == n);
    return b;
}

Harness::Harness(Srv* srv) : conn(srv, sink, this) {}

void Harness::sink(void* arg, const uint8_t* msg, size_t n, const uint8_t* data, size_t ndata)
{
    Harness* h = static_cast<Harness*>(arg);
    Bytes whole(msg, msg + n);
    whole.insert(whole.end(), data, data + ndata);
    h->lastdata = ndata ? data : nullptr;
    h->m_out.push_back(h->decode(whole));
}

Fcall Harness::decode(const Bytes& b)
{
    m_keep.push_back(b);
    const Bytes& kept = m_keep.back();
    Fcall f;
    INFO("reply of " << kept.size() << " bytes");
    REQUIRE(convM2S(kept.data(), kept.size(), &f) == kept.size());
    REQUIRE(f.type % 2 == 1);
    REQUIRE(kept.size() <= conn.msize());
    return f;
}

std::vector<Fcall> Harness::raw(const Bytes& msg)
{
    m_keep.push_back(msg);
    conn.input(m_keep.back().data(), m_keep.back().size());
    return late();
}

std::vector<Fcall> Harness::send(Fcall t)
{
    if (t.tag == NOTAG && t.type != Tversion)
        t.tag = m_tag++;
    return raw(encode(t));
}

Fcall Harness::rpc(Fcall t)
{
    if (t.tag == NOTAG && t.type != Tversion)
        t.tag = m_tag++;
    std::vector<Fcall> r = send(t);
    REQUIRE(r.size() == 1);
    CHECK(r[0].tag == t.tag);
    CHECK((r[0].type == t.type + 1 || r[0].type == Rerror));
    return r[0];
}

std::vector<Fcall> Harness::late()
{
    std::vector<Fcall> v;
    v.swap(m_out);
    return v;
}

Fcall Harness::version(uint32_t msize, const char* v)
{
    Fcall t;
    t.type = Tversion;
    t.msize = msize;
    t.version = S(v);
    return rpc(t);
}

Fcall Harness::attach(uint32_t fid, const char* uname)
{
    Fcall t;
    t.type = Tattach;
    t.fid = fid;
    t.afid = NOFID;
    t.uname = S(m_strs.emplace_back(uname).c_str());
    t.aname = S("");
    return rpc(t);
}

Fcall Harness::walk(uint32_t fid, uint32_t newfid, std::vector<std::string> names)
{
    Fcall t;
    t.type = Twalk;
    t.fid = fid;
    t.newfid = newfid;
    t.nwname = uint16_t(names.size());
    for (size_t i = 0; i < names.size(); i++)
        t.wname[i] = S(m_strs.emplace_back(names[i]).c_str());
    return rpc(t);
}

Fcall Harness::open(uint32_t fid, uint8_t mode)
{
    Fcall t;
    t.type = Topen;
    t.fid = fid;
    t.mode = mode;
    return rpc(t);
}

Fcall Harness::create(uint32_t fid, const char* name, uint32_t perm, uint8_t mode)
{
    Fcall t;
    t.type = Tcreate;
    t.fid = fid;
    t.name = S(m_strs.emplace_back(name).c_str());
    t.perm = perm;
    t.mode = mode;
    return rpc(t);
}

Fcall Harness::read(uint32_t fid, uint64_t offset, uint32_t count)
{
    Fcall t;
    t.type = Tread;
    t.fid = fid;
    t.offset = offset;
    t.count = count;
    return rpc(t);
}

Fcall Harness::write(uint32_t fid, uint64_t offset, const std::string& data)
{
    const std::string& kept = m_strs.emplace_back(data);
    Fcall t;
    t.type = Twrite;
    t.fid = fid;
    t.offset = offset;
    t.count = uint32_t(kept.size());
    t.data = reinterpret_cast<const uint8_t*>(kept.data());
    return rpc(t);
}

Fcall Harness::clunk(uint32_t fid)
{
    Fcall t;
    t.type = Tclunk;
    t.fid = fid;
    return rpc(t);
}

Fcall Harness::remove(uint32_t fid)
{
    Fcall t;
    t.type = Tremove;
    t.fid = fid;
    return rpc(t);
}

Fcall Harness::stat(uint32_t fid)
{
    Fcall t;
    t.type = Tstat;
    t.fid = fid;
    return rpc(t);
}

Fcall Harness::wstat(uint32_t fid, const Dir& d)
{
    Bytes& b = m_keep.emplace_back(sizeD2M(&d));
    REQUIRE(convD2M(&d, b.data(), b.size()) == b.size());
    Fcall t;
    t.type = Twstat;
    t.fid = fid;
    t.nstat = uint16_t(b.size());
    t.stat = b.data();
    return rpc(t);
}

std::string err(const Fcall& r) { return r.type == Rerror ? str(r.ename) : ""; }

std::vector<std::string> dirnames(const Fcall& r)
{
    std::vector<std::string> names;
    REQUIRE(r.type == Rread);
    size_t off = 0;
    while (off < r.count) {
        REQUIRE(r.count - off >= BIT16SZ);
        size_t n = BIT16SZ + (r.data[off] | r.data[off + 1] << 8);
        REQUIRE(off + n <= r.count);
        REQUIRE(statcheck(r.data + off, n) == 0);
        Dir d;
        char strs[1024];
        REQUIRE(convM2D(r.data + off, n, &d, strs, sizeof strs) == n);
        names.push_back(d.name);
        off += n;
    }
    return names;
}

Dir decodestat(const Fcall& r, std::string* strs)
{
    REQUIRE(r.type == Rstat);
    strs->assign(r.nstat, '\0');
    Dir d;
    REQUIRE(convM2D(r.stat, r.nstat, &d, strs->data(), strs->size()) == r.nstat);
    return d;
}

namespace {

constexpr uint64_t Maxfile = 1 << 20;  // fuzzed offsets and lengths must not exhaust the host

std::string& data(File* f) { return *static_cast<std::string*>(f->aux); }

void mopen(Req* r)
{
    File* f = r->fid->file;
    if ((r->ifcall.mode & OTRUNC) && !(f->d.qid.type & QTDIR)) {
        data(f).clear();
        f->d.length = 0;
        filemodified(f, r->fid->uid);
    }
    respond(r, nullptr);
}

void mcreate(Req* r)
{
    const char* e;
    File* f = createfile(r->fid->file, r->ifcall.name.p, r->fid->uid, r->ifcall.perm, new std::string, &e);
    if (!f) {
        respond(r, e);
        return;
    }
    closefile(r->fid->file);
    r->fid->file = f;
    r->ofcall.qid = f->d.qid;
    respond(r, nullptr);
}

void mread(Req* r)
{
    const std::string& s = data(r->fid->file);
    uint64_t off = r->ifcall.offset;
    size_t n = off >= s.size() ? 0 : std::min<size_t>(r->ifcall.count, s.size() - off);
    std::memcpy(r->rbuf, s.data() + (n ? off : 0), n);
    r->ofcall.count = uint32_t(n);
    respond(r, nullptr);
}

void mwrite(Req* r)
{
    File* f = r->fid->file;
    std::string& s = data(f);
    uint64_t end = r->ifcall.offset + r->ifcall.count;
    if (r->ifcall.offset > Maxfile || end > Maxfile) {
        respond(r, Etoobig);
        return;
    }
    if (end > s.size())
        s.resize(end);
    s.replace(r->ifcall.offset, r->ifcall.count, reinterpret_cast<const char*>(r->ifcall.data), r->ifcall.count);
    f->d.length = s.size();
    filemodified(f, r->fid->uid);
    r->ofcall.count = r->ifcall.count;
    respond(r, nullptr);
}

void mwstat(Req* r)
{
    if (r->d.length != ~0ull && r->d.length > Maxfile) {
        respond(r, Etoobig);
        return;
    }
    if (r->d.length != ~0ull) {
        data(r->fid->file).resize(r->d.length);
        filemodified(r->fid->file, r->fid->uid);
    }
    respond(r, nullptr);
}

void mdestroy(File* f) { delete static_cast<std::string*>(f->aux); }

}  // namespace

Memfs::Memfs()
{
    srv.tree = alloctree("glenda", "glenda", 0775, mdestroy);
    srv.open = mopen;
    srv.create = mcreate;
    srv.read = mread;
    srv.write = mwrite;
    srv.wstat = mwstat;
}

Memfs::~Memfs() { freetree(srv.tree); }

File* memfile(Memfs& fs, const char* path, const char* uid, uint32_t perm, const char* contents)
{
    std::string p(path);
    size_t slash = p.rfind('/');
    File* dir = walkfile(fs.srv.tree->root, p.substr(0, slash).c_str());
    REQUIRE(dir);
    const char* e;
    File* f = createfile(dir, p.substr(slash + 1).c_str(), uid, perm, nullptr, &e);
    closefile(dir);
    REQUIRE(f);
    if (!(perm & DMDIR)) {
        f->aux = new std::string(contents);
        f->d.length = std::strlen(contents);
    }
    closefile(f);
    return f;
}
