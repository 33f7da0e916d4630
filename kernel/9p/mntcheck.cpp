// Reply checks (see mntcheck.h). Error texts are Plan 9's.
#include "9p/mntcheck.h"
#include "lib9/dir.h"
#include "lib9/error.h"

namespace {

bool str_is(Str s, const char* text)
{
    size_t n = 0;
    while (text[n])
        n++;
    if (s.n != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s.p[i] != text[i])
            return false;
    return true;
}

}  // namespace

[[gnu::hot]] const char* mnt_check(const Fcall& t, const Fcall& r)
{
    if (r.tag != t.tag)
        return Emountrpc;
    if (r.type == Rerror)
        return nullptr;
    if (r.type != t.type + 1)
        return Emountrpc;
    switch (r.type) {
    case Rwalk:
        if (r.nwqid > t.nwname)
            return Ewalkqids;
        for (int i = 0; i + 1 < r.nwqid; i++)
            if (!(r.wqid[i].type & QTDIR))  // only a directory can be walked on from
                return Emountrpc;
        break;
    case Rread:
    case Rwrite:
        if (r.count > t.count)
            return Emountrpc;
        break;
    case Rstat:
        if (statcheck(r.stat, r.nstat) < 0)
            return Esbadstat;
        break;
    default:
        break;
    }
    return nullptr;
}

const char* mnt_check_version(const Fcall& r, uint32_t msize, const char* version)
{
    if (r.type != Rversion || r.tag != NOTAG)
        return "unexpected reply type in fversion";
    if (r.msize > msize)
        return "server tries to increase msize in fversion";
    if (r.msize < 256)
        return "nonsense value of msize in fversion";
    // The server may answer with what we asked or plain 9P2000 (for a dotted extension it
    // does not know), never with anything else ("unknown").
    if (!str_is(r.version, "9P2000") && !str_is(r.version, version))
        return "bad 9P version returned from server";
    return nullptr;
}

const char* mnt_check_dirs(const uint8_t* buf, uint32_t n)
{
    uint32_t off = 0;
    while (off < n) {
        if (n - off < BIT16SZ)
            return Esbadstat;
        uint32_t len = BIT16SZ + (buf[off] | buf[off + 1] << 8);
        if (len > n - off || statcheck(buf + off, len) < 0)
            return Esbadstat;
        off += len;
    }
    return nullptr;
}
