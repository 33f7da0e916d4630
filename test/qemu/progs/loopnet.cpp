// loopnet [-m mtpt]: a network of one machine, served as Plan 9's /net is (ip(3),
// ndb/cs), so that dial, announce and listen, and the programs built on them, can be
// tested before Myrmex has an IP stack. Posted as /srv/loopnet and mounted on mtpt
// (default /net), it serves:
//   cs                  write net!host!service, read back "mtpt/tcp/clone host!port"
//                       ("port" alone for host *); net is tcp or net
//   tcp/clone           opening it makes a conversation and reads as its number; the
//                       open file is then that conversation's ctl
//   tcp/N/ctl           connect host!port, announce [*!]port, accept N, reject N why, hangup
//   tcp/N/data          the bytes: what one end writes the other reads
//   tcp/N/listen        opening it waits for a call to N (announced) and gives the new
//                       conversation's ctl
//   tcp/N/local remote status
// Every host is this machine. Writes are taken at once and kept until read: it is
// a test network, with no flow control.
#include "libc.h"
#include "lib9/error.h"
#include "lib9p/file.h"
#include "lib9p/serve.h"

namespace {

constexpr char Erefused[] = "connection refused";
constexpr char Eaddrinuse[] = "address in use";
constexpr char Enotconn[] = "not connected";

uint32_t least(uint64_t a, uint64_t b)
{
    return uint32_t(a < b ? a : b);
}

enum class Kind { Cs, Clone, Ctl, Data, Listen, Local, Remote, Status };
enum class State { Idle, Announced, Connected, Hungup };

struct Conv;

struct Node {
    Kind kind;
    Conv* conv;  // nil for cs and clone
};

// Requests held until something happens, in arrival order (linked through Req::aux).
struct Held {
    Req* head = nullptr;
    Req* tail = nullptr;

    void put(Req* r)
    {
        r->aux = nullptr;
        if (tail)
            tail->aux = r;
        else
            head = r;
        tail = r;
    }
    Req* take()
    {
        Req* r = head;
        if (r) {
            head = static_cast<Req*>(r->aux);
            if (!head)
                tail = nullptr;
        }
        return r;
    }
    bool remove(Req* r)
    {
        for (Req** l = &head; *l; l = reinterpret_cast<Req**>(&(*l)->aux)) {
            if (*l == r) {
                *l = static_cast<Req*>(r->aux);
                if (tail == r) {
                    tail = nullptr;
                    for (Req* q = head; q; q = static_cast<Req*>(q->aux))
                        tail = q;
                }
                return true;
            }
        }
        return false;
    }
};

struct Conv {
    int n;
    State state = State::Idle;
    int port = 0;
    char remote[64] = "";
    Conv* peer = nullptr;
    int opens = 0;  // fids opened on it: its ctl (also through clone or listen) and data
    uint8_t* in = nullptr;  // what the peer wrote, not yet read
    size_t inlen = 0;
    size_t incap = 0;
    Held reads;  // Treads of data waiting for bytes
    Held listens;  // opens of listen waiting for a call
    Conv* calls[8] = {};  // calls not yet listened for
    int ncalls = 0;
};

const char* mtpt = "/net";
File* tcpdir;
Conv* convs[256];
int nconv;

Conv* newconv()
{
    if (nconv == nelem(convs))
        return nullptr;
    auto* c = new Conv;
    c->n = nconv;
    convs[nconv++] = c;
    char name[16];
    snprint(name, sizeof name, "%d", c->n);
    const char* err = nullptr;
    File* dir = createfile(tcpdir, name, getuser(), DMDIR | 0555, nullptr, &err);
    if (!dir)
        sysfatal("createfile %s: %s", name, err);
    static const struct {
        const char* name;
        Kind kind;
        uint32_t perm;
    } files[] = {
        { "ctl", Kind::Ctl, 0666 }, { "data", Kind::Data, 0666 }, { "listen", Kind::Listen, 0666 },
        { "local", Kind::Local, 0444 }, { "remote", Kind::Remote, 0444 }, { "status", Kind::Status, 0444 },
    };
    for (const auto& f : files) {
        File* file = createfile(dir, f.name, getuser(), f.perm, new Node { f.kind, c }, &err);
        if (!file)
            sysfatal("createfile %s: %s", f.name, err);
        closefile(file);
    }
    closefile(dir);
    return c;
}

void answer_reads(Conv* c)
{
    while (c->reads.head && (c->inlen > 0 || c->state == State::Hungup || !c->peer)) {
        Req* r = c->reads.take();
        uint32_t n = least(r->ifcall.count, uint32_t(c->inlen));
        memmove(r->rbuf, c->in, n);
        memmove(c->in, c->in + n, c->inlen - n);
        c->inlen -= n;
        r->ofcall.count = n;
        respond(r, nullptr);
    }
}

void hangup(Conv* c)
{
    if (c->state == State::Hungup)
        return;
    c->state = State::Hungup;
    if (Conv* p = c->peer) {
        c->peer = nullptr;
        p->peer = nullptr;
        answer_reads(p);  // end of file for the other end
    }
    while (Req* r = c->listens.take())
        respond(r, Ehungup);
    while (c->ncalls > 0)
        hangup(c->calls[--c->ncalls]);
    answer_reads(c);
}

void release(Conv* c)
{
    if (--c->opens == 0)
        hangup(c);
}

// Give the listen open r the call s: its fid becomes s's ctl.
void take_call(Req* r, Conv* s)
{
    r->fid->aux = s;
    s->opens++;
    respond(r, nullptr);
}

int parse_port(const char* s)
{
    const char* bang = strrchr(s, '!');
    const char* p = bang ? bang + 1 : s;
    char* end;
    long port = strtol(p, &end, 10);
    return *p && !*end && port > 0 && port < 65536 ? int(port) : -1;
}

const char* connect(Conv* c, const char* addr)
{
    int port = parse_port(addr);
    if (port < 0)
        return "bad address";
    Conv* a = nullptr;
    for (int i = 0; i < nconv && !a; i++)
        if (convs[i]->state == State::Announced && convs[i]->port == port)
            a = convs[i];
    if (!a)
        return Erefused;
    if (!a->listens.head && a->ncalls == nelem(a->calls))
        return Erefused;
    Conv* s = newconv();
    if (!s)
        return "no free conversations";
    c->state = s->state = State::Connected;
    c->peer = s;
    s->peer = c;
    c->port = port;
    s->port = port;
    snprint(c->remote, sizeof c->remote, "%s", addr);
    snprint(s->remote, sizeof s->remote, "127.0.0.1!%d", 50000 + c->n);
    if (Req* l = a->listens.take())
        take_call(l, s);
    else
        a->calls[a->ncalls++] = s;
    return nullptr;
}

const char* ctl(Conv* c, char* msg)
{
    char* args[4];
    int n = tokenize(msg, args, nelem(args));
    if (n == 2 && strcmp(args[0], "connect") == 0)
        return c->state == State::Idle ? connect(c, args[1]) : Eaddrinuse;
    if (n == 2 && strcmp(args[0], "announce") == 0) {
        int port = parse_port(args[1]);
        if (port < 0)
            return "bad address";
        for (int i = 0; i < nconv; i++)
            if (convs[i]->state == State::Announced && convs[i]->port == port)
                return Eaddrinuse;
        if (c->state != State::Idle)
            return Eaddrinuse;
        c->state = State::Announced;
        c->port = port;
        return nullptr;
    }
    if (n == 2 && strcmp(args[0], "accept") == 0)
        return nullptr;
    if (n >= 2 && strcmp(args[0], "reject") == 0) {
        int k = atoi(args[1]);
        if (k < 0 || k >= nconv)
            return "bad conversation";
        hangup(convs[k]);
        return nullptr;
    }
    if (n == 1 && strcmp(args[0], "hangup") == 0) {
        hangup(c);
        return nullptr;
    }
    return Ebadctl;
}

// cs: net!host!service to "clone where", where is host!port, or the port for host *.
const char* translate(const char* addr, char* out, size_t nout)
{
    char buf[128];
    snprint(buf, sizeof buf, "%s", addr);
    char* f[4];
    if (getfields(buf, f, 4, 0, "!") != 3 || (strcmp(f[0], "tcp") != 0 && strcmp(f[0], "net") != 0))
        return "can't translate address";
    static const struct {
        const char* name;
        int port;
    } services[] = { { "9fs", 564 }, { "exportfs", 17007 }, { "rexexec", 17009 }, { "cpu", 17013 } };
    int port = parse_port(f[2]);
    for (const auto& s : services)
        if (strcmp(f[2], s.name) == 0)
            port = s.port;
    if (port < 0)
        return "can't translate service";
    if (strcmp(f[1], "*") == 0)
        snprint(out, nout, "%s/tcp/clone %d", mtpt, port);
    else
        snprint(out, nout, "%s/tcp/clone %s!%d", mtpt, f[1], port);
    return nullptr;
}

Node* node(Fid* f)
{
    return static_cast<Node*>(f->file->aux);
}

void fsopen(Req* r)
{
    Node* n = node(r->fid);
    if (!n) {
        respond(r, nullptr);
        return;
    }
    switch (n->kind) {
    case Kind::Clone: {
        Conv* c = newconv();
        if (!c) {
            respond(r, "no free conversations");
            return;
        }
        r->fid->aux = c;
        c->opens++;
        respond(r, nullptr);
        return;
    }
    case Kind::Ctl:
    case Kind::Data:
        if (n->conv->state == State::Hungup) {
            respond(r, Ehungup);
            return;
        }
        r->fid->aux = n->conv;
        n->conv->opens++;
        respond(r, nullptr);
        return;
    case Kind::Listen: {
        Conv* a = n->conv;
        if (a->state != State::Announced) {
            respond(r, "not announced");
            return;
        }
        if (a->ncalls > 0) {
            Conv* s = a->calls[0];
            memmove(a->calls, a->calls + 1, --a->ncalls * sizeof a->calls[0]);
            take_call(r, s);
            return;
        }
        a->listens.put(r);
        return;
    }
    default:
        respond(r, nullptr);
    }
}

void reply_text(Req* r, const char* s)
{
    size_t len = strlen(s);
    uint64_t off = r->ifcall.offset;
    uint32_t n = off >= len ? 0 : least(r->ifcall.count, uint32_t(len - off));
    memmove(r->rbuf, s + off, n);
    r->ofcall.count = n;
    respond(r, nullptr);
}

const char* state_name(State s)
{
    static const char* const names[] = { "Idle", "Announced", "Established", "Closed" };
    return names[int(s)];
}

void fsread(Req* r)
{
    Node* n = node(r->fid);
    char buf[128];
    if (!n) {  // cs
        reply_text(r, r->fid->aux ? static_cast<char*>(r->fid->aux) : "");
        return;
    }
    Conv* c = n->conv ? n->conv : static_cast<Conv*>(r->fid->aux);
    switch (n->kind) {
    case Kind::Clone:
    case Kind::Ctl:
    case Kind::Listen:
        snprint(buf, sizeof buf, "%d", static_cast<Conv*>(r->fid->aux)->n);
        reply_text(r, buf);
        return;
    case Kind::Data:
        if (c->state == State::Idle || c->state == State::Announced) {
            respond(r, Enotconn);
            return;
        }
        c->reads.put(r);
        answer_reads(c);
        return;
    case Kind::Local:
        snprint(buf, sizeof buf, "127.0.0.1!%d\n", c->port);
        break;
    case Kind::Remote:
        snprint(buf, sizeof buf, "%s\n", c->remote[0] ? c->remote : "::!0");
        break;
    default:
        snprint(buf, sizeof buf, "%s\n", state_name(c->state));
    }
    reply_text(r, buf);
}

void fswrite(Req* r)
{
    Node* n = node(r->fid);
    uint32_t count = r->ifcall.count;
    r->ofcall.count = count;
    if (!n) {  // cs
        char addr[128];
        snprint(addr, sizeof addr, "%.*s", int(least(count, sizeof addr - 1)), r->ifcall.data);
        auto* answer = static_cast<char*>(r->fid->aux);
        if (!answer)
            r->fid->aux = answer = static_cast<char*>(malloc(256));
        answer[0] = 0;
        respond(r, translate(addr, answer, 256));
        return;
    }
    auto* c = static_cast<Conv*>(r->fid->aux);
    if (n->kind == Kind::Data) {
        Conv* p = c->peer;
        if (!p) {
            respond(r, Ehungup);
            return;
        }
        if (p->inlen + count > p->incap) {
            p->incap = (p->inlen + count) * 2;
            p->in = static_cast<uint8_t*>(realloc(p->in, p->incap));
        }
        memmove(p->in + p->inlen, r->ifcall.data, count);
        p->inlen += count;
        answer_reads(p);
        respond(r, nullptr);
        return;
    }
    char msg[256];
    snprint(msg, sizeof msg, "%.*s", int(least(count, sizeof msg - 1)), r->ifcall.data);
    if (char* nl = strchr(msg, '\n'))
        *nl = 0;
    respond(r, ctl(c, msg));
}

void fsflush(Req* r)
{
    Req* old = r->oldreq;
    for (int i = 0; i < nconv; i++)
        if (convs[i]->reads.remove(old) || convs[i]->listens.remove(old))
            respond(old, Eintr);
    respond(r, nullptr);
}

void fsdestroyfid(Fid* f)
{
    if (!f->aux || !f->file)
        return;
    if (!node(f))
        free(f->aux);  // cs's answer
    else if (f->omode >= 0)
        release(static_cast<Conv*>(f->aux));
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "loopnet";
    ARGBEGIN {
    case 'm':
        mtpt = EARGF(sysfatal("usage: loopnet [-m mtpt]"));
        break;
    default:
        sysfatal("usage: loopnet [-m mtpt]");
    } ARGEND
    Srv fs;
    fs.tree = alloctree(getuser(), getuser(), DMDIR | 0555, nullptr);
    const char* err = nullptr;
    File* cs = createfile(fs.tree->root, "cs", getuser(), 0666, nullptr, &err);
    tcpdir = cs ? createfile(fs.tree->root, "tcp", getuser(), DMDIR | 0555, nullptr, &err) : nullptr;
    File* clone = tcpdir ? createfile(tcpdir, "clone", getuser(), 0666, new Node { Kind::Clone, nullptr }, &err) : nullptr;
    if (!clone)
        sysfatal("createfile: %s", err);
    closefile(cs);
    closefile(clone);
    fs.open = fsopen;
    fs.read = fsread;
    fs.write = fswrite;
    fs.flush = fsflush;
    fs.destroyfid = fsdestroyfid;
    if (postmountsrv(&fs, "loopnet", mtpt, MREPL) < 0)
        sysfatal("%r");
    exits(nullptr);
}
