// One 9P message as text, in the words of Plan 9's fcallfmt (for chatty9p and -d).
#include "libc.h"
#include "lib9p/serve.h"

namespace {

// Appends to [*p, e): a bounded string builder over snprint.
struct Out {
    char* p;
    char* e;
    template <typename... A>
    void add(const char* fmt, A... a)
    {
        if (p < e)
            p += snprint(p, e - p, fmt, a...);
    }
    void str(const char* label, Str s) { add(" %s '%.*s'", label, int(s.n), s.p); }
    void qid(Qid q)
    {
        add(" (%.16llux %ud ", q.path, q.vers);
        add("%s%s%s)", q.type & QTDIR ? "d" : "", q.type & QTAPPEND ? "a" : "", q.type & QTAUTH ? "A" : "");
    }
};

const char* const names[] = { "Tversion", "Rversion", "Tauth", "Rauth", "Tattach", "Rattach", "Terror", "Rerror",
    "Tflush", "Rflush", "Twalk", "Rwalk", "Topen", "Ropen", "Tcreate", "Rcreate", "Tread", "Rread", "Twrite",
    "Rwrite", "Tclunk", "Rclunk", "Tremove", "Rremove", "Tstat", "Rstat", "Twstat", "Rwstat" };

void stat(Out& o, const uint8_t* buf, uint16_t n)
{
    Dir d;
    char strs[4 * 256 + 4];
    if (convM2D(buf, n, &d, strs, sizeof strs) == 0) {
        o.add(" stat (bad)");
        return;
    }
    o.add(" stat '%s' '%s' '%s' '%s'", d.name, d.uid, d.gid, d.muid);
    o.qid(d.qid);
    o.add(" m %#luo at %lud mt %lud l %llud t %ud d %ud", ulong(d.mode), ulong(d.atime), ulong(d.mtime),
        uvlong(d.length), uint(d.type), uint(d.dev));
}

}  // namespace

char* fcallstr(const Fcall* f)
{
    char* buf = static_cast<char*>(malloc(1024));
    if (!buf)
        return nullptr;
    Out o { buf, buf + 1024 };
    *buf = 0;
    if (f->type < Tversion || f->type > Rwstat) {
        o.add("unknown type %d", f->type);
        return buf;
    }
    o.add("%s tag %ud", names[f->type - Tversion], f->tag);
    switch (f->type) {
    case Tversion:
    case Rversion:
        o.add(" msize %ud", f->msize);
        o.str("version", f->version);
        break;
    case Tauth:
        o.add(" afid %d", int(f->afid));
        o.str("uname", f->uname);
        o.str("aname", f->aname);
        break;
    case Tattach:
        o.add(" fid %d afid %d", int(f->fid), int(f->afid));
        o.str("uname", f->uname);
        o.str("aname", f->aname);
        break;
    case Rauth:
    case Rattach:
        o.add(" qid");
        o.qid(f->qid);
        break;
    case Rerror:
        o.str("ename", f->ename);
        break;
    case Tflush:
        o.add(" oldtag %ud", f->oldtag);
        break;
    case Twalk:
        o.add(" fid %d newfid %d nwname %d", int(f->fid), int(f->newfid), f->nwname);
        for (int i = 0; i < f->nwname && i < MAXWELEM; i++)
            o.add(" %d:%.*s", i, int(f->wname[i].n), f->wname[i].p);
        break;
    case Rwalk:
        o.add(" nwqid %d", f->nwqid);
        for (int i = 0; i < f->nwqid && i < MAXWELEM; i++) {
            o.add(" %d:", i);
            o.qid(f->wqid[i]);
        }
        break;
    case Topen:
        o.add(" fid %d mode %d", int(f->fid), f->mode);
        break;
    case Tcreate:
        o.add(" fid %d name '%.*s' perm %#luo mode %d", int(f->fid), int(f->name.n), f->name.p, ulong(f->perm),
            f->mode);
        break;
    case Ropen:
    case Rcreate:
        o.add(" qid");
        o.qid(f->qid);
        o.add(" iounit %ud", f->iounit);
        break;
    case Tread:
    case Twrite:
        o.add(" fid %d offset %lld count %ud", int(f->fid), vlong(f->offset), f->count);
        break;
    case Rread:
    case Rwrite:
        o.add(" count %ud", f->count);
        break;
    case Tclunk:
    case Tremove:
    case Tstat:
        o.add(" fid %d", int(f->fid));
        break;
    case Rstat:
        stat(o, f->stat, f->nstat);
        break;
    case Twstat:
        o.add(" fid %d", int(f->fid));
        stat(o, f->stat, f->nstat);
        break;
    }
    return buf;
}
