// #M: files on 9P servers. A chan of the mount driver names a server file through an
// Mfid (Chan::auxp); Chan::devno numbers the attach it descends from, so two attaches of
// one server are two trees. Chans cloned from one another share their Mfid until one of
// them walks, opens, creates or removes, which first gives it a fid of its own: a clone
// costs no message, and a walk from a shared fid is one Twalk to a new fid.
// Every reply has passed mnt_check before these functions look at it.
#include "9p/mnt.h"
#include "9p/mntcheck.h"
#include "port/lib.h"

namespace {

uint32_t attachids;

Mfid* mfid(Chan* c)
{
    return static_cast<Mfid*>(c->auxp);
}

// An RPC on f's connection, freed when it goes out of scope.
class Rpc {
public:
    explicit Rpc(Mnt* m) : m_m(m) {}
    ~Rpc()
    {
        if (m_r)
            mnt_rpcfree(m_m, m_r);
    }
    Rpc(const Rpc&) = delete;
    Rpc& operator=(const Rpc&) = delete;

    Result<Fcall*> request(uint8_t type, uint32_t fid)
    {
        m_r = TRY(mnt_rpcalloc(m_m));
        m_r->t.type = type;
        m_r->t.fid = fid;
        return &m_r->t;
    }
    Result<void> run() { return mnt_rpc(m_m, m_r); }
    void read_into(uint8_t* p) { m_r->direct = p; }  // where a Tread's data may land
    const Fcall& reply() const { return m_r->r; }
    bool answered() const { return m_r && m_r->done; }

private:
    Mnt* m_m;
    Mntrpc* m_r = nullptr;
};

Str str(const char* s)
{
    return Str { s, static_cast<uint16_t>(strlen(s)) };
}

// Twalk from f through names (none: a clone), into nf.
Result<Qid> walk_fid(Mfid* f, Mfid* nf, const char* name)
{
    Rpc rpc(f->m);
    Fcall* t = TRY(rpc.request(Twalk, f->fid));
    t->newfid = nf->fid;
    t->nwname = name ? 1 : 0;
    if (name)
        t->wname[0] = str(name);
    TRY(rpc.run());
    if (rpc.reply().nwqid != t->nwname)
        return Enonexist;
    return name ? rpc.reply().wqid[0] : Qid {};
}

// Give c a fid nobody else uses, for operations that change what the fid is.
Result<Mfid*> own(Chan* c)
{
    Mfid* f = mfid(c);
    if (f->ref == 1)
        return f;
    Mfid* nf = TRY(mfid_new(f->m));
    auto w = walk_fid(f, nf, nullptr);
    if (w.is_error()) {
        nf->gone = true;
        mfid_release(nf);
        return w.error();
    }
    c->auxp = nf;
    mfid_release(f);
    return nf;
}

// Directory entries as they leave the driver name the attach they come from.
void fix_dirs(uint8_t* p, uint32_t n, Chan* c)
{
    for (uint32_t off = 0; off + BIT16SZ <= n;) {
        uint32_t len = BIT16SZ + (p[off] | p[off + 1] << 8);
        uint8_t* e = p + off + BIT16SZ;
        e[0] = 'M';
        e[1] = 0;
        for (int i = 0; i < 4; i++)
            e[2 + i] = static_cast<uint8_t>(c->devno >> (8 * i));
        off += len;
    }
}

Result<void> open_or_create(Chan* c, uint8_t type, int omode, const char* name, uint32_t perm)
{
    Mfid* f = TRY(own(c));
    Rpc rpc(f->m);
    Fcall* t = TRY(rpc.request(type, f->fid));
    t->mode = static_cast<uint8_t>(omode & (3 | OTRUNC | ORCLOSE));
    if (type == Tcreate) {
        t->name = str(name);
        t->perm = perm;
    }
    TRY(rpc.run());
    c->qid = rpc.reply().qid;
    f->open = true;
    f->iounit = rpc.reply().iounit;
    return {};
}

}  // namespace

class MntDev final : public Dev {
public:
    constexpr MntDev() : Dev('M', "mnt") {}

    Result<Chan*> attach(const char*) override
    {
        return Eperm;  // only mount(2) makes these
    }

    bool gen(Chan*, int, DirBuf&) override
    {
        return false;  // directories are read from the server
    }

    Result<void> dirstat(Chan* c, DirBuf& db) override
    {
        Mfid* f = mfid(c);
        Rpc rpc(f->m);
        TRY(rpc.request(Tstat, f->fid));
        TRY(rpc.run());
        if (convM2D(rpc.reply().stat, rpc.reply().nstat, &db.d, db.strs, sizeof db.strs) == 0)
            return Esbadstat;
        return {};
    }

    Result<void> walk(Chan* c, const char* name) override
    {
        if (!(c->qid.type & QTDIR))
            return Enotdir;
        Mfid* f = mfid(c);
        bool in_place = f->ref == 1 && !f->open;
        Mfid* nf = in_place ? f : TRY(mfid_new(f->m));
        auto q = walk_fid(f, nf, name);
        if (q.is_error()) {
            if (!in_place) {
                nf->gone = true;
                mfid_release(nf);
            }
            return q.error();
        }
        c->qid = q.value();
        if (!in_place) {
            c->auxp = nf;
            mfid_release(f);
        }
        return {};
    }

    Result<Chan*> open(Chan* c, int omode) override
    {
        TRY(open_or_create(c, Topen, omode, nullptr, 0));
        return c;
    }

    Result<void> create(Chan* c, const char* name, int omode, uint32_t perm) override
    {
        return open_or_create(c, Tcreate, omode, name, perm);
    }

    [[gnu::hot]] Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        return rdwr(c, static_cast<uint8_t*>(buf), n, off, Tread);
    }

    [[gnu::hot]] Result<long> write(Chan* c, const void* buf, long n, uint64_t off) override
    {
        return rdwr(c, static_cast<uint8_t*>(const_cast<void*>(buf)), n, off, Twrite);
    }

    void close(Chan* c) override
    {
        if (c->auxp)
            mfid_release(mfid(c));
    }

    void clone(Chan* from, Chan*) override
    {
        mfid(from)->ref++;
    }

    Result<void> remove(Chan* c) override
    {
        Mfid* f = TRY(own(c));
        Rpc rpc(f->m);
        TRY(rpc.request(Tremove, f->fid));
        auto r = rpc.run();
        if (rpc.answered())
            f->gone = true;  // removed or not, the server has clunked it
        return r;
    }

    Result<void> wstat(Chan* c, const Dir& d) override
    {
        Mfid* f = mfid(c);
        size_t n = sizeD2M(&d);
        if (n > STATMAX || n + IOHDRSZ > f->m->msize)
            return Etoobig;
        auto* buf = new uint8_t[n];
        if (!buf)
            return Enomem;
        convD2M(&d, buf, n);
        auto r = send_wstat(f, buf, static_cast<uint16_t>(n));
        delete[] buf;
        return r;
    }

private:
    // Reads and writes go in pieces of at most the iounit; a short piece ends the call.
    [[gnu::hot]] Result<long> rdwr(Chan* c, uint8_t* buf, long n, uint64_t off, uint8_t type)
    {
        Mfid* f = mfid(c);
        if (type == Tread && (c->aux & Mcached) && !(c->qid.type & QTDIR) && n > static_cast<long>(mfid_iounit(f)))
            return mnt_read_ahead(f, buf, n, off);
        long done = 0;
        while (done < n) {
            uint32_t want = min<uint32_t>(n - done, mfid_iounit(f));
            auto got = piece(c, buf + done, want, off + done, type);
            if (got.is_error())
                return done ? Result<long>(done) : Result<long>(got.error());
            done += got.value();
            if (got.value() < want || up->notepending)
                break;
        }
        return done;
    }

    // One Tread or Twrite of want bytes at p; returns the count the server gave.
    [[gnu::hot]] static Result<uint32_t> piece(Chan* c, uint8_t* p, uint32_t want, uint64_t off, uint8_t type)
    {
        Mfid* f = mfid(c);
        Rpc rpc(f->m);
        Fcall* t = TRY(rpc.request(type, f->fid));
        t->offset = off;
        t->count = want;
        bool dir = c->qid.type & QTDIR;
        if (type == Twrite)
            t->data = p;
        else if (!dir)
            rpc.read_into(p);
        TRY(rpc.run());
        uint32_t got = rpc.reply().count;
        if (type == Tread) {
            auto* data = const_cast<uint8_t*>(rpc.reply().data);
            if (dir) {
                if (const char* bad = mnt_check_dirs(data, got))
                    return bad;
                fix_dirs(data, got, c);
            }
            if (data != p)
                memcpy(p, data, got);
        }
        return got;
    }

    static Result<void> send_wstat(Mfid* f, const uint8_t* stat, uint16_t n)
    {
        Rpc rpc(f->m);
        Fcall* t = TRY(rpc.request(Twstat, f->fid));
        t->nstat = n;
        t->stat = stat;
        return rpc.run();
    }
};

namespace {
MntDev instance;
}
Dev& mntdev = instance;

Mfid* mnt_fid(Chan* c)
{
    return c->dev == &instance ? mfid(c) : nullptr;
}

namespace {

// The Tattach (a new tree, on f) or Tauth (a new authentication file, f) exchange.
Result<Qid> introduce_rpc(Mnt* m, uint8_t type, Mfid* f, Mfid* afid, const char* uname, const char* aname)
{
    Rpc rpc(m);
    Fcall* t = TRY(rpc.request(type, type == Tattach ? f->fid : NOFID));
    t->afid = type == Tauth ? f->fid : afid ? afid->fid : NOFID;
    t->uname = str(uname);
    t->aname = str(aname);
    TRY(rpc.run());
    return rpc.reply().qid;
}

// Tattach or Tauth for a new fid: a chan for it.
Result<Chan*> introduce(Mnt* m, uint8_t type, Mfid* afid, const char* uname, const char* aname)
{
    Mfid* f = TRY(mfid_new(m));
    auto q = introduce_rpc(m, type, f, afid, uname, aname);
    Chan* c = q.is_error() ? nullptr : newchan(&instance);
    if (!c) {
        f->gone = true;
        mfid_release(f);
        return q.is_error() ? q.error() : Enomem;
    }
    c->auxp = f;
    c->qid = q.value();
    c->devno = ++attachids;
    return c;
}

}  // namespace

Result<Chan*> mnt_attach(Mnt* m, Mfid* afid, const char* uname, const char* aname)
{
    return introduce(m, Tattach, afid, uname, aname);
}

Result<Chan*> mnt_auth(Mnt* m, const char* uname, const char* aname)
{
    Chan* c = TRY(introduce(m, Tauth, nullptr, uname, aname));
    mfid(c)->open = true;  // an auth fid is read and written without Topen
    c->mode = ORDWR;
    c->open = true;
    return c;
}
