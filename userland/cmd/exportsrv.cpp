// The server inside exportfs(4) and srvfs(4): each fid holds a path name under the
// exported root, and each 9P request becomes a system call on that name in this
// process's name space. Walks stat the joined name one element at a time; ".." never
// climbs above the root, and names holding '/' are refused, so a client cannot leave the
// subtree by name. An open fid keeps its file descriptor; directory reads turn the
// entries read from a fresh descriptor into whole stat entries with dirread9p. The server
// is one process: a request that blocks in the kernel holds up the others.
#include "libc.h"
#include "lib9/cleanname.h"
#include "lib9p/serve.h"
#include "exportsrv.h"

namespace {

struct Xfid {
    char* path;  // malloc'd; always the root or below it
    int fd = -1;  // the open file, once opened
    Dir* dirs = nullptr;  // a directory's entries, read at offset 0
    long ndirs = 0;
};

const char* root;
usize rootlen;
char ebuf[ERRMAX];

Xfid* xfid(Fid* f) { return static_cast<Xfid*>(f->aux); }

// The last system call's error, valid until the next one (the server answers at once).
const char* syserr()
{
    rerrstr(ebuf, sizeof ebuf);
    return ebuf;
}

char* join(const char* dir, const char* name)
{
    usize n = strlen(dir);
    return smprint(n && dir[n - 1] == '/' ? "%s%s" : "%s/%s", dir, name);
}

void fsattach(Req* r)
{
    Dir* d = dirstat(root);
    if (!d) {
        respond(r, syserr());
        return;
    }
    r->fid->aux = new Xfid{strdup(root)};
    r->ofcall.qid = d->qid;
    free(d);
    respond(r, nullptr);
}

const char* fsclone(Fid* old, Fid* nf)
{
    nf->aux = new Xfid{strdup(xfid(old)->path)};
    return nullptr;
}

const char* fswalk1(Fid* f, const char* name, Qid* qid)
{
    Xfid* x = xfid(f);
    char* next;
    if (strcmp(name, "..") == 0) {
        next = strdup(x->path);
        char* slash = strrchr(next, '/');
        if (!slash || usize(slash - next) < rootlen)
            strcpy(next, root);
        else
            *slash = 0;
    } else if (!name[0] || strcmp(name, ".") == 0 || strchr(name, '/'))
        return Enonexist;
    else
        next = join(x->path, name);
    Dir* d = dirstat(next);
    if (!d) {
        free(next);
        return syserr();
    }
    *qid = d->qid;
    free(d);
    free(x->path);
    x->path = next;
    return nullptr;
}

void fsopen(Req* r)
{
    Xfid* x = xfid(r->fid);
    x->fd = open(x->path, r->ifcall.mode);
    respond(r, x->fd < 0 ? syserr() : nullptr);
}

void fscreate(Req* r)
{
    Xfid* x = xfid(r->fid);
    char* path = join(x->path, r->ifcall.name.p);
    int fd = create(path, r->ifcall.mode, r->ifcall.perm);
    Dir* d = fd < 0 ? nullptr : dirfstat(fd);
    if (!d) {
        const char* err = syserr();
        if (fd >= 0)
            close(fd);
        free(path);
        respond(r, err);
        return;
    }
    free(x->path);
    x->path = path;
    x->fd = fd;
    r->ofcall.qid = d->qid;
    free(d);
    respond(r, nullptr);
}

int dirgen(long n, Dir* d, void* aux)
{
    Xfid* x = static_cast<Xfid*>(aux);
    if (n >= x->ndirs)
        return -1;
    *d = x->dirs[n];
    return 0;
}

// A fresh descriptor reads the directory from its start, so a client may read it again.
const char* readdir(Req* r, Xfid* x)
{
    if (r->ifcall.offset == 0) {
        free(x->dirs);
        x->dirs = nullptr;
        x->ndirs = 0;
        int fd = open(x->path, OREAD);
        if (fd < 0)
            return syserr();
        long n = dirreadall(fd, &x->dirs);
        const char* err = n < 0 ? syserr() : nullptr;
        close(fd);
        if (err)
            return err;
        x->ndirs = n;
    }
    return dirread9p(r, dirgen, x);
}

void fsread(Req* r)
{
    Xfid* x = xfid(r->fid);
    if (r->fid->qid.type & QTDIR) {
        respond(r, readdir(r, x));
        return;
    }
    long n = pread(x->fd, r->rbuf, long(r->ifcall.count), vlong(r->ifcall.offset));
    if (n < 0) {
        respond(r, syserr());
        return;
    }
    r->ofcall.count = uint32_t(n);
    respond(r, nullptr);
}

void fswrite(Req* r)
{
    Xfid* x = xfid(r->fid);
    long n = pwrite(x->fd, r->ifcall.data, long(r->ifcall.count), vlong(r->ifcall.offset));
    if (n < 0) {
        respond(r, syserr());
        return;
    }
    r->ofcall.count = uint32_t(n);
    respond(r, nullptr);
}

void fsremove(Req* r) { respond(r, remove(xfid(r->fid)->path) < 0 ? syserr() : nullptr); }

void fsstat(Req* r)
{
    Dir* d = dirstat(xfid(r->fid)->path);
    if (!d) {
        respond(r, syserr());
        return;
    }
    r->d = *d;
    respond(r, nullptr);  // the entry is encoded here, before d goes
    free(d);
}

void fswstat(Req* r)
{
    Xfid* x = xfid(r->fid);
    if (dirwstat(x->path, &r->d) < 0) {
        respond(r, syserr());
        return;
    }
    // A rename keeps the file in its directory: the fid follows it there.
    if (r->d.name[0] && strlen(x->path) > rootlen) {
        char* slash = strrchr(x->path, '/');
        *slash = 0;
        char* path = join(slash == x->path ? "/" : x->path, r->d.name);
        free(x->path);
        x->path = path;
    }
    respond(r, nullptr);
}

void fsdestroyfid(Fid* f)
{
    Xfid* x = xfid(f);
    if (!x)
        return;
    if (x->fd >= 0)
        close(x->fd);
    free(x->dirs);
    free(x->path);
    delete x;
}

}  // namespace

Srv* exportsrv(char* r)
{
    root = cleanname(r);
    rootlen = strlen(root);
    auto* s = new Srv;
    s->attach = fsattach;
    s->clone = fsclone;
    s->walk1 = fswalk1;
    s->open = fsopen;
    s->create = fscreate;
    s->read = fsread;
    s->write = fswrite;
    s->remove = fsremove;
    s->stat = fsstat;
    s->wstat = fswstat;
    s->destroyfid = fsdestroyfid;
    s->msize = 64 * 1024 + IOHDRSZ;
    return s;
}

int exportpost(Srv* s, const char* name, uint32_t perm)
{
    if (postmountsrv(s, name, nullptr, 0) < 0)
        return -1;
    if (perm == 0600)
        return 0;
    char path[NAMEMAX + 8];
    snprint(path, sizeof path, "/srv/%s", name);
    Dir d;
    nulldir(&d);
    d.mode = perm;
    return dirwstat(path, &d);
}
