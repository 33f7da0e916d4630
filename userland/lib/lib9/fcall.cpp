// 9P2000 messages to and from Fcall, for the kernel, userland and the host tests alike: no
// allocation and no library calls, only compiler builtins. convM2S reads replies from
// servers we do not trust, so the reader checks every field against the bytes that remain
// before touching them and remembers the first shortfall; a message is accepted only if
// it was read without one and ended exactly at its size field.
// Encoding and sizing share one routine (pack) so they cannot disagree.
#include "lib9/fcall.h"

namespace {

constexpr size_t HDRSZ = 4 + 1 + 2;  // size type tag

bool known(uint8_t type) { return type >= Tversion && type <= Rwstat && type != Terror; }

// Writes into buf[0..n) if buf is set, else only counts; past the end it keeps counting
// but stops writing.
struct Packer {
    uint8_t* buf;
    size_t n;
    uint64_t len = 0;  // 64 bits, so a 4G count cannot wrap it on i686
    bool bad = false;

    void bytes(const void* src, size_t k)
    {
        if (k && !src)
            bad = true;
        else if (buf && len + k <= n && k)
            __builtin_memcpy(buf + len, src, k);
        len += k;
    }
    void le(uint64_t v, size_t k)
    {
        if (buf && len + k <= n)
            for (size_t i = 0; i < k; i++)
                buf[len + i] = uint8_t(v >> 8 * i);
        len += k;
    }
    void u8(uint8_t v) { le(v, 1); }
    void u16(uint16_t v) { le(v, 2); }
    void u32(uint32_t v) { le(v, 4); }
    void u64(uint64_t v) { le(v, 8); }
    void str(Str s)
    {
        u16(s.n);
        bytes(s.p, s.n);
    }
    void qid(const Qid& q)
    {
        u8(q.type);
        u32(q.vers);
        u64(q.path);
    }
};

// Everything after size type tag.
void pack_body(const Fcall* f, Packer& w)
{
    switch (f->type) {
    case Tversion:
    case Rversion:
        w.u32(f->msize);
        w.str(f->version);
        break;
    case Tauth:
        w.u32(f->afid);
        w.str(f->uname);
        w.str(f->aname);
        break;
    case Rauth:
    case Rattach:
        w.qid(f->qid);
        break;
    case Tattach:
        w.u32(f->fid);
        w.u32(f->afid);
        w.str(f->uname);
        w.str(f->aname);
        break;
    case Rerror:
        w.str(f->ename);
        break;
    case Tflush:
        w.u16(f->oldtag);
        break;
    case Twalk:
        w.u32(f->fid);
        w.u32(f->newfid);
        w.u16(f->nwname);
        if (f->nwname > MAXWELEM)
            w.bad = true;
        else
            for (int i = 0; i < f->nwname; i++)
                w.str(f->wname[i]);
        break;
    case Rwalk:
        w.u16(f->nwqid);
        if (f->nwqid > MAXWELEM)
            w.bad = true;
        else
            for (int i = 0; i < f->nwqid; i++)
                w.qid(f->wqid[i]);
        break;
    case Topen:
        w.u32(f->fid);
        w.u8(f->mode);
        break;
    case Ropen:
    case Rcreate:
        w.qid(f->qid);
        w.u32(f->iounit);
        break;
    case Tcreate:
        w.u32(f->fid);
        w.str(f->name);
        w.u32(f->perm);
        w.u8(f->mode);
        break;
    case Tread:
        w.u32(f->fid);
        w.u64(f->offset);
        w.u32(f->count);
        break;
    case Rread:
        w.u32(f->count);
        w.bytes(f->data, f->count);
        break;
    case Twrite:
        w.u32(f->fid);
        w.u64(f->offset);
        w.u32(f->count);
        w.bytes(f->data, f->count);
        break;
    case Rwrite:
        w.u32(f->count);
        break;
    case Tclunk:
    case Tremove:
    case Tstat:
        w.u32(f->fid);
        break;
    case Rstat:
        w.u16(f->nstat);
        w.bytes(f->stat, f->nstat);
        break;
    case Twstat:
        w.u32(f->fid);
        w.u16(f->nstat);
        w.bytes(f->stat, f->nstat);
        break;
    case Rflush:
    case Rclunk:
    case Rremove:
    case Rwstat:
        break;
    default:
        w.bad = true;
    }
}

// Packs the whole message; false if f cannot be encoded at all.
bool pack(const Fcall* f, Packer& w)
{
    if (!known(f->type))
        return false;
    w.u32(0);  // the size, filled in once known
    w.u8(f->type);
    w.u16(f->tag);
    pack_body(f, w);
    return !w.bad && w.len <= 0xFFFFFFFFu;
}

// Reads buf[0..n); the first read past the end sets bad, and every read after that yields
// zeros and empty strings without touching the buffer.
struct Unpacker {
    const uint8_t* p;
    size_t left;
    bool bad = false;

    const uint8_t* take(size_t k)
    {
        if (bad || k > left) {
            bad = true;
            return nullptr;
        }
        const uint8_t* q = p;
        p += k;
        left -= k;
        return q;
    }
    uint64_t le(size_t k)
    {
        const uint8_t* q = take(k);
        uint64_t v = 0;
        if (q)
            for (size_t i = 0; i < k; i++)
                v |= uint64_t(q[i]) << 8 * i;
        return v;
    }
    uint8_t u8() { return uint8_t(le(1)); }
    uint16_t u16() { return uint16_t(le(2)); }
    uint32_t u32() { return uint32_t(le(4)); }
    uint64_t u64() { return le(8); }
    Str str()
    {
        uint16_t k = u16();
        const uint8_t* q = take(k);
        return q ? Str{reinterpret_cast<const char*>(q), k} : Str{};
    }
    Qid qid()
    {
        Qid q;
        q.type = u8();
        q.vers = u32();
        q.path = u64();
        return q;
    }
};

void unpack_body(Unpacker& r, Fcall* f)
{
    switch (f->type) {
    case Tversion:
    case Rversion:
        f->msize = r.u32();
        f->version = r.str();
        break;
    case Tauth:
        f->afid = r.u32();
        f->uname = r.str();
        f->aname = r.str();
        break;
    case Rauth:
    case Rattach:
        f->qid = r.qid();
        break;
    case Tattach:
        f->fid = r.u32();
        f->afid = r.u32();
        f->uname = r.str();
        f->aname = r.str();
        break;
    case Rerror:
        f->ename = r.str();
        break;
    case Tflush:
        f->oldtag = r.u16();
        break;
    case Twalk:
        f->fid = r.u32();
        f->newfid = r.u32();
        f->nwname = r.u16();
        if (f->nwname > MAXWELEM)
            r.bad = true;
        else
            for (int i = 0; i < f->nwname; i++)
                f->wname[i] = r.str();
        break;
    case Rwalk:
        f->nwqid = r.u16();
        if (f->nwqid > MAXWELEM)
            r.bad = true;
        else
            for (int i = 0; i < f->nwqid; i++)
                f->wqid[i] = r.qid();
        break;
    case Topen:
        f->fid = r.u32();
        f->mode = r.u8();
        break;
    case Ropen:
    case Rcreate:
        f->qid = r.qid();
        f->iounit = r.u32();
        break;
    case Tcreate:
        f->fid = r.u32();
        f->name = r.str();
        f->perm = r.u32();
        f->mode = r.u8();
        break;
    case Tread:
        f->fid = r.u32();
        f->offset = r.u64();
        f->count = r.u32();
        break;
    case Rread:
        f->count = r.u32();
        f->data = r.take(f->count);
        break;
    case Twrite:
        f->fid = r.u32();
        f->offset = r.u64();
        f->count = r.u32();
        f->data = r.take(f->count);
        break;
    case Rwrite:
        f->count = r.u32();
        break;
    case Tclunk:
    case Tremove:
    case Tstat:
        f->fid = r.u32();
        break;
    case Rstat:
        f->nstat = r.u16();
        f->stat = r.take(f->nstat);
        break;
    case Twstat:
        f->fid = r.u32();
        f->nstat = r.u16();
        f->stat = r.take(f->nstat);
        break;
    case Rflush:
    case Rclunk:
    case Rremove:
    case Rwstat:
        break;
    default:
        r.bad = true;
    }
}

}  // namespace

uint32_t msg_size(const uint8_t* buf)
{
    return uint32_t(buf[0]) | uint32_t(buf[1]) << 8 | uint32_t(buf[2]) << 16 | uint32_t(buf[3]) << 24;
}

size_t sizeS2M(const Fcall* f)
{
    Packer w{nullptr, 0};
    return pack(f, w) ? size_t(w.len) : 0;
}

size_t convS2M(const Fcall* f, uint8_t* buf, size_t n)
{
    Packer w{buf, n};
    if (!pack(f, w) || w.len > n)
        return 0;
    Packer s{buf, n};
    s.u32(uint32_t(w.len));
    return size_t(w.len);
}

size_t convM2S(const uint8_t* buf, size_t n, Fcall* f)
{
    if (n < HDRSZ || msg_size(buf) != n)
        return 0;
    Unpacker r{buf + 4, n - 4};
    f->type = r.u8();
    f->tag = r.u16();
    if (!known(f->type))
        return 0;
    unpack_body(r, f);
    if (r.bad || r.left)
        return 0;
    return n;
}
