// #/: the root device. Its top directory holds the standard mount points of a Plan 9
// namespace (empty until something is bound there) and `boot`, the bootpaq linked into
// the kernel image, served read-only straight from the image.
// Qid paths: the top directory is 0, mount points 1..N; bootpaq entry i is PAQBIT|i.
#include "lib9/sys.h"
#include "libpaq/paq.h"
#include "port/chan.h"
#include "port/lib.h"
#include "port/paqdev.h"

namespace {

constexpr uint64_t PAQBIT = 1ull << 32;

// net.alt and u are the pivots rerootwin(1) mounts the old window's devices on.
const char* const mountpoints[] = { "bin", "dev", "env", "fd", "mnt", "n", "net", "net.alt", "proc", "root", "srv",
    "tmp", "u" };
constexpr int NMOUNTPOINTS = nelem(mountpoints);

Paq paq;

bool in_paq(const Chan* c) { return c->qid.path & PAQBIT; }
int paq_index(const Chan* c) { return static_cast<int>(c->qid.path & 0xFFFFFFFF); }

Qid paq_qid(int i)
{
    return Qid { PAQBIT | static_cast<uint32_t>(i), 0, static_cast<uint8_t>(paq.is_dir(i) ? QTDIR : QTFILE) };
}

void paq_dir(int i, DirBuf& db)
{
    db.d = Dir {};
    db.d.qid = paq_qid(i);
    db.d.mode = paq.mode(i);
    db.d.length = paq.length(i);
    db.d.mtime = db.d.atime = paq.mtime();
    db.d.name = i == 0 ? "boot" : paq.name(i);
    db.d.uid = db.d.gid = db.d.muid = eve();
}

void top_dir(int i, DirBuf& db)  // i: 0 the top itself, 1..N mount points
{
    db.d = Dir {};
    db.d.qid = Qid { static_cast<uint64_t>(i), 0, QTDIR };
    db.d.mode = DMDIR | 0555;
    db.d.name = i == 0 ? "/" : mountpoints[i - 1];
    db.d.uid = db.d.gid = db.d.muid = eve();
}

}  // namespace

const char* bootpaq_open(const uint8_t* p, uint32_t len)
{
    return paq.open(p, len);
}

class RootDev final : public Dev {
public:
    constexpr RootDev() : Dev('/', "root") {}

    bool gen(Chan* dir, int i, DirBuf& db) override
    {
        if (!in_paq(dir)) {
            if (dir->qid.path != 0)
                return false;  // a mount point: empty until something is bound on it
            if (i < NMOUNTPOINTS)
                top_dir(i + 1, db);
            else if (i == NMOUNTPOINTS)
                paq_dir(0, db);
            else
                return false;
            return true;
        }
        int child = -1;
        for (int k = 0; k <= i; k++) {
            child = paq.next_child(paq_index(dir), child);
            if (child < 0)
                return false;
        }
        paq_dir(child, db);
        return true;
    }

    Result<void> dirstat(Chan* c, DirBuf& db) override
    {
        if (in_paq(c))
            paq_dir(paq_index(c), db);
        else
            top_dir(static_cast<int>(c->qid.path), db);
        return {};
    }

    Result<void> walk(Chan* c, const char* name) override
    {
        if (!in_paq(c) || strcmp(name, "..") != 0)
            return Dev::walk(c, name);
        int i = paq_index(c);
        c->qid = i == 0 ? Qid { 0, 0, QTDIR } : paq_qid(paq.parent(i));
        return {};
    }

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.type & QTDIR)
            return dirread(c, buf, n, off);
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
