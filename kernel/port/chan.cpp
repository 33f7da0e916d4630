// Chans and the generic parts of devices: walking, stat and directory reads driven by a
// device's gen(), and Plan 9's permission check.
// Reference counts are plain ints: the kernel is uniprocessor, kernel mode is not
// preempted, and no interrupt handler touches a Chan.
#include "port/chan.h"
#include "port/lib.h"
#include "port/pgrp.h"
#include "9p/mnt.h"

Chan* newchan(Dev* dev)
{
    Chan* c = new Chan;
    if (c)
        c->dev = dev;
    return c;
}

void chan_setpath(Chan* c, const char* path)
{
    kstrdup(&c->path, path);  // the name is only for show: the Chan works without it
}

const char* chan_path(const Chan* c)
{
    return c->path ? c->path : "";
}

Chan* cclone(Chan* c)
{
    Chan* n = newchan(c->dev);
    if (n) {
        n->devno = c->devno;
        n->qid = c->qid;
        n->aux = c->aux;
        n->auxp = c->auxp;
        if (c->path)
            chan_setpath(n, c->path);
        c->dev->clone(c, n);
    }
    return n;
}

void cincref(Chan* c)
{
    c->ref++;
}

void cclose(Chan* c)
{
    if (--c->ref > 0)
        return;
    if (c->umc)
        cclose(c->umc);
    if (c->umh)
        mhead_release(c->umh);
    if (c->mux)
        mnt_free(c->mux);
    c->dev->close(c);
    delete[] c->srvname;
    delete[] c->path;
    delete c;
}

bool chan_same_file(const Chan* a, const Chan* b)
{
    return a->dev == b->dev && a->devno == b->devno && a->qid.path == b->qid.path
        && (a->qid.type & QTDIR) == (b->qid.type & QTDIR);
}

Result<Chan*> Dev::attach(const char*)
{
    Chan* c = newchan(this);
    if (!c)
        return Enomem;
    c->qid.type = QTDIR;
    return c;
}

Result<void> Dev::walk(Chan* c, const char* name)
{
    if (!(c->qid.type & QTDIR))
        return Enotdir;
    if (strcmp(name, "..") == 0) {
        c->qid = Qid { 0, 0, QTDIR };  // one-level devices: the parent is the root
        return {};
    }
    DirBuf db;
    for (int i = 0; gen(c, i, db); i++) {
        if (strcmp(db.d.name, name) == 0) {
            c->qid = db.d.qid;
            return {};
        }
    }
    return Enonexist;
}

Result<Chan*> Dev::open(Chan* c, int omode)
{
    DirBuf db;
    TRY(dirstat(c, db));
    TRY(check_perm(db.d.uid, db.d.mode, omode));
    return c;
}

Result<void> Dev::create(Chan*, const char*, int, uint32_t)
{
    return Eperm;
}

Result<long> Dev::write(Chan*, const void*, long, uint64_t)
{
    return Eperm;
}

Result<long> Dev::write2(Chan* c, const void* head, long nhead, const void* body, long nbody, uint64_t off)
{
    if (nbody == 0)
        return write(c, head, nhead, off);
    auto* joined = new uint8_t[nhead + nbody];
    if (!joined)
        return Enomem;
    memcpy(joined, head, nhead);
    memcpy(joined + nhead, body, nbody);
    auto w = write(c, joined, nhead + nbody, off);
    delete[] joined;
    return w;
}

Result<void> Dev::remove(Chan*)
{
    return Eperm;
}

Result<void> Dev::wstat(Chan*, const Dir&)
{
    return Eperm;
}

void Dev::stamp(Chan* c, Dir& d)
{
    d.type = static_cast<uint8_t>(m_dc);
    d.dev = c->devno;
    if (d.mtime == 0)  // devices have no file times of their own: say when the kernel started
        d.mtime = d.atime = boot_seconds();
}

Result<long> Dev::stat(Chan* c, uint8_t* buf, long n)
{
    DirBuf db;
    TRY(dirstat(c, db));
    stamp(c, db.d);
    size_t m = convD2M(&db.d, buf, n);
    if (m == 0)
        return Etoosmall;
    return static_cast<long>(m);
}

Result<long> Dev::dirread(Chan* c, void* buf, long n, uint64_t off)
{
    auto* out = static_cast<uint8_t*>(buf);
    uint64_t pos = 0;  // byte offset of entry i in the whole listing
    long m = 0;
    DirBuf db;
    for (int i = 0; gen(c, i, db); i++) {
        stamp(c, db.d);
        size_t len = sizeD2M(&db.d);
        if (pos >= off) {
            if (static_cast<uint64_t>(n - m) < len)
                break;
            convD2M(&db.d, out + m, n - m);
            m += len;
        }
        pos += len;
    }
    if (m == 0 && pos > off && n > 0)
        return Etoosmall;  // the next entry does not fit at all
    return m;
}

void Dev::dir_from_tab(const Dirtab& t, DirBuf& db)
{
    db.d = Dir {};
    db.d.qid = t.qid;
    db.d.mode = t.perm;
    db.d.length = t.length;
    db.d.name = t.name;
    db.d.uid = db.d.gid = db.d.muid = eve();
}

void Dev::root_dir(Chan* c, DirBuf& db, uint32_t perm, const char* owner, const char* spec)
{
    db.d = Dir {};
    db.d.qid = c->qid;
    db.d.mode = DMDIR | perm;
    snprint(db.name, sizeof db.name, "#%c%s", m_dc, spec);
    db.d.name = db.name;
    db.d.uid = db.d.gid = db.d.muid = owner;
}

bool TabDev::gen(Chan*, int i, DirBuf& db)
{
    if (i + 1 >= m_ntab)
        return false;
    dir_from_tab(m_tab[i + 1], db);
    return true;
}

Result<void> TabDev::dirstat(Chan* c, DirBuf& db)
{
    for (int i = 0; i < m_ntab; i++) {
        if (m_tab[i].qid.path == c->qid.path) {
            if (i == 0)
                root_dir(c, db, m_tab[0].perm & 0777, eve());
            else
                dir_from_tab(m_tab[i], db);
            return {};
        }
    }
    return Enonexist;
}

Result<void> check_perm(const char* owner, uint32_t perm, int omode)
{
    static const uint32_t need[] = { DMREAD, DMWRITE, DMREAD | DMWRITE, DMEXEC };
    int m = omode & 3;
    if ((perm & DMDIR) && (m != OREAD || (omode & OTRUNC)))
        return Eisdir;
    uint32_t want = need[m] | (omode & OTRUNC ? uint32_t(DMWRITE) : 0u);
    const char* user = current_user();
    uint32_t bits = perm & 7;  // other
    if (strcmp(user, owner) == 0)
        bits |= (perm >> 6) & 7;
    if ((bits & want) != want)
        return Eperm;
    return {};
}

Result<long> read_string(void* buf, long n, uint64_t off, const char* s)
{
    uint64_t len = strlen(s);
    if (off >= len)
        return 0L;
    long m = min<uint64_t>(n, len - off);
    memcpy(buf, s + off, m);
    return m;
}
