// Plan 9 stat(5) entries to and from Dir, for the kernel, libc and the host tests alike:
// so no library calls, only compiler builtins. Decoding trusts nothing: every count is
// checked against the bytes that remain before it is used, and a malformed entry is
// rejected as a whole (convM2D writes nothing to *d unless the entry is good).
// Integers are little-endian whatever the machine's byte order.
#include "lib9/dir.h"

namespace {

constexpr size_t QIDSZ = 1 + 4 + 8;
// Offset of the first string: size type dev qid mode atime mtime length.
constexpr size_t STRINGS = 2 + 2 + 4 + QIDSZ + 4 + 4 + 4 + 8;
static_assert(STRINGS + 4 * BIT16SZ == STATFIXLEN);

constexpr uint16_t get16(const uint8_t* p) { return uint16_t(p[0] | p[1] << 8); }

constexpr uint32_t get32(const uint8_t* p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

constexpr uint64_t get64(const uint8_t* p) { return get32(p) | uint64_t(get32(p + 4)) << 32; }

uint8_t* put16(uint8_t* p, uint16_t v)
{
    p[0] = uint8_t(v);
    p[1] = uint8_t(v >> 8);
    return p + 2;
}

uint8_t* put32(uint8_t* p, uint32_t v)
{
    put16(p, uint16_t(v));
    return put16(p + 2, uint16_t(v >> 16));
}

uint8_t* put64(uint8_t* p, uint64_t v)
{
    put32(p, uint32_t(v));
    return put32(p + 4, uint32_t(v >> 32));
}

// A nil string in a Dir is taken as empty, as Plan 9 does.
size_t slen(const char* s) { return s ? __builtin_strlen(s) : 0; }

uint8_t* putstr(uint8_t* p, const char* s)
{
    size_t n = slen(s);
    p = put16(p, uint16_t(n));
    if (n)
        __builtin_memcpy(p, s, n);
    return p + n;
}

}  // namespace

size_t sizeD2M(const Dir* d)
{
    return STATFIXLEN + slen(d->name) + slen(d->uid) + slen(d->gid) + slen(d->muid);
}

// An entry whose size does not fit the 16-bit size field cannot be encoded at all: 0.
size_t convD2M(const Dir* d, uint8_t* buf, size_t n)
{
    if (n < BIT16SZ)
        return 0;
    size_t ss = sizeD2M(d);
    if (ss - BIT16SZ > STATMAX)
        return 0;
    uint8_t* p = put16(buf, uint16_t(ss - BIT16SZ));
    if (ss > n)
        return BIT16SZ;
    p = put16(p, d->type);
    p = put32(p, d->dev);
    *p++ = d->qid.type;
    p = put32(p, d->qid.vers);
    p = put64(p, d->qid.path);
    p = put32(p, d->mode);
    p = put32(p, d->atime);
    p = put32(p, d->mtime);
    p = put64(p, d->length);
    p = putstr(p, d->name);
    p = putstr(p, d->uid);
    p = putstr(p, d->gid);
    p = putstr(p, d->muid);
    return size_t(p - buf);
}

int statcheck(const uint8_t* buf, size_t n)
{
    if (n < STATFIXLEN || n != BIT16SZ + get16(buf))
        return -1;
    size_t off = STRINGS;
    for (int i = 0; i < 4; i++) {
        if (n - off < BIT16SZ)
            return -1;
        size_t len = get16(buf + off);
        off += BIT16SZ;
        if (n - off < len)
            return -1;
        off += len;
    }
    return off == n ? 0 : -1;
}

size_t convM2D(const uint8_t* buf, size_t n, Dir* d, char* strs, size_t nstrs)
{
    if (n < BIT16SZ)
        return 0;
    size_t ss = BIT16SZ + get16(buf);
    if (ss > n || statcheck(buf, ss) < 0)
        return 0;
    // statcheck proved the four strings tile [STRINGS, ss), so their bytes plus four
    // NULs come to this; checking it first leaves *d untouched on failure.
    if (nstrs < ss - STATFIXLEN + 4)
        return 0;

    const uint8_t* p = buf + BIT16SZ;
    d->type = get16(p);
    d->dev = get32(p + 2);
    d->qid.type = p[6];
    d->qid.vers = get32(p + 7);
    d->qid.path = get64(p + 11);
    d->mode = get32(p + 19);
    d->atime = get32(p + 23);
    d->mtime = get32(p + 27);
    d->length = get64(p + 31);

    p = buf + STRINGS;
    const char** fields[4] = {&d->name, &d->uid, &d->gid, &d->muid};
    for (const char** f : fields) {
        size_t len = get16(p);
        if (len)
            __builtin_memcpy(strs, p + BIT16SZ, len);
        strs[len] = 0;
        *f = strs;
        strs += len + 1;
        p += BIT16SZ + len;
    }
    return ss;
}

void nulldir(Dir* d)
{
    d->type = uint16_t(~0u);
    d->dev = ~0u;
    d->qid.type = uint8_t(~0u);
    d->qid.vers = ~0u;
    d->qid.path = ~uint64_t(0);
    d->mode = ~0u;
    d->atime = ~0u;
    d->mtime = ~0u;
    d->length = ~uint64_t(0);
    d->name = d->uid = d->gid = d->muid = "";
}

char* dirmodefmt(uint32_t mode, char* buf)
{
    static constexpr char rwx[] = "rwxrwxrwx";
    buf[0] = (mode & DMDIR) ? 'd' : (mode & DMAPPEND) ? 'a' : (mode & DMAUTH) ? 'A' : '-';
    buf[1] = (mode & DMEXCL) ? 'l' : '-';
    for (int i = 0; i < 9; i++)
        buf[2 + i] = (mode & (0400u >> i)) ? rwx[i] : '-';
    buf[11] = 0;
    return buf;
}
