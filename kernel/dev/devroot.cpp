// #/: the root device. Its top directory holds the standard mount points of a Plan 9
// namespace (all empty until something is bound there) and `boot`, the bootpaq linked
// into the kernel image, served read-only straight from the image.
// Qid paths: the top directory and mount points are small numbers; bootpaq entry i is
// PAQBIT|i.
#include "lib9/sys.h"
#include "libpaq/paq.h"
#include "port/chan.h"
#include "port/lib.h"
#include "port/paqdev.h"

namespace {

constexpr uint64_t PAQBIT = 1ull << 32;

const Dirtab rootdir[] = {
    { ".", { 0, 0, QTDIR }, 0, DMDIR | 0555 },
    { "bin", { 1, 0, QTDIR }, 0, DMDIR | 0555 },
    { "dev", { 2, 0, QTDIR }, 0, DMDIR | 0555 },
    { "env", { 3, 0, QTDIR }, 0, DMDIR | 0555 },
    { "fd", { 4, 0, QTDIR }, 0, DMDIR | 0555 },
    { "mnt", { 5, 0, QTDIR }, 0, DMDIR | 0555 },
    { "n", { 6, 0, QTDIR }, 0, DMDIR | 0555 },
    { "net", { 7, 0, QTDIR }, 0, DMDIR | 0555 },
    { "proc", { 8, 0, QTDIR }, 0, DMDIR | 0555 },
    { "root", { 9, 0, QTDIR }, 0, DMDIR | 0555 },
    { "srv", { 10, 0, QTDIR }, 0, DMDIR | 0555 },
    { "tmp", { 11, 0, QTDIR }, 0, DMDIR | 0555 },
};

Paq paq;

Qid paq_qid(int i)
{
    return Qid { PAQBIT | static_cast<uint32_t>(i), 0, static_cast<uint8_t>(paq.is_dir(i) ? QTDIR : QTFILE) };
}

bool in_paq(const Chan* c) { return c->qid.path & PAQBIT; }
int paq_index(const Chan* c) { return static_cast<int>(c->qid.path & 0xFFFFFFFF); }

}  // namespace

const char* bootpaq_open(const uint8_t* p, uint32_t len)
{
    return paq.open(p, len);
}

class RootDev final : public Dev {
public:
    constexpr RootDev() : Dev('/', "root") {}

    Result<void> walk(Chan* c, const char* name) override
    {
        if (!in_paq(c)) {
            if (c->qid.path == 0 && strcmp(name, "boot") == 0) {
                c->qid = paq_qid(0);
                return {};
            }
            return tab_walk(c, rootdir, nelem(rootdir), name);
        }
        int i = paq_index(c);
        if (!paq.is_dir(i))
            return Enotdir;
        if (strcmp(name, "..") == 0) {
            c->qid = i == 0 ? rootdir[0].qid : paq_qid(paq.parent(i));
            return {};
        }
        int child = paq.lookup(i, name);
        if (child < 0)
            return Enonexist;
        c->qid = paq_qid(child);
        return {};
    }

    Result<void> open(Chan* c, int omode) override
    {
        if (in_paq(c))
            return check_open_mode(paq.mode(paq_index(c)), omode);
        return tab_open(c, rootdir, nelem(rootdir), omode);
    }

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.type & QTDIR)
            return Eisdir;  // directory listings come with stat and Dir encoding
        int i = paq_index(c);
        uint32_t len = paq.length(i);
        if (off >= len)
            return 0L;
        long m = min<uint64_t>(n, len - off);
        memcpy(buf, paq.data(i) + off, m);
        return m;
    }
};

namespace {
RootDev instance;
}
Dev& rootdev = instance;
