// Chans, the device table, file-descriptor groups and name evaluation.
// Reference counts are plain ints: the kernel is uniprocessor and never touches a
// Chan from an interrupt handler.
#include "port/chan.h"
#include "lib9/sys.h"
#include "port/lib.h"
#include "port/proc.h"

extern Dev& rootdev;
extern Dev& consdev;
extern Dev& envdev;
extern Dev& archdev;

namespace {
Dev* const devtab[] = { &rootdev, &consdev, &envdev, &archdev };
}

Dev* devtab_lookup(char dc)
{
    for (Dev* d : devtab)
        if (d->dc() == dc)
            return d;
    return nullptr;
}

Chan* newchan(Dev* dev)
{
    Chan* c = new Chan;
    if (c)
        c->dev = dev;
    return c;
}

Chan* cclone(Chan* c)
{
    Chan* n = newchan(c->dev);
    if (n) {
        n->devno = c->devno;
        n->qid = c->qid;
        n->aux = c->aux;
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
    if (c->open)
        c->dev->close(c);
    delete c;
}

Result<Chan*> Dev::attach(const char*)
{
    Chan* c = newchan(this);
    if (!c)
        return Enomem;
    c->qid.type = QTDIR;
    return c;
}

Result<long> Dev::write(Chan*, const void*, long, uint64_t)
{
    return Eperm;
}

Result<void> Dev::tab_walk(Chan* c, const Dirtab* tab, int ntab, const char* name)
{
    if (!(c->qid.type & QTDIR))
        return Enotdir;
    if (strcmp(name, "..") == 0) {
        c->qid = tab[0].qid;
        return {};
    }
    for (int i = 1; i < ntab; i++) {
        if (strcmp(tab[i].name, name) == 0) {
            c->qid = tab[i].qid;
            return {};
        }
    }
    return Enonexist;
}

Result<void> Dev::tab_open(Chan* c, const Dirtab* tab, int ntab, int omode)
{
    for (int i = 0; i < ntab; i++)
        if (tab[i].qid.path == c->qid.path)
            return check_open_mode(tab[i].perm, omode);
    return Enonexist;
}

Result<void> check_open_mode(uint32_t perm, int omode)
{
    static const uint32_t need[] = { 4, 2, 6, 1 };  // OREAD OWRITE ORDWR OEXEC, as rwx bits
    int m = omode & 3;
    if ((perm & DMDIR) && m != OREAD)
        return Eisdir;
    uint32_t want = need[m] | (omode & OTRUNC ? 2 : 0);
    uint32_t owner = (perm >> 6) & 7;
    if ((owner & want) != want)
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

Fgrp* fgrp_new()
{
    return new Fgrp;
}

Fgrp* fgrp_copy(Fgrp* f)
{
    Fgrp* n = new Fgrp;
    if (!n)
        return nullptr;
    for (int i = 0; i < NFD; i++) {
        n->fd[i] = f->fd[i];
        if (n->fd[i])
            cincref(n->fd[i]);
    }
    return n;
}

void fgrp_release(Fgrp* f)
{
    if (--f->ref > 0)
        return;
    for (Chan* c : f->fd)
        if (c)
            cclose(c);
    delete f;
}

Result<int> fd_install(Fgrp* f, Chan* c, int at)
{
    if (at >= NFD)
        return Ebadfd;
    if (at < 0) {
        for (at = 0; at < NFD && f->fd[at]; at++)
            ;
        if (at == NFD)
            return Enofd;
    }
    if (f->fd[at])
        cclose(f->fd[at]);
    f->fd[at] = c;
    return at;
}

Result<Chan*> fd_get(Fgrp* f, int fd, int want_mode)
{
    if (fd < 0 || fd >= NFD || !f->fd[fd])
        return Ebadfd;
    Chan* c = f->fd[fd];
    if (want_mode >= 0) {
        int m = c->mode & 3;
        bool ok = want_mode == OREAD ? (m == OREAD || m == ORDWR || m == OEXEC) : (m == OWRITE || m == ORDWR);
        if (!ok)
            return Ebadusefd;
    }
    return c;
}

namespace {

constexpr int MAXELEM = 255;  // longest path element accepted

// Step a clone of c through each element of path; the caller owns the result.
Result<Chan*> walk_path(Chan* start, const char* path)
{
    Chan* c = cclone(start);
    if (!c)
        return Enomem;
    char elem[MAXELEM + 1];
    while (*path) {
        while (*path == '/')
            path++;
        int n = 0;
        while (path[n] && path[n] != '/')
            n++;
        if (n == 0)
            break;
        if (n > MAXELEM) {
            cclose(c);
            return Enonexist;
        }
        memcpy(elem, path, n);
        elem[n] = 0;
        path += n;
        if (strcmp(elem, ".") == 0)
            continue;
        auto r = c->dev->walk(c, elem);
        if (r.is_error()) {
            cclose(c);
            return r.error();
        }
    }
    return c;
}

}  // namespace

Result<Chan*> namec(Proc* p, const char* path, int omode)
{
    Chan* start;
    bool owned = false;
    if (path[0] == '#') {
        Dev* d = path[1] ? devtab_lookup(path[1]) : nullptr;
        if (!d)
            return Ebadsharp;
        char spec[KNAMELEN];
        int n = 0;
        path += 2;
        while (*path && *path != '/' && n < KNAMELEN - 1)
            spec[n++] = *path++;
        spec[n] = 0;
        if (*path && *path != '/')
            return Ebadsharp;
        start = TRY(d->attach(spec));
        owned = true;
    } else if (path[0] == '/') {
        start = p->slash;
    } else {
        start = p->dot;
    }
    if (!start)
        return Enonexist;
    auto walked = walk_path(start, path);
    if (owned)
        cclose(start);
    Chan* c = TRY(walked);
    if (omode >= 0) {
        auto r = c->dev->open(c, omode);
        if (r.is_error()) {
            cclose(c);
            return r.error();
        }
        c->mode = omode & 3;
        c->open = true;
    }
    return c;
}
