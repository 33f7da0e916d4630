// toysrv (see toysrv.h). One process, one message at a time; a read of slow or stuck is
// left unanswered and the server goes on with the next message.
#include "toysrv.h"
#include "libc.h"
#include "lib9/fcall.h"

namespace {

constexpr uint32_t MAXMSIZE = 64 * 1024 + IOHDRSZ;
constexpr int NFIDS = 512;
enum : uint64_t { Qroot, Qdata, Qslow, Qstuck, Qfids, NQID };
const char* const names[NQID] = { "/", "data", "slow", "stuck", "fids" };

struct Fid {
    bool used;
    uint32_t fid;
    uint64_t q;
};

struct Server {
    int fd;
    uint32_t state;  // the generator
    int badness;
    uint32_t msize = 8192 + IOHDRSZ;
    Fid fids[NFIDS];
    uint16_t slowtag = NOTAG;  // the unanswered read of slow or walk to slowwalk
    uint16_t stucktag = NOTAG;
    uint8_t in[MAXMSIZE], out[MAXMSIZE + 64], scratch[MAXMSIZE], entry[512];
    char text[32];
    long answered = 0;

    uint32_t rand()
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }
};

Str str(const char* s)
{
    return Str { s, static_cast<uint16_t>(strlen(s)) };
}

Qid qid_of(uint64_t q)
{
    return Qid { q, 0, q == Qroot ? QTDIR : QTFILE };
}

Fid* fid_of(Server& s, uint32_t fid)
{
    for (Fid& f : s.fids)
        if (f.used && f.fid == fid)
            return &f;
    return nullptr;
}

int nfids(Server& s)
{
    int n = 0;
    for (Fid& f : s.fids)
        n += f.used;
    return n;
}

Fid* fid_new(Server& s, uint32_t fid)
{
    if (fid_of(s, fid))
        return nullptr;
    for (Fid& f : s.fids) {
        if (!f.used) {
            f = Fid { true, fid, Qroot };
            return &f;
        }
    }
    return nullptr;
}

uint32_t stat_of(uint64_t q, uint8_t* buf, uint32_t n)
{
    Dir d;
    d.qid = qid_of(q);
    d.mode = q == Qroot ? DMDIR | 0555 : 0666;
    d.length = q == Qdata ? 64 : 0;
    d.name = names[q];
    d.uid = d.gid = d.muid = "toy";
    return convD2M(&d, buf, n);
}

// Directory entries from the one at offset on (offsets fall on entry boundaries).
uint32_t read_dir(Server& s, uint64_t offset, uint32_t count, uint8_t* out)
{
    uint32_t pos = 0, n = 0;
    for (uint64_t q = Qdata; q < NQID; q++) {
        uint32_t len = stat_of(q, s.entry, sizeof s.entry);
        if (pos >= offset) {
            if (n + len > count)
                break;
            memcpy(out + n, s.entry, len);
            n += len;
        }
        pos += len;
    }
    return n;
}

void error(Fcall& r, const char* e)
{
    r.type = Rerror;
    r.ename = str(e);
}

// The honest answer to t in r, or false when no answer is due now.
bool answer(Server& s, const Fcall& t, Fcall& r)
{
    r.type = t.type + 1;
    r.tag = t.tag;
    Fid* f = fid_of(s, t.fid);
    switch (t.type) {
    case Tversion:
        s.msize = t.msize < MAXMSIZE ? t.msize : MAXMSIZE;
        for (Fid& x : s.fids)
            x.used = false;
        r.msize = s.msize;
        r.version = str("9P2000");
        return true;
    case Tauth:
        error(r, "authentication not required");
        return true;
    case Tattach:
        if (!fid_new(s, t.fid))
            error(r, "fid in use");
        else
            r.qid = qid_of(Qroot);
        return true;
    case Tflush:
        if (t.oldtag == s.stucktag)
            return false;
        if (t.oldtag == s.slowtag)
            s.slowtag = NOTAG;
        return true;
    default:
        break;
    }
    if (!f) {
        error(r, "unknown fid");
        return true;
    }
    switch (t.type) {
    case Twalk: {
        if (t.nwname > 0 && t.wname[0].n == 8 && memcmp(t.wname[0].p, "slowwalk", 8) == 0) {
            s.slowtag = t.tag;
            return false;
        }
        uint64_t q = f->q;
        r.nwqid = 0;
        for (int i = 0; i < t.nwname; i++) {
            uint64_t next = NQID;
            if (q == Qroot) {
                if (t.wname[i].n == 2 && memcmp(t.wname[i].p, "..", 2) == 0)
                    next = Qroot;
                for (uint64_t c = Qdata; c < NQID; c++)
                    if (t.wname[i].n == strlen(names[c]) && memcmp(t.wname[i].p, names[c], t.wname[i].n) == 0)
                        next = c;
            }
            if (next == NQID)
                break;
            q = next;
            r.wqid[r.nwqid++] = qid_of(q);
        }
        if (r.nwqid == 0 && t.nwname > 0) {
            error(r, "file does not exist");
        } else if (r.nwqid == t.nwname) {
            Fid* nf = t.newfid == t.fid ? f : fid_new(s, t.newfid);
            if (!nf)
                error(r, "fid in use");
            else
                nf->q = q;
        }
        return true;
    }
    case Topen:
        r.qid = qid_of(f->q);
        return true;
    case Tcreate:
    case Twstat:
        error(r, "permission denied");
        return true;
    case Tremove:
        f->used = false;
        error(r, "permission denied");
        return true;
    case Tclunk:
        f->used = false;
        return true;
    case Tstat:
        r.nstat = stat_of(f->q, s.scratch, sizeof s.scratch);
        r.stat = s.scratch;
        return true;
    case Tread: {
        uint32_t count = t.count < s.msize - IOHDRSZ ? t.count : s.msize - IOHDRSZ;
        r.data = s.scratch;
        r.count = 0;
        if (f->q == Qroot) {
            r.count = read_dir(s, t.offset, count, s.scratch);
        } else if (f->q == Qdata) {
            for (uint64_t i = t.offset; i < 64 && r.count < count; i++)
                s.scratch[r.count++] = "0123456789abcdef"[i % 16];
        } else if (f->q == Qfids) {
            snprint(s.text, sizeof s.text, "%d", nfids(s));
            uint32_t len = strlen(s.text);
            if (t.offset < len) {
                r.count = len - t.offset < count ? len - t.offset : count;
                memcpy(s.scratch, s.text + t.offset, r.count);
            }
        } else {
            (f->q == Qslow ? s.slowtag : s.stucktag) = t.tag;
            return false;
        }
        return true;
    }
    case Twrite:
        if (f->q != Qdata)
            error(r, "permission denied");
        else
            r.count = t.count;
        return true;
    default:
        error(r, "bad message");
        return true;
    }
}

void put32(uint8_t* p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = static_cast<uint8_t>(v >> (8 * i));
}

// Break the encoded reply out[0..*n) in a way chosen by the generator; may also write
// extra bytes to the server's fd. Returns false to send nothing.
bool corrupt(Server& s, const Fcall& t, Fcall& r, uint32_t* n)
{
    uint8_t* out = s.out;
    switch (s.rand() % 13) {
    case 0:  // a tag nobody used (or someone else's)
        out[5] ^= 1 + s.rand() % 3;
        return true;
    case 1:  // a reply of another type
        out[4] = static_cast<uint8_t>(Rversion + 2 * (s.rand() % 14));
        return true;
    case 2:  // a size beyond msize
        put32(out, s.msize + 1 + s.rand() % 100000);
        return true;
    case 3:  // a size below a header
        put32(out, s.rand() % 7);
        return true;
    case 4:  // more walk qids than names
        if (t.type == Twalk && r.type == Rwalk) {
            r.nwqid = t.nwname + 1;
            for (int i = 0; i < r.nwqid; i++)
                r.wqid[i] = qid_of(Qroot);
            *n = convS2M(&r, out, sizeof s.out);
        }
        return true;
    case 5:  // more data than was asked for
        if (t.type == Tread && r.type == Rread) {
            r.count = t.count + 1 + s.rand() % 64;
            if (r.count + IOHDRSZ > s.msize)
                r.count = s.msize - IOHDRSZ;
            r.data = s.scratch;
            *n = convS2M(&r, out, sizeof s.out);
        }
        return true;
    case 6:  // a stat entry that is not one
        if (r.type == Rstat || r.type == Rread) {
            for (uint32_t i = 11; i < *n; i++)
                out[i] = static_cast<uint8_t>(s.rand());
        }
        return true;
    case 7:  // a garbage body behind a good header
        for (uint32_t i = 7; i < *n; i++)
            out[i] = static_cast<uint8_t>(s.rand());
        return true;
    case 8: {  // an error longer than any error string
        Fcall e;
        e.type = Rerror;
        e.tag = r.tag;
        static char longer[600];
        memset(longer, 'e', sizeof longer);
        e.ename = Str { longer, sizeof longer };
        *n = convS2M(&e, out, sizeof s.out);
        return true;
    }
    case 9:  // the same reply twice
        write(s.fd, out, *n);
        return true;
    case 10:  // a truncated message: the framing is lost
        if (*n > 8)
            *n -= 1 + s.rand() % (*n - 8);
        put32(out, *n + 5);
        return true;
    case 11:  // junk between messages
        for (int i = 0; i < 9; i++)
            s.scratch[i] = static_cast<uint8_t>(s.rand());
        write(s.fd, s.scratch, 9);
        return true;
    default:  // no reply at all (the client flushes)
        return s.rand() % 8 != 0;
    }
}

bool read_message(Server& s, uint32_t* len)
{
    if (readn(s.fd, s.in, 4) != 4)
        return false;
    uint32_t n = msg_size(s.in);
    if (n < 7 || n > sizeof s.in)
        return false;
    if (readn(s.fd, s.in + 4, n - 4) != static_cast<long>(n - 4))
        return false;
    *len = n;
    return true;
}

}  // namespace

long toysrv(int fd, unsigned seed, int badness)
{
    auto* s = static_cast<Server*>(malloc(sizeof(Server)));
    if (!s)
        return -1;
    memset(s, 0, sizeof *s);
    s->fd = fd;
    s->state = seed ? seed : 1;
    s->badness = badness;
    s->msize = 8192 + IOHDRSZ;
    s->slowtag = s->stucktag = NOTAG;
    uint32_t len;
    while (read_message(*s, &len)) {
        Fcall t, r;
        if (convM2S(s->in, len, &t) == 0)
            break;
        if (!answer(*s, t, r))
            continue;
        uint32_t n = convS2M(&r, s->out, sizeof s->out);
        if (n == 0)
            break;
        bool send = true;
        if (s->badness && t.type != Tversion && t.type != Tflush && static_cast<int>(s->rand() % 100) < s->badness)
            send = corrupt(*s, t, r, &n);
        if (send && write(fd, s->out, n) != static_cast<long>(n))
            break;
        s->answered++;
        if (t.type == Tflush && t.oldtag != NOTAG && t.oldtag == s->slowtag)
            s->slowtag = NOTAG;
    }
    long answered = s->answered;
    free(s);
    return answered;
}
