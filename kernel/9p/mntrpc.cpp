// The mount driver's conversations (see mnt.h): version negotiation, tags, sending, the
// reader hand-off, flushes, hangup, and the clunks close() leaves behind.
// Only Mnt::wlock (a QLock, held while one message and the clunks queued before it are
// written) is ever slept on; the queue, rip and the reply buffer change only between
// sleeps, which on this uniprocessor, non-preempted kernel needs no lock.
// A server that breaks the framing (a size below a header or above msize) or hangs up ends
// the conversation: pending and later calls get the error. A reply that fails its checks
// fails just its own call.
#include <new>

#include "9p/mnt.h"
#include "9p/mntcheck.h"
#include "port/lib.h"

namespace {

constexpr int NSPARE = MNTAHEAD;  // enough for a read going ahead
constexpr uint32_t HDRSZ = 7;  // size[4] type[1] tag[2]

uint32_t mntids;
Mnt* clunkwork;  // connections with fids to clunk
Rendez clunkr;

[[gnu::hot]] void unlink(Mnt* m, Mntrpc* r)
{
    for (Mntrpc** l = &m->queue; *l; l = &(*l)->next) {
        if (*l == r) {
            *l = r->next;
            r->next = nullptr;
            return;
        }
    }
}

bool on_queue(Mnt* m, Mntrpc* r)
{
    for (Mntrpc* q = m->queue; q; q = q->next)
        if (q == r)
            return true;
    return false;
}

[[gnu::hot]] uint16_t new_tag(Mnt* m)
{
    for (;;) {
        uint16_t t = m->nexttag++;
        if (t == NOTAG)
            continue;
        bool used = false;
        for (Mntrpc* q = m->queue; q && !used; q = q->next)
            used = q->t.tag == t;
        if (!used)
            return t;
    }
}

void rpc_free(Mnt* m, Mntrpc* r);

// An RPC whose caller has gone (a clunk, an abandoned flush) dies with its reply.
void drop(Mnt* m, Mntrpc* r)
{
    if (r->flushed) {
        unlink(m, r->flushed);
        rpc_free(m, r->flushed);
    }
    unlink(m, r);
    rpc_free(m, r);
}

// The conversation is over: wake every caller, forget the replies nobody waits for.
void hangup(Mnt* m, const char* err)
{
    if (!m->dead)
        m->dead = err;
    for (Mntrpc* r = m->queue; r;) {
        if (r->async || (r->abandoned && r->flushed)) {
            drop(m, r);  // may free r's successor too: start again
            r = m->queue;
            continue;
        }
        wakeup(&r->rz);
        r = r->next;
    }
}

// Hand the reply now in m->rbuf to the RPC it answers.
[[gnu::hot]] void dispatch(Mnt* m, uint32_t size)
{
    uint16_t tag = m->rbuf[5] | m->rbuf[6] << 8;
    Mntrpc* r = m->queue;
    while (r && !(r->t.tag == tag && !r->done))
        r = r->next;
    if (!r)
        return;  // answers nothing outstanding: ignore it
    r->done = true;
    if (m->direct == r) {
        m->direct = nullptr;
        memcpy(r->tiny, m->rbuf, RREADHDR);  // the data is in place already
        r->reply = r->tiny;
        r->rlen = RREADHDR;
        r->direct_done = true;
        unlink(m, r);
        wakeup(&r->rz);
        return;
    }
    if (r->async || (r->abandoned && r->flushed)) {
        drop(m, r);
        return;
    }
    if (size <= sizeof r->tiny) {
        memcpy(r->tiny, m->rbuf, size);
        r->reply = r->tiny;
    } else if (r->rbuf) {
        uint8_t* b = r->rbuf;  // trade buffers rather than copy
        r->rbuf = m->rbuf;
        m->rbuf = b;
        r->reply = r->rbuf;
    } else {
        size = 0;  // no room for it: the decode fails and the caller gets an error
        r->reply = r->tiny;
    }
    r->rlen = size;
    if (!r->abandoned)
        unlink(m, r);  // its tag is free again
    wakeup(&r->rz);
}

// Whether the Rread whose header is in m->rbuf may go straight into self's buffer: it
// answers self, and its counts agree with each other and with the request.
[[gnu::hot]] Mntrpc* direct_target(Mnt* m, Mntrpc* self, uint32_t size)
{
    if (!self || !self->direct || self->done || self->abandoned || m->rbuf[4] != Rread)
        return nullptr;
    uint16_t tag = m->rbuf[5] | m->rbuf[6] << 8;
    uint32_t count = msg_size(m->rbuf + HDRSZ);
    if (tag != self->t.tag || size != RREADHDR + count || count > self->t.count)
        return nullptr;
    return self;
}

// Read until m->rbuf holds one whole message; only the reader (m->rip), whose own
// request is self, calls this. What it has read so far stays in m->rbuf if it is
// interrupted, for the next reader (data read straight into self's buffer is copied back
// first: the next reader cannot reach this process's memory). When self is a read whose
// data may go straight to its buffer, the first read asks for a whole Rread header, so
// that the header takes one read; a shorter message then leaves the start of the next
// one in m->carry.
[[gnu::hot]] Result<uint32_t> read_message(Mnt* m, Mntrpc* self)
{
    Chan* c = m->c;
    if (m->rlen == 0 && m->ncarry) {
        memcpy(m->rbuf, m->carry, m->ncarry);
        m->rlen = m->ncarry;
        m->ncarry = 0;
    }
    bool direct = self && self->direct;
    for (;;) {
        uint32_t want = direct ? RREADHDR : 4;
        uint8_t* at = m->rbuf + m->rlen;
        if (m->rlen >= 4) {
            uint32_t size = msg_size(m->rbuf);
            if (size < HDRSZ || size > m->msize)
                return Emountrpc;
            if (m->rlen >= size) {
                m->ncarry = uint8_t(m->rlen - size);
                memcpy(m->carry, m->rbuf + size, m->ncarry);
                m->rlen = 0;
                return size;
            }
            // Stop after an Rread's header only when it might be ours to read in place.
            bool split = direct && m->rlen < RREADHDR;
            want = split ? min<uint32_t>(size, RREADHDR) : size;
            if (m->rlen == RREADHDR && !m->direct)
                m->direct = direct_target(m, self, size);
            if (m->direct)
                at = m->direct->direct + (m->rlen - RREADHDR);
        }
        auto got = c->dev->read(c, at, want - m->rlen, c->offset);
        if ((got.is_error() || got.value() <= 0) && m->direct) {
            memcpy(m->rbuf + RREADHDR, m->direct->direct, m->rlen - RREADHDR);
            m->direct = nullptr;
        }
        long n = TRY(got);
        if (n <= 0)
            return Ehungup;
        c->offset += n;
        m->rlen += n;
    }
}

// Let a waiting caller take over reading.
[[gnu::hot]] void hand_off(Mnt* m)
{
    for (Mntrpc* r = m->queue; r; r = r->next) {
        if (!r->done && r->rz.p) {
            wakeup(&r->rz);
            return;
        }
    }
}

[[gnu::hot]] bool attention(void* a)
{
    auto* r = static_cast<Mntrpc*>(a);
    return r->done || !r->m->rip || r->m->dead;
}

// Wait for r's reply, reading replies for everyone while nobody else does.
[[gnu::hot]] Result<void> await_reply(Mnt* m, Mntrpc* r)
{
    for (;;) {
        if (r->done)
            return {};
        if (m->dead)
            return m->dead;
        if (m->rip) {
            TRY(sleep(&r->rz, attention, r));
            continue;
        }
        m->rip = up;
        auto got = read_message(m, r);
        m->rip = nullptr;
        if (!got.is_error())
            dispatch(m, got.value());
        else if (got.error() != Eintr)
            hangup(m, got.error() == Emountrpc ? Emountrpc : Ehungup);
        hand_off(m);
        if (got.is_error() && got.error() == Eintr)
            return Eintr;
    }
}

// Write whole messages, buf[0..n) and then data[0..ndata) (a Twrite's, from where it
// lies), in one write. A transport that fails, or takes only part, ends the
// conversation; an interrupt before anything is written fails just this call.
[[gnu::hot]] Result<void> write_message(Mnt* m, const uint8_t* buf, uint32_t n, const uint8_t* data = nullptr, uint32_t ndata = 0)
{
    Chan* c = m->c;
    auto w = c->dev->write2(c, buf, n, data, ndata, c->offset);
    if (!w.is_error() && w.value() == static_cast<long>(n + ndata)) {
        c->offset += n + ndata;
        return {};
    }
    if (w.is_error() && w.error() == Eintr)
        return Eintr;
    hangup(m, Ehungup);
    return Ehungup;
}

// Send the clunks queued on m (wlock held). The fids sent (or no longer sendable) are
// moved to *done for the caller to free once it has let go of the lock.
Result<void> send_clunks(Mnt* m, Mfid** done)
{
    while (Mfid* f = m->clunks) {
        if (!m->dead) {
            auto* r = new Mntrpc;
            if (!r)
                return Enomem;
            r->m = m;
            r->async = true;
            r->t.type = Tclunk;
            r->t.fid = f->fid;
            r->t.tag = new_tag(m);
            uint8_t msg[16];
            uint32_t n = convS2M(&r->t, msg, sizeof msg);
            r->next = m->queue;
            m->queue = r;
            auto w = write_message(m, msg, n);
            if (w.is_error() && on_queue(m, r)) {
                unlink(m, r);
                delete r;
            }
            if (w.is_error() && w.error() == Eintr)
                return Eintr;
        }
        m->clunks = f->next;
        f->next = *done;
        *done = f;
    }
    return {};
}

void free_fids(Mfid* f)
{
    while (f) {
        Mfid* next = f->next;
        Chan* c = f->m->c;
        delete f;
        cclose(c);  // may free the Mnt: touch nothing of it after the last one
        f = next;
    }
}

bool changes_files(const Fcall& t)
{
    return t.type == Twrite || t.type == Twstat || t.type == Tremove || t.type == Tcreate
        || (t.type == Topen && (t.mode & OTRUNC));
}

// Send the requests rs[0..n) (their tags are filled in here) in one write, so that a
// server reading a stream takes them all at once; the clunks queued before them go first,
// so the server sees closes in order. They all go, or none does.
[[gnu::hot]] Result<void> transmit(Mnt* m, Mntrpc* const* rs, int n)
{
    uint8_t* out = rs[0]->tbuf;
    uint32_t len = 0;
    // A lone Twrite's data is not copied into out: the transport takes it from the caller.
    bool lone_write = n == 1 && rs[0]->t.type == Twrite && rs[0]->t.count <= m->msize - TWRITEHDR;
    for (int i = 0; i < n; i++) {
        Mntrpc* r = rs[i];
        r->m = m;
        r->t.tag = new_tag(m);  // r goes on the queue before the next tag is chosen
        uint32_t k = lone_write ? convS2Mhdr(&r->t, out, m->msize) : convS2M(&r->t, out + len, m->msize - len);
        if (k == 0) {
            for (int j = 0; j < i; j++)
                unlink(m, rs[j]);
            return Etoobig;
        }
        len += k;
        r->done = false;
        r->next = m->queue;
        m->queue = r;
        if (changes_files(r->t))
            m->changes++;
    }
    Mfid* sent = nullptr;
    Result<void> w;
    {
        QLocker l(m->wlock);
        w = l.got();
        if (!w.is_error())
            w = send_clunks(m, &sent);
        if (!w.is_error() || w.error() != Eintr)  // short of memory: the clunks wait
            w = m->dead ? Result<void>(m->dead)
                : lone_write ? write_message(m, out, len, rs[0]->t.data, rs[0]->t.count)
                : write_message(m, out, len);
    }
    free_fids(sent);  // our own fid still holds the transport
    if (w.is_error())
        for (int i = 0; i < n; i++)
            unlink(m, rs[i]);
    return w;
}

// After an interrupted wait: ask the server to forget r, and wait for it to agree. A
// second interrupt gives up; r and its flush are then freed when the answer comes.
Result<void> flush(Mnt* m, Mntrpc* r)
{
    if (r->done)
        return {};
    auto fa = mnt_rpcalloc(m);
    if (fa.is_error()) {
        r->async = true;
        return Eintr;
    }
    Mntrpc* f = fa.value();
    f->t.type = Tflush;
    f->t.oldtag = r->t.tag;
    f->flushed = r;
    r->abandoned = true;  // keep its tag reserved until the flush is answered
    auto sent = transmit(m, &f, 1);
    if (sent.is_error()) {
        f->flushed = nullptr;
        rpc_free(m, f);
        r->abandoned = false;
        if (m->dead || r->done) {
            unlink(m, r);
            return r->done ? Result<void>() : Result<void>(m->dead);
        }
        r->async = true;  // freed when its reply comes
        return Eintr;
    }
    auto w = await_reply(m, f);
    if (w.is_error() && !m->dead) {
        f->abandoned = true;  // both are freed when the flush is answered
        return Eintr;
    }
    f->flushed = nullptr;
    unlink(m, f);
    rpc_free(m, f);
    unlink(m, r);
    r->abandoned = false;
    if (r->done)
        return {};  // it was answered before the flush: the call happened
    return w.is_error() ? w.error() : Eintr;
}

bool have_clunks(void*)
{
    return clunkwork != nullptr;
}

void clunk_proc(void*)
{
    for (;;) {
        (void)sleep(&clunkr, have_clunks, nullptr);  // a kernel process gets no notes
        // The connection that woke us may be gone by now (mnt_free takes it off the
        // list), and the one taken could go while we wait for wlock: hold its transport.
        Mnt* m = clunkwork;
        if (!m)
            continue;
        clunkwork = m->worknext;
        m->worknext = nullptr;
        m->onwork = false;
        Chan* c = m->c;
        cincref(c);
        Mfid* sent = nullptr;
        {
            QLocker l(m->wlock);  // never fails: a kernel process gets no notes
            if (!l.got().is_error())
                (void)send_clunks(m, &sent);
        }
        free_fids(sent);
        cclose(c);  // may free m
    }
}

// Read exactly one message of at most n bytes from c (no multiplexing yet: fversion).
Result<uint32_t> read_one(Chan* c, uint8_t* buf, uint32_t n)
{
    uint32_t have = 0, want = 4;
    while (have < want) {
        long got = TRY(c->dev->read(c, buf + have, want - have, c->offset));
        if (got <= 0)
            return "EOF receiving fversion reply";
        c->offset += got;
        have += got;
        if (have == 4) {
            want = msg_size(buf);
            if (want < HDRSZ || want > n)
                return "bad fversion conversion on reply";
        }
    }
    return have;
}

const char* server_error(Str ename)
{
    uint32_t n = min<uint32_t>(ename.n, ERRMAX - 1);
    memcpy(up->syserr, ename.p, n);
    up->syserr[n] = 0;
    return up->syserr;
}

char negotiating_mark;
Mnt* const negotiating = reinterpret_cast<Mnt*>(&negotiating_mark);  // c->mux while a Tversion is out on c

[[gnu::hot]] void rpc_free(Mnt* m, Mntrpc* r)
{
    if (r->tbuf && r->rbuf && m->nspare < NSPARE) {
        uint8_t* tb = r->tbuf;
        uint8_t* rb = r->rbuf;
        r->~Mntrpc();
        new (r) Mntrpc;  // not Mntrpc {}, which would clear every Slots of its Fcalls too
        r->m = m;
        r->tbuf = tb;
        r->rbuf = rb;
        r->next = m->spare;
        m->spare = r;
        m->nspare++;
        return;
    }
    delete[] r->tbuf;
    delete[] r->rbuf;
    delete r;
}

}  // namespace

Result<Mnt*> mnt_version(Chan* c, uint32_t msize, const char* version)
{
    if (strncmp(version, "9P2000", 6) != 0 || strlen(version) >= sizeof Mnt::version)
        return "bad 9P version specification";
    if (c->mux == negotiating)
        return Einuse;
    if (c->mux) {
        if (strncmp(c->mux->version, version, strlen(c->mux->version)) != 0)
            return "incompatible 9P versions";
        return c->mux;
    }
    if (msize == 0 || msize > MNTMAXMSIZE)
        msize = msize ? MNTMAXMSIZE : MNTDEFMSIZE;
    if (msize < 256)
        return "bad iounit in version call";

    Fcall t;
    t.type = Tversion;
    t.tag = NOTAG;
    t.msize = msize;
    t.version = Str { version, static_cast<uint16_t>(strlen(version)) };
    auto* buf = new uint8_t[MNTDEFMSIZE];
    if (!buf)
        return Enomem;
    c->mux = negotiating;
    const char* err = nullptr;
    Fcall r;
    uint32_t n = convS2M(&t, buf, MNTDEFMSIZE);
    auto w = c->dev->write(c, buf, n, c->offset);
    if (w.is_error() || w.value() != static_cast<long>(n)) {
        err = w.is_error() ? w.error() : "short write in fversion";
    } else {
        c->offset += n;
        auto got = read_one(c, buf, MNTDEFMSIZE);
        if (got.is_error())
            err = got.error();
        else if (convM2S(buf, got.value(), &r) == 0)
            err = "bad fversion conversion on reply";
        else if (r.type == Rerror)
            err = server_error(r.ename);
        else
            err = mnt_check_version(r, msize, version);
    }
    Mnt* m = err ? nullptr : new Mnt;
    if (m) {
        m->rbuf = new uint8_t[r.msize];
        if (!m->rbuf) {
            delete m;
            m = nullptr;
        }
    }
    if (!err && !m)
        err = Enomem;
    if (m) {
        m->id = ++mntids;
        m->c = c;
        m->msize = r.msize;
        memcpy(m->version, r.version.p, r.version.n);
        m->version[r.version.n] = 0;
    }
    delete[] buf;
    c->mux = m;
    if (err)
        return err;
    return m;
}

void mnt_free(Mnt* m)
{
    if (m == negotiating)
        return;
    for (Mnt** l = &clunkwork; *l; l = &(*l)->worknext) {
        if (*l == m) {
            *l = m->worknext;
            break;
        }
    }
    while (m->queue) {
        Mntrpc* r = m->queue;
        r->flushed = nullptr;  // each is on the queue itself
        m->queue = r->next;
        rpc_free(m, r);
    }
    m->nspare = NSPARE;  // free, do not keep
    while (Mntrpc* r = m->spare) {
        m->spare = r->next;
        rpc_free(m, r);
    }
    delete[] m->rbuf;
    m->c->mux = nullptr;
    delete m;
}

[[gnu::hot]] Result<Mntrpc*> mnt_rpcalloc(Mnt* m)
{
    if (Mntrpc* r = m->spare) {
        m->spare = r->next;
        m->nspare--;
        r->next = nullptr;
        return r;
    }
    auto* r = new Mntrpc;
    if (r) {
        r->tbuf = new uint8_t[m->msize];
        r->rbuf = new uint8_t[m->msize];
    }
    if (!r || !r->tbuf || !r->rbuf) {
        if (r)
            rpc_free(m, r);  // short a buffer: not kept
        return Enomem;
    }
    r->m = m;
    return r;
}

[[gnu::hot]] void mnt_rpcfree(Mnt* m, Mntrpc* r)
{
    if (r->async || r->abandoned)
        return;  // handed to the conversation, which frees it when its answer comes
    rpc_free(m, r);
}

[[gnu::hot]] Result<void> mnt_send(Mnt* m, Mntrpc* const* rs, int n)
{
    if (m->dead)
        return m->dead;
    return transmit(m, rs, n);
}

[[gnu::hot]] Result<void> mnt_await(Mnt* m, Mntrpc* r)
{
    auto w = await_reply(m, r);
    if (w.is_error() && w.error() == Eintr)
        w = flush(m, r);
    if (w.is_error()) {
        if (!r->abandoned && !r->async)
            unlink(m, r);
        return w.error();
    }
    if (r->direct_done) {  // checked against the request as it was read
        r->r.type = Rread;
        r->r.tag = r->t.tag;
        r->r.count = msg_size(r->reply + HDRSZ);
        r->r.data = r->direct;
    } else if (convM2S(r->reply, r->rlen, &r->r) == 0)
        return Emountrpc;
    if (const char* bad = mnt_check(r->t, r->r))
        return bad;
    if (r->r.type == Rerror)
        return server_error(r->r.ename);
    return {};
}

void mnt_abandon(Mnt* m, Mntrpc* r)
{
    if (flush(m, r).is_error() && !r->abandoned && !r->async)
        unlink(m, r);
}

[[gnu::hot]] Result<void> mnt_rpc(Mnt* m, Mntrpc* r)
{
    TRY(mnt_send(m, &r, 1));
    return mnt_await(m, r);
}

void mnt_forget(Mnt* m, Mntrpc* r)
{
    r->direct = nullptr;
    if (r->done)
        rpc_free(m, r);
    else
        r->async = true;
}

Result<Mfid*> mfid_new(Mnt* m)
{
    auto* f = new Mfid;
    if (!f)
        return Enomem;
    f->m = m;
    do
        f->fid = m->nextfid++;
    while (f->fid == NOFID);
    cincref(m->c);
    return f;
}

void mfid_release(Mfid* f)
{
    if (--f->ref > 0)
        return;
    mnt_forget_ahead(f);
    Mnt* m = f->m;
    if (f->gone || m->dead) {
        f->next = nullptr;
        free_fids(f);
        return;
    }
    Mfid** l = &m->clunks;
    while (*l)
        l = &(*l)->next;
    f->next = nullptr;
    *l = f;
    if (!m->onwork) {
        m->onwork = true;
        m->worknext = clunkwork;
        clunkwork = m;
        wakeup(&clunkr);
    }
}

void mnt_clunk_start()
{
    kproc("clunk", clunk_proc, nullptr);
}
