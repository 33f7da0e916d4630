// hubfs's server on lib9p. A hub is a ring of bufsize bytes holding the newest part of
// its stream: `written` counts every byte ever written and the ring holds [oldest,
// written). Each open fid keeps its own position in the stream, so every reader gets
// every byte, and a new reader starts at oldest (the backlog) or, in trunc mode, at
// written. What cannot be answered at once waits on its hub in arrival order: reads
// until there is data past their position, writes while paranoid mode or the rate limits
// hold them. kick answers whatever has become possible, and runs after every change.
//
// Loss: a reader more than the ring behind skips to oldest (normal mode); in paranoid
// mode a write waits instead until every reader has room for it, so nothing is lost.
// eof leaves a mark at the write head; every fid that was open then reads 0 bytes once,
// on reaching the mark, so an eof is never missed by a reader that was between reads.
#include "libc.h"
#include "lib9/error.h"
#include "lib9p/file.h"
#include "hub.h"

namespace {

constexpr int Maxhubs = 77;
constexpr int Maxmarks = 32;  // eof marks a hub remembers; the oldest go first
constexpr char Ebadctl[] = "bad ctl message";
constexpr char Enohub[] = "hub not found";
constexpr char Etoomany[] = "too many hubs";

struct Hub;

// One open fid of a hub (Fid.aux).
struct Reader {
    Hub* hub;
    uint64_t pos;  // the next byte of the stream it reads
    uint32_t eofnext;  // the first eof mark (by serial) that applies to it
    bool reads;  // open for reading: paranoid writes wait for it
    bool streamed;  // it has read the stream; frozen mode leaves its reads waiting
    Reader* next = nullptr;
    Reader* prev = nullptr;
};

// Waiting requests, oldest first, chained through Req.aux.
struct ReqQueue {
    Req* head = nullptr;

    void put(Req* r)
    {
        r->aux = nullptr;
        Req** l = &head;
        while (*l)
            l = reinterpret_cast<Req**>(&(*l)->aux);
        *l = r;
    }
    bool drop(Req* r)
    {
        for (Req** l = &head; *l; l = reinterpret_cast<Req**>(&(*l)->aux))
            if (*l == r) {
                *l = static_cast<Req*>(r->aux);
                return true;
            }
        return false;
    }
    Req* take()
    {
        Req* r = head;
        if (r)
            head = static_cast<Req*>(r->aux);
        return r;
    }
};

struct Mark {
    uint64_t pos;
    uint32_t serial;
};

struct Hub {
    File* file;
    uint8_t* ring;  // from newring: reads are answered from it in one write
    uint64_t written = 0;
    uint64_t oldest = 0;
    Reader* readers = nullptr;
    ReqQueue reads;
    ReqQueue writes;
    Mark marks[Maxmarks];
    int nmark = 0;
    uint32_t nextserial = 0;
    int64_t limstart = 0;  // the rate limits: when the average began,
    uint64_t limbytes = 0;  // the bytes written since,
    int64_t lastwrite = 0;  // and when the last write was made
    bool removed = false;
};

struct Hubfs {
    const Hubcfg* cfg;
    Srv srv;
    int nhubs = 0;
    bool paranoid = false;
    bool frozen = false;
    bool trunc;
};

char ctlfile;  // File.aux of ctl: its address marks the file

// A ring with RREADHDR bytes of room in front, which lib9p may borrow for a reply's
// header (Req::headroom): hubfs is one process, and the ring is touched by nothing else.
uint8_t* newring(uint32_t size) { return new uint8_t[RREADHDR + size] + RREADHDR; }
void freering(uint8_t* ring)
{
    if (ring)
        delete[] (ring - RREADHDR);
}

Hubfs* fs(Req* r) { return static_cast<Hubfs*>(r->srv->aux); }
Hubfs* fs(Srv* s) { return static_cast<Hubfs*>(s->aux); }
Hub* hubof(File* f) { return f->aux == &ctlfile ? nullptr : static_cast<Hub*>(f->aux); }
Reader* readerof(Req* r) { return static_cast<Reader*>(r->fid->aux); }
uint64_t min3(uint64_t a, uint64_t b, uint64_t c) { return a < b ? (a < c ? a : c) : (b < c ? b : c); }
bool limited(const Hubcfg* c) { return c->bps || c->mingap; }

void answer(Req* r, uint32_t count)
{
    r->ofcall.count = count;
    respond(r, nullptr);
}

// A read answered with n bytes from the ring at p.
void answerfrom(Req* r, const uint8_t* p, uint32_t n)
{
    r->ofcall.data = p;
    r->headroom = true;
    answer(r, n);
}

// The first eof mark that applies to rd, or nil.
const Mark* markfor(const Hub* h, const Reader* rd)
{
    for (int i = 0; i < h->nmark; i++)
        if (h->marks[i].serial >= rd->eofnext)
            return &h->marks[i];
    return nullptr;
}

// A mark at the write head. Marks every reader has passed are dropped first.
void addmark(Hub* h)
{
    uint32_t needed = h->nextserial;
    for (Reader* rd = h->readers; rd; rd = rd->next)
        if (rd->reads && rd->eofnext < needed)
            needed = rd->eofnext;
    int keep = 0;
    for (int i = 0; i < h->nmark; i++)
        if (h->marks[i].serial >= needed)
            h->marks[keep++] = h->marks[i];
    h->nmark = keep;
    if (h->nmark == Maxmarks) {
        memmove(h->marks, h->marks + 1, (Maxmarks - 1) * sizeof(Mark));
        h->nmark--;
    }
    h->marks[h->nmark++] = Mark{h->written, h->nextserial++};
}

// Frozen, a hub reads as a file of its retained bytes, at the request's offset.
void frozenread(Hub* h, Req* r, uint32_t size)
{
    uint64_t off = r->ifcall.offset, kept = h->written - h->oldest;
    if (off >= kept) {
        answer(r, 0);
        return;
    }
    uint64_t at = h->oldest + off;
    answerfrom(r, h->ring + at % size, uint32_t(min3(r->ifcall.count, kept - off, size - at % size)));
}

// Answers r if it can be: data past its reader's position, an eof mark it has reached,
// or a removed hub (an error: the reads that waited when it went got end of file, and a
// reader that takes 0 bytes as an eof mark must not read on for ever).
bool tryread(Hubfs* f, Hub* h, Req* r)
{
    uint32_t size = f->cfg->bufsize;
    Reader* rd = readerof(r);
    if (h->removed) {
        respond(r, Ehungup);
        return true;
    }
    if (f->frozen) {
        if (rd->streamed)
            return false;
        frozenread(h, r, size);
        return true;
    }
    if (rd->pos < h->oldest)
        rd->pos = h->oldest;  // written over: the bytes are lost
    const Mark* m = markfor(h, rd);
    if (m && m->pos <= rd->pos) {
        rd->eofnext = m->serial + 1;
        answer(r, 0);
        return true;
    }
    uint64_t end = m ? m->pos : h->written;
    if (rd->pos >= end)
        return false;
    uint32_t n = uint32_t(min3(end - rd->pos, r->ifcall.count, size - rd->pos % size));
    const uint8_t* p = h->ring + rd->pos % size;
    rd->pos += n;
    rd->streamed = true;
    answerfrom(r, p, n);
    return true;
}

// Appends data to the stream; the oldest bytes go when the ring is full.
void append(Hubfs* f, Hub* h, const uint8_t* data, uint32_t n)
{
    uint32_t size = f->cfg->bufsize;
    uint32_t at = uint32_t(h->written % size), first = n < size - at ? n : size - at;
    memmove(h->ring + at, data, first);
    memmove(h->ring, data + first, n - first);
    h->written += n;
    if (h->written - h->oldest > size)
        h->oldest = h->written - size;
    h->file->d.length = h->written - h->oldest;
}

// Paranoid mode: whether n more bytes would overwrite none a reader has yet to read.
bool room(const Hubfs* f, const Hub* h, uint32_t n)
{
    for (const Reader* rd = h->readers; rd; rd = rd->next)
        if (rd->reads && rd->pos + f->cfg->bufsize < h->written + n)
            return false;
    return true;
}

// The time a write of n bytes may be made under the rate limits.
int64_t limitdue(const Hubcfg* c, Hub* h, uint32_t n, int64_t now)
{
    if (h->limstart == 0 || now - h->limstart >= c->reset) {
        h->limstart = now;
        h->limbytes = 0;
    }
    int64_t due = now;
    if (c->bps) {
        uint64_t b = h->limbytes + n;
        int64_t at = h->limstart + int64_t(b / c->bps * 1'000'000'000 + b % c->bps * 1'000'000'000 / c->bps);
        if (at > due)
            due = at;
    }
    if (c->mingap && h->lastwrite && h->lastwrite + c->mingap > due)
        due = h->lastwrite + c->mingap;
    return due;
}

uint32_t writesize(const Hubcfg* c, const Req* r)
{
    uint32_t n = r->ifcall.count;
    if (n > c->maxmsg)
        n = c->maxmsg;
    return n < c->bufsize ? n : c->bufsize;
}

// Makes the write at the head of h's queue if nothing holds it.
bool trywrite(Hubfs* f, Hub* h, Req* r)
{
    const Hubcfg* c = f->cfg;
    uint32_t n = writesize(c, r);
    if (f->paranoid && !room(f, h, n))
        return false;
    if (limited(c)) {
        int64_t now = c->now(), due = limitdue(c, h, n, now);
        if (due > now) {
            if (c->wake_at)
                c->wake_at(due);
            return false;
        }
        h->limbytes += n;
        h->lastwrite = now;
    }
    append(f, h, r->ifcall.data, n);
    answer(r, n);
    return true;
}

// Answers every request of h that can be answered, until none can.
void kick(Hubfs* f, Hub* h)
{
    for (bool progress = true; progress;) {
        progress = false;
        while (Req* r = f->frozen ? nullptr : h->writes.head) {
            Req* next = static_cast<Req*>(r->aux);  // the answer frees r
            if (!trywrite(f, h, r))
                break;
            h->writes.head = next;
            progress = true;
        }
        for (Req** l = &h->reads.head; *l;) {
            Req* r = *l;
            Req* next = static_cast<Req*>(r->aux);
            if (tryread(f, h, r)) {
                *l = next;
                progress = true;
            } else
                l = reinterpret_cast<Req**>(&r->aux);
        }
    }
}

template <typename Fn>
void eachhub(Hubfs* f, Fn fn)
{
    File* root = f->srv.tree->root;
    for (int i = 0; i < root->nkids; i++)
        if (Hub* h = hubof(root->kids[i]))
            fn(h);
}

void kickall(Hubfs* f)
{
    eachhub(f, [f](Hub* h) { kick(f, h); });
}

// A removed hub ends: its waiting reads read end of file, its waiting writes fail, its
// ring is freed. Open fids keep the Hub until they go.
void hubgone(Hubfs* f, Hub* h)
{
    h->removed = true;
    while (Req* r = h->reads.take())
        answer(r, 0);
    while (Req* r = h->writes.take())
        respond(r, Ehungup);
    freering(h->ring);
    h->ring = nullptr;
    f->nhubs--;
}

void fsdestroy(File* file)
{
    if (Hub* h = hubof(file)) {
        freering(h->ring);
        delete h;
    }
}

// Every open of a hub, Tcreate's included, gets a Reader.
void openhub(Hubfs* f, Hub* h, Req* r)
{
    uint8_t mode = r->ifcall.mode;
    if ((mode & OTRUNC) && f->cfg->allowtrunc && !h->removed) {
        h->oldest = h->written;
        h->file->d.length = 0;
    }
    Reader* rd = new Reader{h, f->trunc ? h->written : h->oldest, h->nextserial, (mode & 3) != OWRITE, false};
    rd->next = h->readers;
    if (h->readers)
        h->readers->prev = rd;
    h->readers = rd;
    r->fid->aux = rd;
}

void fsopen(Req* r)
{
    if (Hub* h = hubof(r->fid->file))
        openhub(fs(r), h, r);
    respond(r, nullptr);
}

void fscreate(Req* r)
{
    Hubfs* f = fs(r);
    const char* name = r->ifcall.name.p;
    if (r->ifcall.perm & DMDIR) {
        respond(r, Eperm);
        return;
    }
    bool ctl = strcmp(name, "ctl") == 0;
    if (!ctl && f->nhubs >= Maxhubs) {
        respond(r, Etoomany);
        return;
    }
    Hub* h = ctl ? nullptr : new Hub;
    if (h)
        h->ring = newring(f->cfg->bufsize);
    const char* err;
    File* file = createfile(r->fid->file, name, r->fid->uid, r->ifcall.perm, ctl ? static_cast<void*>(&ctlfile) : h, &err);
    if (!file) {
        if (h)
            freering(h->ring);
        delete h;
        respond(r, err);
        return;
    }
    closefile(r->fid->file);
    r->fid->file = file;
    r->ofcall.qid = file->d.qid;
    if (h) {
        h->file = file;
        f->nhubs++;
        openhub(f, h, r);
    }
    respond(r, nullptr);
}

void ctlread(Hubfs* f, Req* r)
{
    char s[256];
    int n = snprint(s, sizeof s,
        "\tHubfs %s status (1 is active, 0 is inactive):\n"
        "Paranoid == %d  Frozen == %d  Trunc == %d  Applylimits == %d\nBuffersize == %ud\n",
        f->cfg->name, f->paranoid, f->frozen, f->trunc, limited(f->cfg), f->cfg->bufsize);
    uint64_t off = r->ifcall.offset;
    if (off >= uint64_t(n)) {
        answer(r, 0);
        return;
    }
    uint32_t count = r->ifcall.count < n - off ? r->ifcall.count : uint32_t(n - off);
    memmove(r->rbuf, s + off, count);
    answer(r, count);
}

void fsread(Req* r)
{
    Hubfs* f = fs(r);
    Hub* h = hubof(r->fid->file);
    if (!h) {
        ctlread(f, r);
        return;
    }
    h->reads.put(r);
    kick(f, h);
}

// One ctl message: a command word, and for eof an optional hub name.
const char* ctlcmd(Hubfs* f, Req* r, bool* quit)
{
    char line[128];
    uint32_t n = r->ifcall.count;
    if (n >= sizeof line)
        return Ebadctl;
    memmove(line, r->ifcall.data, n);
    line[n] = 0;
    char* args[3];
    int nargs = tokenize(line, args, 3);
    if (nargs == 0)
        return Ebadctl;
    const char* cmd = args[0];
    if (strcmp(cmd, "eof") == 0 && nargs <= 2) {
        if (nargs == 1) {
            eachhub(f, [f](Hub* h) { addmark(h); kick(f, h); });
            return nullptr;
        }
        File* file = lookupfile(f->srv.tree->root, args[1]);
        Hub* h = file ? hubof(file) : nullptr;
        if (!h)
            return Enohub;
        addmark(h);
        kick(f, h);
        return nullptr;
    }
    if (nargs != 1)
        return Ebadctl;
    if (strcmp(cmd, "quit") == 0)
        *quit = true;
    else if (strcmp(cmd, "fear") == 0)
        f->paranoid = true;
    else if (strcmp(cmd, "calm") == 0)
        f->paranoid = false;
    else if (strcmp(cmd, "freeze") == 0)
        f->frozen = true;
    else if (strcmp(cmd, "melt") == 0)
        f->frozen = false;
    else if (strcmp(cmd, "trunc") == 0)
        f->trunc = true;
    else if (strcmp(cmd, "notrunc") == 0)
        f->trunc = false;
    else
        return Ebadctl;
    kickall(f);  // calm and melt release what waited
    return nullptr;
}

// Frozen, a hub is written as a file: at the request's offset (at most the end), and
// everything after the write is gone.
void frozenwrite(Hubfs* f, Hub* h, Req* r)
{
    uint64_t off = r->ifcall.offset, kept = h->written - h->oldest;
    h->written = h->oldest + (off < kept ? off : kept);
    for (Reader* rd = h->readers; rd; rd = rd->next)
        if (rd->pos > h->written)
            rd->pos = h->written;
    while (h->nmark && h->marks[h->nmark - 1].pos > h->written)
        h->nmark--;
    uint32_t n = writesize(f->cfg, r);
    append(f, h, r->ifcall.data, n);
    answer(r, n);
}

void fswrite(Req* r)
{
    Hubfs* f = fs(r);
    Hub* h = hubof(r->fid->file);
    if (!h) {
        bool quit = false;
        const char* err = ctlcmd(f, r, &quit);
        if (!err)
            r->ofcall.count = r->ifcall.count;
        respond(r, err);
        if (quit && f->cfg->quit)
            f->cfg->quit();
        return;
    }
    if (h->removed)
        respond(r, Ehungup);
    else if (f->frozen)
        frozenwrite(f, h, r);
    else {
        h->writes.put(r);
        kick(f, h);
    }
}

void fsremove(Req* r)
{
    if (Hub* h = hubof(r->fid->file))
        hubgone(fs(r), h);
    respond(r, nullptr);
}

// A flushed read or write leaves its queue; its answer goes out before the Rflush.
void fsflush(Req* r)
{
    Req* old = r->oldreq;
    if (Reader* rd = static_cast<Reader*>(old->fid ? old->fid->aux : nullptr)) {
        Hub* h = rd->hub;
        if (h->reads.drop(old) || h->writes.drop(old))
            respond(old, Eintr);
    }
    respond(r, nullptr);
}

void fsdestroyfid(Fid* fid)
{
    Reader* rd = static_cast<Reader*>(fid->aux);
    if (!rd)
        return;
    Hub* h = rd->hub;
    if (rd->prev)
        rd->prev->next = rd->next;
    else
        h->readers = rd->next;
    if (rd->next)
        rd->next->prev = rd->prev;
    delete rd;
    Hubfs* f = static_cast<Hubfs*>(fid->srv->aux);
    if (fid->file->removed && !h->removed)
        hubgone(f, h);  // an ORCLOSE fid removed it
    else if (!h->removed)
        kick(f, h);  // a paranoid writer may have waited for this reader
}

}  // namespace

Srv* hubsrv(const Hubcfg* cfg, const char* uid)
{
    Hubfs* f = new Hubfs;
    f->cfg = cfg;
    f->trunc = cfg->trunc;
    Srv& s = f->srv;
    s.tree = alloctree(uid, uid, 0777, fsdestroy);
    s.open = fsopen;
    s.create = fscreate;
    s.read = fsread;
    s.write = fswrite;
    s.remove = fsremove;
    s.flush = fsflush;
    s.destroyfid = fsdestroyfid;
    s.wakeup = [](Srv* srv) { kickall(fs(srv)); };
    s.msize = 65536 + IOHDRSZ;  // a reader that falls behind catches up in fewer reads
    s.aux = f;
    return &s;
}

void freehubsrv(Srv* s)
{
    Hubfs* f = fs(s);
    eachhub(f, [f](Hub* h) { hubgone(f, h); });
    freetree(s->tree);
    delete f;
}
