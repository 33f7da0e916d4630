// The server inside exportfs(4) and srvfs(4): each fid holds a path name under the
// exported root, and each 9P request becomes a system call on that name in this
// process's name space. Walks stat the joined name one element at a time; ".." never
// climbs above the root, and names holding '/' are refused, so a client cannot leave the
// subtree by name. An open fid keeps its file descriptor; directory reads turn the
// entries read from a fresh descriptor into whole stat entries with dirread9p.
//
// Every request that makes a system call on a name (walk, open, create, read and write of
// a file, remove, stat, wstat) may block in the kernel (a pipe, a console, a slow or hung
// server), so it goes to a worker process sharing this one's memory and file descriptors
// (rfork RFPROC|RFMEM), which makes the calls and responds; the serving process goes on
// with the other requests. A Tflush of a request in a worker's hands posts the
// worker a note that interrupts its call, and the request is answered "interrupted"
// before the Rflush. A note that lands just before the call starts interrupts nothing,
// so the serving process posts it again every Repost ms (on an alarm) until the worker
// has answered; a worker whose call is interrupted though its request was not flushed
// (such a note arriving late) makes the call again. Lock order: lib9p's Srv::lock, then
// poollock.
#include "libc.h"
#include "lib9/cleanname.h"
#include "lib9p/serve.h"
#include "exportsrv.h"

namespace {

struct Xfid {
    char* path;  // malloc'd; always the root or below it (under poollock once shared)
    int fd = -1;  // the open file, once a worker has opened it (under poollock)
    Dir* dirs = nullptr;  // a directory's entries, read at offset 0 (under dirlock)
    long ndirs = 0;
    Lock dirlock {};
};

const char* root;
usize rootlen;

Xfid* xfid(Fid* f) { return static_cast<Xfid*>(f->aux); }

// The last system call's error, in err (ERRMAX bytes: each process has its own).
const char* syserr(char* err)
{
    rerrstr(err, ERRMAX);
    return err;
}

// The workers. A request goes to an idle worker, else to a new one while there are
// fewer than Nworker, else it waits in the queue for the first worker to finish.
constexpr int Nworker = 16;
constexpr char Flushnote[] = "flush";
constexpr ulong Repost = 50;  // ms

struct Worker {
    int pid = 0;  // 0 until started
    Req* req = nullptr;  // the request it works on; nil when idle
    bool flushed = false;  // req was flushed: its call is interrupted, or not made
    bool insys = false;  // req's call is being made: a note will interrupt it
    long wake = 0;  // the semaphore an idle worker waits on
    char err[ERRMAX];  // req's error
    Dir* dir = nullptr;  // a stat's entry, which r->d points into until it is answered
};

Lock poollock;  // guards everything below and the workers' fields but wake and err
Worker workers[Nworker];
void* queued;  // the oldest request waiting for a worker; each one's aux is the next
bool ending;  // the client has gone: idle workers exit
volatile bool reposting;  // some flushed worker may still be in its call (no lock: notes read it)

void enqueue(Req* r)
{
    void** l = &queued;
    while (*l)
        l = &static_cast<Req*>(*l)->aux;
    r->aux = nullptr;
    *l = r;
}

Req* dequeue()
{
    Req* r = static_cast<Req*>(queued);
    if (r)
        queued = r->aux;
    return r;
}

bool unqueue(Req* r)
{
    for (void** l = &queued; *l; l = &static_cast<Req*>(*l)->aux)
        if (*l == r) {
            *l = r->aux;
            return true;
        }
    return false;
}

// A copy of x's path (malloc'd), taken under poollock: a wstat's rename in another
// worker may replace it meanwhile.
char* pathof(Xfid* x)
{
    lock(&poollock);
    char* p = strdup(x->path);
    unlock(&poollock);
    return p;
}

void setpath(Xfid* x, char* path)
{
    lock(&poollock);
    char* old = x->path;
    x->path = path;
    unlock(&poollock);
    free(old);
}

char* join(const char* dir, const char* name)
{
    usize n = strlen(dir);
    return smprint(n && dir[n - 1] == '/' ? "%s%s" : "%s/%s", dir, name);
}

void fsattach(Req* r)
{
    char err[ERRMAX];
    Dir* d = dirstat(root);
    if (!d) {
        respond(r, syserr(err));
        return;
    }
    r->fid->aux = new Xfid{strdup(root)};
    r->ofcall.qid = d->qid;
    free(d);
    respond(r, nullptr);
}

const char* fsclone(Fid* old, Fid* nf)
{
    nf->aux = new Xfid{pathof(xfid(old))};
    return nullptr;
}

// One step of a walk from path: the name it reaches in *next (malloc'd) and its qid.
const char* walk1(const char* path, const char* name, char** next, Qid* qid, char* err)
{
    if (strcmp(name, "..") == 0) {
        *next = strdup(path);
        char* slash = strrchr(*next, '/');
        if (!slash || usize(slash - *next) < rootlen)
            strcpy(*next, root);
        else
            *slash = 0;
    } else if (!name[0] || strcmp(name, ".") == 0 || strchr(name, '/'))
        return Enonexist;
    else
        *next = join(path, name);
    Dir* d = dirstat(*next);
    if (!d) {
        free(*next);
        return syserr(err);
    }
    *qid = d->qid;
    free(d);
    return nullptr;
}

// A whole Twalk, onto r->newfid (a clone of r->fid): the error to answer with, which a
// walk that got part of the way does not have.
const char* walk(Req* r, char* err)
{
    char* path = pathof(xfid(r->fid));
    const char* e = nullptr;
    int i = 0;
    for (; i < r->ifcall.nwname; i++) {
        char* next;
        Qid q;
        e = walk1(path, r->ifcall.wname[i].p, &next, &q, err);
        if (e == err && strcmp(err, Eintr) == 0) {
            free(path);
            return err;  // all again, unless it was flushed
        }
        if (e)
            break;
        free(path);
        path = next;
        r->ofcall.wqid[i] = q;
    }
    r->ofcall.nwqid = uint16_t(i);
    setpath(xfid(r->newfid), path);
    return i == 0 ? e : nullptr;
}

const char* createfile(Req* r, char* err)
{
    Xfid* x = xfid(r->fid);
    char* dir = pathof(x);
    char* path = join(dir, r->ifcall.name.p);
    free(dir);
    int fd = create(path, r->ifcall.mode, r->ifcall.perm);
    Dir* d = fd < 0 ? nullptr : dirfstat(fd);
    if (!d) {
        syserr(err);
        if (fd >= 0)
            close(fd);
        free(path);
        return err;
    }
    setpath(x, path);
    x->fd = fd;
    r->ofcall.qid = d->qid;
    free(d);
    return nullptr;
}

const char* statfile(Req* r, char* err, Dir** dir)
{
    char* path = pathof(xfid(r->fid));
    Dir* d = dirstat(path);
    free(path);
    if (!d)
        return syserr(err);
    r->d = *d;
    *dir = d;
    return nullptr;
}

const char* wstatfile(Req* r, char* err)
{
    Xfid* x = xfid(r->fid);
    char* path = pathof(x);
    if (dirwstat(path, &r->d) < 0) {
        free(path);
        return syserr(err);
    }
    // A rename keeps the file in its directory: the fid follows it there.
    if (r->d.name[0] && strlen(path) > rootlen) {
        char* slash = strrchr(path, '/');
        *slash = 0;
        setpath(x, join(slash == path ? "/" : path, r->d.name));
    }
    free(path);
    return nullptr;
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
// One read of a fid's directory at a time: its entries are shared.
const char* readdir(Req* r, Xfid* x, char* err)
{
    lock(&x->dirlock);
    const char* e = nullptr;
    if (r->ifcall.offset == 0) {
        free(x->dirs);
        x->dirs = nullptr;
        x->ndirs = 0;
        char* path = pathof(x);
        int fd = open(path, OREAD);
        free(path);
        long n = fd < 0 ? -1 : dirreadall(fd, &x->dirs);
        if (n < 0)
            e = syserr(err);
        if (fd >= 0)
            close(fd);
        x->ndirs = n < 0 ? 0 : n;
    }
    if (!e)
        e = dirread9p(r, dirgen, x);
    unlock(&x->dirlock);
    return e;
}

// A worker's open. lib9p marks the fid open only when the answer goes, so a client may
// send a second Topen of it meanwhile: the later one to finish is refused, not leaked.
long openfid(Xfid* x, int mode)
{
    char* path = pathof(x);
    int fd = open(path, mode);
    free(path);
    if (fd < 0)
        return -1;
    lock(&poollock);
    bool first = x->fd < 0;
    if (first)
        x->fd = fd;
    unlock(&poollock);
    if (!first) {
        close(fd);
        werrstr("%s", Ebotch);
        return -1;
    }
    return fd;
}

// An open, or a read or write of a file: nil, or the error in err.
const char* transfer(Req* r, char* err)
{
    Xfid* x = xfid(r->fid);
    long n;
    switch (r->ifcall.type) {
    case Topen:
        n = openfid(x, r->ifcall.mode);
        break;
    case Tread:
        n = pread(x->fd, r->rbuf, long(r->ifcall.count), vlong(r->ifcall.offset));
        break;
    default:
        n = pwrite(x->fd, r->ifcall.data, long(r->ifcall.count), vlong(r->ifcall.offset));
        break;
    }
    if (n < 0)
        return syserr(err);
    if (r->ifcall.type != Topen)
        r->ofcall.count = uint32_t(n);
    return nullptr;
}

// The system calls of request r: fills r's answer and returns the error to answer with
// (err holds its text); *dir gets a stat's entry, to be freed once r is answered.
const char* calls(Req* r, char* err, Dir** dir)
{
    switch (r->ifcall.type) {
    case Twalk:
        return walk(r, err);
    case Tcreate:
        return createfile(r, err);
    case Tremove: {
        char* path = pathof(xfid(r->fid));
        int gone = remove(path);
        free(path);
        return gone < 0 ? syserr(err) : nullptr;
    }
    case Tstat:
        return statfile(r, err, dir);
    case Twstat:
        return wstatfile(r, err);
    case Tread:
        if (r->fid->qid.type & QTDIR)
            return readdir(r, xfid(r->fid), err);
        [[fallthrough]];
    default:
        return transfer(r, err);
    }
}

bool flushed(Worker* w)
{
    lock(&poollock);
    bool f = w->flushed;
    unlock(&poollock);
    return f;
}

// Request r's system calls, made by worker w (nil: the serving process itself). Calls
// interrupted though r was not flushed did nothing (the kernel's mount driver answers a
// flushed request only once its server has dropped it) and are made again. The fid lives
// until r is answered, whatever clunk arrives meanwhile.
const char* work(Req* r, Worker* w, char* err, Dir** dir)
{
    const char* e;
    do
        e = calls(r, err, dir);
    while (e == err && w && strcmp(err, Eintr) == 0 && !flushed(w));
    return e;
}

// Only the flush note is caught: it has done its work by interrupting the call.
void onnote(void*, char* note)
{
    noted(strcmp(note, Flushnote) == 0 ? NCONT : NDFLT);
}

// A worker's life: the request it was given, then those queued, then waiting for more.
[[noreturn]] void worker(Worker* w)
{
    notify(onnote);
    for (;;) {
        lock(&poollock);
        Req* r = w->req;
        bool skip = w->flushed;
        w->insys = r && !skip;
        bool quit = !r && ending;
        unlock(&poollock);
        if (quit)
            _exits(nullptr);  // not exits: the atexit handlers are the serving process's
        if (!r) {
            while (semacquire(&w->wake, 1) != 1) {
            }
            continue;
        }
        const char* err = skip ? Eintr : work(r, w, w->err, &w->dir);
        lock(&poollock);
        w->insys = false;
        w->flushed = false;
        w->req = dequeue();
        unlock(&poollock);
        respond(r, err);
        free(w->dir);
        w->dir = nullptr;
    }
}

// Hands r to a worker (or the queue); false if no worker could be started at all.
bool handoff(Req* r)
{
    lock(&poollock);
    Worker* fresh = nullptr;
    for (Worker& w : workers) {
        if (w.pid && !w.req) {
            w.req = r;
            unlock(&poollock);
            semrelease(&w.wake, 1);
            return true;
        }
        if (!w.pid && !fresh)
            fresh = &w;
    }
    if (fresh) {
        fresh->req = r;
        int pid = rfork(RFPROC | RFMEM | RFNOWAIT);
        if (pid == 0)
            worker(fresh);  // which waits for the unlock below
        if (pid > 0) {
            fresh->pid = pid;
            unlock(&poollock);
            return true;
        }
        fresh->req = nullptr;
    }
    bool any = workers[0].pid != 0;  // slots fill in order and stay filled
    if (any)
        enqueue(r);
    unlock(&poollock);
    return any;
}

// Requests that make system calls go to a worker; with none to be had (rfork failed)
// the serving process makes the calls itself.
void toworker(Req* r)
{
    if (!handoff(r)) {
        char err[ERRMAX];
        Dir* dir = nullptr;
        respond(r, work(r, nullptr, err, &dir));
        free(dir);
    }
}

// Posts w (poollock held) the flush note, and sets the alarm that posts it again.
void interrupt(Worker* w)
{
    postnote(PNPROC, w->pid, Flushnote);
    reposting = true;
    alarm(Repost);
}

// The alarm, through lib9p's srv: flushed workers still in their calls get the note again.
void repost(Srv*)
{
    lock(&poollock);
    reposting = false;
    for (Worker& w : workers)
        if (w.flushed && w.insys)
            interrupt(&w);
    unlock(&poollock);
}

// The serving process's notes: an alarm that came while it was busy rather than waiting
// for a message interrupted nothing, so it is set again.
void servenote(void*, char* note)
{
    if (strcmp(note, "alarm") != 0)
        noted(NDFLT);
    if (reposting)
        alarm(Repost);
    noted(NCONT);
}

// A request still queued is answered here; one a worker holds is interrupted and
// answered by the worker. Either way the Rflush follows (respond(r) waits for oldreq).
void fsflush(Req* r)
{
    Req* old = r->oldreq;
    lock(&poollock);
    bool wasqueued = unqueue(old);
    for (Worker& w : workers)
        if (w.req == old) {
            w.flushed = true;
            if (w.insys)
                interrupt(&w);
        }
    unlock(&poollock);
    if (wasqueued)
        respond(old, Eintr);
    respond(r, nullptr);
}

// The client has gone (its requests are flushed already): busy workers are
// interrupted, idle ones exit, the queue is emptied.
void fsend(Srv*)
{
    lock(&poollock);
    ending = true;
    Req* r;
    while ((r = dequeue()) != nullptr) {
        unlock(&poollock);
        respond(r, Eintr);
        lock(&poollock);
    }
    for (Worker& w : workers) {
        if (!w.pid)
            continue;
        if (!w.req)
            semrelease(&w.wake, 1);
        else {
            w.flushed = true;
            if (w.insys)
                interrupt(&w);
        }
    }
    unlock(&poollock);
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
    s->walk = toworker;
    s->open = toworker;
    s->create = toworker;
    s->read = toworker;
    s->write = toworker;
    s->remove = toworker;
    s->stat = toworker;
    s->wstat = toworker;
    s->flush = fsflush;
    s->destroyfid = fsdestroyfid;
    s->end = fsend;
    s->wakeup = repost;
    s->msize = 64 * 1024 + IOHDRSZ;
    notify(servenote);  // the serving process is this one or a child of it
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
