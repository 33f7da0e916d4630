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

// k-byte little-endian integers. On a little-endian machine (every one Myrmex runs on
// and is built on) each is one load or store rather than k byte moves.
constexpr bool LITTLE = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

void putle(uint8_t* p, uint64_t v, size_t k)
{
    if (LITTLE)
        __builtin_memcpy(p, &v, k);
    else
        for (size_t i = 0; i < k; i++)
            p[i] = uint8_t(v >> 8 * i);
}

uint64_t getle(const uint8_t* p, size_t k)
{
    uint64_t v = 0;
    if (LITTLE)
        __builtin_memcpy(&v, p, k);
    else
        for (size_t i = 0; i < k; i++)
            v |= uint64_t(p[i]) << 8 * i;
    return v;
}

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
            putle(buf + len, v, k);
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

// Everything after size type tag, for both directions: with a Packer (and a const Fcall)
// each field is written, with an Unpacker each is read into f. One description of every
// message keeps the two directions from disagreeing.
template <class IO, class F>
[[gnu::hot]] void body(IO& io, F& f)
{
    switch (f.type) {
    case Tversion:
    case Rversion:
        io.u32(f.msize);
        io.str(f.version);
        break;
    case Tauth:
        io.u32(f.afid);
        io.str(f.uname);
        io.str(f.aname);
        break;
    case Rauth:
    case Rattach:
        io.qid(f.qid);
        break;
    case Tattach:
        io.u32(f.fid);
        io.u32(f.afid);
        io.str(f.uname);
        io.str(f.aname);
        break;
    case Rerror:
        io.str(f.ename);
        break;
    case Tflush:
        io.u16(f.oldtag);
        break;
    case Twalk:
        io.u32(f.fid);
        io.u32(f.newfid);
        io.u16(f.nwname);
        if (f.nwname > MAXWELEM)
            io.bad = true;
        else
            for (int i = 0; i < f.nwname; i++)
                io.str(f.wname[i]);
        break;
    case Rwalk:
        io.u16(f.nwqid);
        if (f.nwqid > MAXWELEM)
            io.bad = true;
        else
            for (int i = 0; i < f.nwqid; i++)
                io.qid(f.wqid[i]);
        break;
    case Topen:
        io.u32(f.fid);
        io.u8(f.mode);
        break;
    case Ropen:
    case Rcreate:
        io.qid(f.qid);
        io.u32(f.iounit);
        break;
    case Tcreate:
        io.u32(f.fid);
        io.str(f.name);
        io.u32(f.perm);
        io.u8(f.mode);
        break;
    case Tread:
        io.u32(f.fid);
        io.u64(f.offset);
        io.u32(f.count);
        break;
    case Rread:
        io.u32(f.count);
        io.bytes(f.data, f.count);
        break;
    case Twrite:
        io.u32(f.fid);
        io.u64(f.offset);
        io.u32(f.count);
        io.bytes(f.data, f.count);
        break;
    case Rwrite:
        io.u32(f.count);
        break;
    case Tclunk:
    case Tremove:
    case Tstat:
        io.u32(f.fid);
        break;
    case Rstat:
        io.u16(f.nstat);
        io.bytes(f.stat, f.nstat);
        break;
    case Twstat:
        io.u32(f.fid);
        io.u16(f.nstat);
        io.bytes(f.stat, f.nstat);
        break;
    case Rflush:
    case Rclunk:
    case Rremove:
    case Rwstat:
        break;
    default:
        io.bad = true;
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
    body(w, *f);
    return !w.bad && w.len <= 0xFFFFFFFFu;
}

// Reads buf[0..n) into the fields it is given; the first read past the end sets bad, and
// every read after that yields zeros and empty strings without touching the buffer.
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
        return q ? getle(q, k) : 0;
    }
    void u8(uint8_t& v) { v = uint8_t(le(1)); }
    void u16(uint16_t& v) { v = uint16_t(le(2)); }
    void u32(uint32_t& v) { v = uint32_t(le(4)); }
    void u64(uint64_t& v) { v = le(8); }
    void bytes(const uint8_t*& v, size_t k) { v = take(k); }
    void str(Str& s)
    {
        uint16_t k;
        u16(k);
        const uint8_t* q = take(k);
        s = q ? Str{reinterpret_cast<const char*>(q), k} : Str{};
    }
    void qid(Qid& q)
    {
        u8(q.type);
        u32(q.vers);
        u64(q.path);
    }
};

}  // namespace

uint32_t msg_size(const uint8_t* buf)
{
    return uint32_t(getle(buf, 4));
}

size_t sizeS2M(const Fcall* f)
{
    Packer w{nullptr, 0};
    return pack(f, w) ? size_t(w.len) : 0;
}

[[gnu::hot]] size_t convS2M(const Fcall* f, uint8_t* buf, size_t n)
{
    Packer w{buf, n};
    if (!pack(f, w) || w.len > n)
        return 0;
    Packer s{buf, n};
    s.u32(uint32_t(w.len));
    return size_t(w.len);
}

[[gnu::hot]] size_t convS2Mhdr(const Fcall* f, uint8_t* buf, size_t n)
{
    size_t hdr = f->type == Twrite ? TWRITEHDR : f->type == Rread ? RREADHDR : 0;
    if (hdr == 0 || n < hdr || (f->count && !f->data) || f->count > 0xFFFFFFFFu - hdr)
        return 0;
    // The fields of body() in front of the data, written directly: this is on every
    // read's and write's path.
    Packer w{buf, hdr};
    w.u32(uint32_t(hdr + f->count));
    w.u8(f->type);
    w.u16(f->tag);
    if (f->type == Twrite) {
        w.u32(f->fid);
        w.u64(f->offset);
    }
    w.u32(f->count);
    return hdr;
}

[[gnu::hot]] size_t convM2S(const uint8_t* buf, size_t n, Fcall* f)
{
    if (n < HDRSZ || msg_size(buf) != n)
        return 0;
    Unpacker r{buf + 4, n - 4};
    r.u8(f->type);
    r.u16(f->tag);
    if (!known(f->type))
        return 0;
    body(r, *f);
    if (r.bad || r.left)
        return 0;
    return n;
}
