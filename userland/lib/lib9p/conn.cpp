// One 9P connection (Conn in 9p.h): decoding of incoming messages into Reqs, Tversion,
// the fid and tag tables, and sending. Everything a client sends is untrusted: a message
// is decoded from the Req's own copy and checked whole by convM2S before any field is
// used; one that cannot be decoded is answered with Rerror (it has a tag) and dropped.
// input and hangup hold Srv::lock (Srvguard, here too), as respond does, so a respond
// from another process waits for the message being handled, and the other way round.
#include <new>

#include "lib9/error.h"
#include "lib9/sys.h"
#include "lib9p/proto.h"

namespace {

constexpr size_t HDRSZ = 4 + 1 + 2;  // size type tag
constexpr uint32_t MINMSIZE = 256;  // room for any Rerror and a useful read
// The shortest Twrite whose Req keeps the reader's buffer rather than copy it: below it,
// copying costs less than the new buffer the reader then needs.
constexpr size_t Keepmin = 4096;

size_t hash(uint32_t id) { return id % Conn::Nhash; }

uint32_t get32(const uint8_t* p) { return p[0] | p[1] << 8 | p[2] << 16 | uint32_t(p[3]) << 24; }

bool tmessage(uint8_t type) { return type >= Tversion && type <= Twstat && type % 2 == 0 && type != Terror; }

// Copies every string of r->ifcall NUL-terminated into r->strs (room bytes) and aims the
// Strs there; false if they do not fit.
bool termstrings(Req* r, size_t room)
{
    Fcall& f = r->ifcall;
    Str* strs[4 + MAXWELEM];
    strs[0] = &f.version;
    strs[1] = &f.uname;
    strs[2] = &f.aname;
    strs[3] = &f.name;
    size_t ns = 4, total = 0;
    for (int i = 0; i < f.nwname && i < MAXWELEM; i++)
        strs[ns++] = &f.wname[i];
    for (size_t i = 0; i < ns; i++)
        total += strs[i]->n + 1;
    if (total > room)
        return false;
    char* p = r->strs;
    for (size_t i = 0; i < ns; i++) {
        if (strs[i]->n)
            __builtin_memcpy(p, strs[i]->p, strs[i]->n);
        p[strs[i]->n] = 0;
        strs[i]->p = p;
        p += strs[i]->n + 1;
    }
    return true;
}

// Room for termstrings. Only these T-messages carry strings (Twstat's are its Dir's); in
// the others there are just the four empty ones. Each string takes one byte more than in
// the message, and there are at most 4 + MAXWELEM of them.
size_t strroom(uint8_t type, size_t n)
{
    bool strings = type == Tauth || type == Tattach || type == Twalk || type == Tcreate;
    return (strings ? n : 0) + 4 + MAXWELEM;
}

// A Tread's rbuf, with room for the header in front: its count clipped as sread clips it.
size_t readroom(const uint8_t* msg, size_t n, uint32_t msize)
{
    constexpr size_t Treadsize = HDRSZ + 4 + 8 + 4;  // fid offset count
    if (msg[4] != Tread || n != Treadsize)
        return 0;
    return RREADHDR + clipcount(get32(msg + Treadsize - 4), msize);
}

}  // namespace

char* dupstr(const char* s)
{
    size_t n = __builtin_strlen(s) + 1;
    char* p = new char[n];
    __builtin_memcpy(p, s, n);
    return p;
}

bool streq(const char* a, const char* b) { return __builtin_strcmp(a, b) == 0; }

// owner is written only by the holder, so a process finds its own id there only when it
// holds the lock.
Srvguard::Srvguard(Srv* s) : m_lock(&s->lock)
{
    long me = lockself();
    if (__atomic_load_n(&m_lock->owner, __ATOMIC_RELAXED) == me) {
        m_lock->depth++;
        return;
    }
    locktake(m_lock);
    __atomic_store_n(&m_lock->owner, me, __ATOMIC_RELAXED);
    m_lock->depth = 1;
}

Srvguard::~Srvguard()
{
    if (--m_lock->depth > 0)
        return;
    __atomic_store_n(&m_lock->owner, 0, __ATOMIC_RELAXED);
    lockgive(m_lock);
}

Conn::Conn(Srv* srv, Send send, void* arg)
    : m_srv(srv), m_send(send), m_arg(arg), m_msize(srv->msize), m_wbuf(new uint8_t[srv->msize])
{
}

Conn::~Conn()
{
    hangup();
    delete[] m_wbuf;
}

void Conn::hangup()
{
    Srvguard g(m_srv);
    for (auto& chain : m_reqs)
        while (chain)
            Proto::flushreq(chain);
    for (auto& chain : m_fids)
        while (Fid* f = chain) {
            chain = f->hnext;
            fidput(f);
        }
}

bool Conn::input(const uint8_t* msg, size_t n, uint8_t* buffer)
{
    if (n < HDRSZ || msg_size(msg) != n)
        return false;
    Srvguard g(m_srv);
    uint16_t tag = uint16_t(msg[5] | msg[6] << 8);
    if (msg[4] == Tversion) {
        Fcall f;
        if (n > m_srv->msize || convM2S(msg, n, &f) != n)
            Proto::send_error(this, tag, Ebotch);
        else
            version(f);
        return false;
    }
    if (Proto::findreq(this, tag)) {
        Proto::send_error(this, tag, Eduptag);
        return false;
    }
    if (n > m_msize) {
        Proto::send_error(this, tag, Ebotch);
        return false;
    }
    size_t nstr = strroom(msg[4], n);
    uint8_t* kept = buffer && msg[4] == Twrite && n >= Keepmin ? buffer : nullptr;
    Req* r = Proto::newreq(msg, n, nstr, readroom(msg, n, m_msize), kept);
    if (convM2S(r->msg, n, &r->ifcall) != n || !tmessage(r->ifcall.type) || !termstrings(r, nstr)) {
        r->kept = nullptr;  // the caller's still
        Proto::freereq(r);
        Proto::send_error(this, tag, Ebotch);
        return false;
    }
    r->tag = tag;
    r->srv = m_srv;
    r->conn = this;
    r->ofcall.tag = tag;
    Req** chain = &m_reqs[hash(tag)];
    r->hnext = *chain;
    *chain = r;
    m_nreq++;
    Proto::dispatch(r);
    return kept != nullptr;
}

// version(5): a new session. Whatever the old one left pending is flushed and its fids
// clunked; the reply offers the smaller of the two sizes.
void Conn::version(const Fcall& t)
{
    if (t.msize < MINMSIZE) {
        Proto::send_error(this, t.tag, Esmallmsize);
        return;
    }
    hangup();
    Fcall r;
    r.type = Rversion;
    r.tag = t.tag;
    r.msize = t.msize < m_srv->msize ? t.msize : m_srv->msize;
    static constexpr char v9p2000[] = "9P2000";
    bool ours = t.version.n >= 6 && __builtin_memcmp(t.version.p, v9p2000, 6) == 0 &&
        (t.version.n == 6 || t.version.p[6] == '.');
    r.version = ours ? Str{v9p2000, 6} : Str{"unknown", 7};
    m_msize = r.msize;
    Proto::send(this, &r);
}

// One allocation: the Req, then the message's bytes (unless kept), nstr bytes for its
// strings and nread for a Tread's rbuf (the header's room first).
Req* Proto::newreq(const uint8_t* msg, size_t n, size_t nstr, size_t nread, uint8_t* kept)
{
    size_t ncopy = kept ? 0 : n;
    auto* mem = static_cast<uint8_t*>(::operator new(sizeof(Req) + ncopy + nstr + nread));
    Req* r = new (mem) Req;
    uint8_t* p = mem + sizeof(Req);
    if (kept) {
        r->msg = const_cast<uint8_t*>(msg);
        r->kept = kept;
    } else {
        r->msg = p;
        __builtin_memcpy(r->msg, msg, n);
    }
    r->strs = reinterpret_cast<char*>(p + ncopy);
    if (nread)
        r->rbuf = p + ncopy + nstr + RREADHDR;
    return r;
}

void Proto::freereq(Req* r)
{
    delete[] r->kept;
    r->~Req();
    ::operator delete(r);
}

Fid* Proto::lookupfid(Conn* c, uint32_t fid)
{
    for (Fid* f = c->m_fids[hash(fid)]; f; f = f->hnext)
        if (f->fid == fid) {
            f->ref++;
            return f;
        }
    return nullptr;
}

bool Proto::reservefid(Conn* c, Fid* f)
{
    Fid** chain = &c->m_fids[hash(f->fid)];
    for (Fid* g = *chain; g; g = g->hnext)
        if (g->fid == f->fid)
            return false;
    f->ref++;
    f->hnext = *chain;
    *chain = f;
    return true;
}

Fid* Proto::removefid(Conn* c, uint32_t fid)
{
    for (Fid** l = &c->m_fids[hash(fid)]; *l; l = &(*l)->hnext)
        if ((*l)->fid == fid) {
            Fid* f = *l;
            *l = f->hnext;
            f->hnext = nullptr;
            return f;
        }
    return nullptr;
}

void Proto::unreserve(Conn* c, Fid* f)
{
    if (!f)
        return;
    for (Fid** l = &c->m_fids[hash(f->fid)]; *l; l = &(*l)->hnext)
        if (*l == f) {
            *l = f->hnext;
            f->hnext = nullptr;
            fidput(f);
            return;
        }
}

void Proto::replacefid(Conn* c, Fid* old, Fid* f)
{
    for (Fid** l = &c->m_fids[hash(old->fid)]; *l; l = &(*l)->hnext)
        if (*l == old) {
            f->hnext = old->hnext;
            *l = f;
            f->ref++;
            old->hnext = nullptr;
            fidput(old);
            return;
        }
}

Req* Proto::findreq(Conn* c, uint16_t tag)
{
    for (Req* r = c->m_reqs[hash(tag)]; r; r = r->hnext)
        if (r->tag == tag)
            return r;
    return nullptr;
}

void Proto::untag(Conn* c, Req* r)
{
    for (Req** l = &c->m_reqs[hash(r->tag)]; *l; l = &(*l)->hnext)
        if (*l == r) {
            *l = r->hnext;
            r->hnext = nullptr;
            c->m_nreq--;
            return;
        }
}

void Proto::send(Conn* c, const Fcall* f)
{
    size_t n = convS2M(f, c->m_wbuf, c->m_msize);
    if (n == 0) {
        if (f->type != Rerror)
            send_error(c, f->tag, Etoobig);
        return;
    }
    c->m_send(c->m_arg, c->m_wbuf, n, nullptr, 0);
}

// The header goes in front of the data when there is room for it there (rbuf always has
// it; the server's storage when it lends it), so the reply is one piece.
void Proto::send_rread(Conn* c, Req* r)
{
    const Fcall& f = r->ofcall;
    bool own = f.data == r->rbuf;
    bool lent = !own && r->headroom && f.count;
    uint8_t* h = own || lent ? const_cast<uint8_t*>(f.data) - RREADHDR : c->m_wbuf;
    uint8_t saved[RREADHDR];
    if (lent)
        __builtin_memcpy(saved, h, RREADHDR);
    convS2Mhdr(&f, h, RREADHDR);
    uint32_t size = uint32_t(RREADHDR + f.count);
    if (own || lent)
        c->m_send(c->m_arg, h, size, nullptr, 0);
    else
        c->m_send(c->m_arg, h, RREADHDR, f.data, f.count);
    if (lent)
        __builtin_memcpy(h, saved, RREADHDR);
}

void Proto::send_error(Conn* c, uint16_t tag, const char* error)
{
    Fcall f;
    f.type = Rerror;
    f.tag = tag;
    size_t n = __builtin_strlen(error);
    f.ename = Str{error, uint16_t(n < ERRMAX ? n : ERRMAX - 1)};
    send(c, &f);
}
