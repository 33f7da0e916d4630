// The server inside exportfs(4) and srvfs(4): each fid holds a path name under the
// exported root, and each 9P request becomes a system call on that name in this
// process's name space. Walks stat the joined name one element at a time; ".." never
// climbs above the root, and names holding '/' are refused, so a client cannot leave the
// subtree by name. An open fid keeps its file descriptor; directory reads turn the
// entries read from a fresh descriptor into whole stat entries with dirread9p.
//
// Opens, and reads and writes of files, may block in the kernel (a pipe, a console, a
// slow server), so they go to worker processes sharing this one's memory and file
// descriptors (rfork RFPROC|RFMEM), which make the call and respond; the serving process
// goes on with the other requests. A Tflush of a request in a worker's hands posts the
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
    char* path;  // malloc'd; always the root or below it
    int fd = -1;  // the open file, once a worker has opened it (under poollock)
    Dir* dirs = nullptr;  // a directory's entries, read at offset 0
    long ndirs = 0;
};

const char* root;
usize rootlen;
char ebuf[ERRMAX];

Xfid* xfid(Fid* f) { return static_cast<Xfid*>(f->aux); }

// The serving process's last system call's error, valid until its next one (it answers
// at once). Workers keep their own.
const char* syserr()
{
    rerrstr(ebuf, sizeof ebuf);
    return ebuf;
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

// A worker's open. lib9p marks the fid open only when the answer goes, so a client may
// send a second Topen of it meanwhile: the later one to finish is refused, not leaked.
long openfid(Xfid* x, int mode)
{
    int fd = open(x->path, mode);
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

long syscall_of(Req* r)
{
    Xfid* x = xfid(r->fid);
    switch (r->ifcall.type) {
    case Topen:
        return openfid(x, r->ifcall.mode);
    case Tread:
        return pread(x->fd, r->rbuf, long(r->ifcall.count), vlong(r->ifcall.offset));
    default:
        return pwrite(x->fd, r->ifcall.data, long(r->ifcall.count), vlong(r->ifcall.offset));
    }
}

bool flushed(Worker* w)
{
    lock(&poollock);
    bool f = w->flushed;
    unlock(&poollock);
    return f;
}

// The system call of an open, read or write, made by worker w (nil: the serving process
// itself): nil, or the error in err. An interrupted call whose request was not flushed
// transferred nothing and is made again. The fid lives until the request is answered,
// whatever clunk arrives meanwhile.
const char* work(Req* r, Worker* w, char* err)
{
    long n;
    do {
        n = syscall_of(r);
        if (n < 0)
            rerrstr(err, ERRMAX);
    } while (n < 0 && w && strcmp(err, Eintr) == 0 && !flushed(w));
    if (n < 0)
        return err;
    if (r->ifcall.type != Topen)
        r->ofcall.count = uint32_t(n);
    return nullptr;
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
        const char* err = skip ? Eintr : work(r, w, w->err);
        lock(&poollock);
        w->insys = false;
        w->flushed = false;
        w->req = dequeue();
        unlock(&poollock);
        respond(r, err);
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

// Opens, reads and writes of files go to a worker; with none to be had (rfork failed)
// the serving process makes the call itself.
void toworker(Req* r)
{
    if (!handoff(r)) {
        char err[ERRMAX];
        respond(r, work(r, nullptr, err));
    }
}

void fsopen(Req* r) { toworker(r); }

void fsread(Req* r)
{
    if (r->fid->qid.type & QTDIR)
        respond(r, readdir(r, xfid(r->fid)));
    else
        toworker(r);
}

void fswrite(Req* r) { toworker(r); }

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
