// #|: pipes. Each attach makes a new pipe: a directory with data and data1; what is
// written on one end is read on the other. When the last open of an end is closed, the
// queue it writes into is hung up (its reader sees end of file) and the queue it reads
// is hung up too (writers into it get "write on closed pipe").
// Qid paths: Qdir, Qdata, Qdata1; Chan::auxp holds the Pipe.
#include "lib9/sys.h"
#include "port/chan.h"
#include "port/lib.h"
#include "port/qio.h"

namespace {

enum : uint64_t { Qdir, Qdata, Qdata1 };
constexpr uint32_t PIPEQSIZE = 256 * 1024;

struct Pipe {
    int ref = 1;  // chans naming this pipe
    int open[2] = {};  // opens of data and data1
    Queue q[2] { Queue(PIPEQSIZE), Queue(PIPEQSIZE) };  // q[0]: written on data, read on data1
};

const Dirtab pipedir[] = {
    { ".", { Qdir, 0, QTDIR }, 0, DMDIR | 0500 },
    { "data", { Qdata }, 0, 0600 },
    { "data1", { Qdata1 }, 0, 0600 },
};

Pipe* pipe_of(Chan* c) { return static_cast<Pipe*>(c->auxp); }

}  // namespace

class PipeDev final : public TabDev {
public:
    constexpr PipeDev() : TabDev('|', "pipe", pipedir, nelem(pipedir)) {}

    Result<Chan*> attach(const char* spec) override
    {
        Chan* c = TRY(Dev::attach(spec));
        auto* p = new Pipe;
        if (!p) {
            cclose(c);
            return Enomem;
        }
        c->auxp = p;
        return c;
    }

    void clone(Chan* from, Chan*) override
    {
        pipe_of(from)->ref++;
    }

    Result<Chan*> open(Chan* c, int omode) override
    {
        TRY(Dev::open(c, omode));
        if (c->qid.path != Qdir) {
            Pipe* p = pipe_of(c);
            int end = c->qid.path == Qdata ? 0 : 1;
            if (p->open[end]++ == 0) {
                p->q[end].reopen();
                p->q[1 - end].reopen();
            }
        }
        return c;
    }

    [[gnu::hot]] Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.path == Qdir)
            return dirread(c, buf, n, off);
        return pipe_of(c)->q[c->qid.path == Qdata ? 1 : 0].read(buf, n);
    }

    [[gnu::hot]] Result<long> write(Chan* c, const void* buf, long n, uint64_t off) override
    {
        return write2(c, buf, n, nullptr, 0, off);
    }

    [[gnu::hot]] Result<long> write2(Chan* c, const void* head, long nhead, const void* body, long nbody, uint64_t) override
    {
        auto r = pipe_of(c)->q[c->qid.path == Qdata ? 0 : 1].write(head, nhead, body, nbody);
        if (r.is_error() && r.error() == Ehungup)
            return Epipeclosed;
        return r;
    }

    void close(Chan* c) override
    {
        Pipe* p = pipe_of(c);
        if (c->open && c->qid.path != Qdir) {
            int end = c->qid.path == Qdata ? 0 : 1;
            if (--p->open[end] == 0) {
                p->q[end].hangup();
                p->q[1 - end].hangup();
            }
        }
        if (--p->ref == 0)
            delete p;
    }
};

namespace {
PipeDev instance;
}
Dev& pipedev = instance;
