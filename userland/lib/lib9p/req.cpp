// The request handlers: each checks a decoded T-message against the protocol and the
// connection's state (fids, open modes, directory offsets; with a Tree, permissions and
// names), then calls the server or answers by itself. Every path ends in exactly one
// respond. What a reply changes in the fid table is done after the server answers
// (respond.cpp), so a failed or flushed request changes nothing the client can see.
#include "lib9/error.h"
#include "lib9/sys.h"
#include "lib9p/file.h"
#include "lib9p/proto.h"

namespace {

uint32_t clip(uint32_t count, Conn* c) { return clipcount(count, Proto::msize(c)); }

// The access an open mode asks for.
uint32_t modeperm(int mode)
{
    static constexpr uint32_t perm[4] = {DMREAD, DMWRITE, DMREAD | DMWRITE, DMEXEC};
    return perm[mode & 3] | (mode & OTRUNC ? uint32_t(DMWRITE) : 0);
}

bool isdir(const Fid* f) { return f->qid.type & QTDIR; }

// A string of the request held a NUL byte: it ends early.
bool nulinside(Str s) { return __builtin_strlen(s.p) != s.n; }

Fid* clonefid(Fid* f, uint32_t newid)
{
    Fid* nf = allocfid(f->srv, newid);
    nf->qid = f->qid;
    nf->uid = dupstr(f->uid);
    nf->file = f->file;
    if (nf->file)
        incref(nf->file);
    return nf;
}

void sauth(Req* r)
{
    if (!r->srv->auth) {
        respond(r, Enoauth);
        return;
    }
    Fid* af = allocfid(r->srv, r->ifcall.afid);
    af->uid = dupstr(r->ifcall.uname.p);
    af->qid.type = QTAUTH;
    r->afid = af;
    if (!Proto::reservefid(r->conn, af)) {
        r->afid = nullptr;
        fidput(af);
        respond(r, Edupfid);
        return;
    }
    r->srv->auth(r);
}

void sattach(Req* r)
{
    Fid* f = allocfid(r->srv, r->ifcall.fid);
    f->uid = dupstr(r->ifcall.uname.p);
    if (!Proto::reservefid(r->conn, f)) {
        fidput(f);
        respond(r, Edupfid);
        return;
    }
    r->fid = f;
    if (r->ifcall.afid != NOFID) {
        r->afid = Proto::lookupfid(r->conn, r->ifcall.afid);
        if (!r->afid) {
            respond(r, Eunknownfid);
            return;
        }
    }
    if (Tree* t = r->srv->tree) {
        f->file = t->root;
        incref(f->file);
        f->qid = f->file->d.qid;
    }
    r->ofcall.qid = f->qid;
    if (r->srv->attach)
        r->srv->attach(r);
    else
        respond(r, r->srv->tree ? nullptr : Enoattach);
}

void sflush(Req* r)
{
    Req* old = Proto::findreq(r->conn, r->ifcall.oldtag);
    if (!old || old == r) {
        respond(r, nullptr);
        return;
    }
    // A flush of a flush, or a server that cannot stop its work early: the library
    // forgets the old request and the server's eventual answer goes nowhere.
    if (!r->srv->flush || old->ifcall.type == Tflush) {
        Proto::flushreq(old);
        respond(r, nullptr);
        return;
    }
    r->oldreq = old;
    Req** l = &old->flushers;
    while (*l)
        l = &(*l)->fnext;
    *l = r;
    r->srv->flush(r);
}

// The library's own walk, one name at a time: the server's walk1 or the Tree.
const char* walk1(Req* r, Fid* f, const char* name, Qid* qid)
{
    if (r->srv->walk1)
        return r->srv->walk1(f, name, qid);
    File* file = f->file;
    if (!file)
        return Enonexist;
    if (!(file->d.qid.type & QTDIR))
        return Ewalknodir;
    if (!hasperm(file, f->uid, DMEXEC))
        return Eperm;
    File* next = streq(name, "..") ? file->parent : lookupfile(file, name);
    if (!next)
        return Enonexist;
    incref(next);
    closefile(file);
    f->file = next;
    *qid = next->d.qid;
    return nullptr;
}

void swalk(Req* r)
{
    Fid* f = r->fid;
    Fcall& t = r->ifcall;
    if (f->omode != -1) {
        respond(r, Ecloneopen);
        return;
    }
    if (t.nwname && !isdir(f)) {
        respond(r, Ewalknodir);
        return;
    }
    // The walk is made on a clone, which replaces fid only if every name was found.
    Fid* nf = clonefid(f, t.newfid);
    r->newfid = nf;
    if (t.newfid != t.fid && !Proto::reservefid(r->conn, nf)) {
        respond(r, Edupfid);
        return;
    }
    if (r->srv->clone)
        if (const char* err = r->srv->clone(f, nf)) {
            respond(r, err);
            return;
        }
    if (t.nwname == 0) {
        respond(r, nullptr);
        return;
    }
    if (r->srv->walk) {
        r->srv->walk(r);
        return;
    }
    if (!r->srv->walk1 && !r->srv->tree) {
        respond(r, Enonexist);
        return;
    }
    const char* err = nullptr;
    int i = 0;
    for (; i < t.nwname; i++) {
        Qid q;
        err = nulinside(t.wname[i]) ? Enonexist : walk1(r, nf, t.wname[i].p, &q);
        if (err)
            break;
        nf->qid = q;
        r->ofcall.wqid[i] = q;
    }
    r->ofcall.nwqid = uint16_t(i);
    respond(r, i == 0 ? err : nullptr);
}

void sopen(Req* r)
{
    Fid* f = r->fid;
    int mode = r->ifcall.mode;
    if (f->omode != -1) {
        respond(r, Ebotch);
        return;
    }
    if (isdir(f) && (((mode & 3) != OREAD && (mode & 3) != OEXEC) || (mode & (OTRUNC | ORCLOSE)))) {
        respond(r, Eisdir);
        return;
    }
    if (File* file = f->file) {
        if (!hasperm(file, f->uid, modeperm(mode)) ||
            ((mode & ORCLOSE) && (file->removed || !hasperm(file->parent, f->uid, DMWRITE)))) {
            respond(r, Eperm);
            return;
        }
        f->qid = file->d.qid;
    }
    r->ofcall.qid = f->qid;
    if (r->srv->open)
        r->srv->open(r);
    else
        respond(r, nullptr);
}

void screate(Req* r)
{
    Fid* f = r->fid;
    Fcall& t = r->ifcall;
    if (f->omode != -1) {
        respond(r, Ebotch);
        return;
    }
    if (!isdir(f)) {
        respond(r, Ecreatenondir);
        return;
    }
    if (nulinside(t.name) || !goodname(t.name.p)) {
        respond(r, Ebadchar);
        return;
    }
    if (t.name.n > NAMEMAX) {
        respond(r, Elongname);
        return;
    }
    if ((t.perm & DMDIR) && ((t.mode & 3) != OREAD || (t.mode & OTRUNC))) {
        respond(r, Eisdir);
        return;
    }
    if (File* dir = f->file) {
        if (!hasperm(dir, f->uid, DMWRITE)) {
            respond(r, Eperm);
            return;
        }
        if (lookupfile(dir, t.name.p)) {
            respond(r, Eexist);
            return;
        }
        uint32_t keep = t.perm & DMDIR ? 0777 : 0666;  // open(5)
        t.perm &= ~keep | (dir->d.mode & keep);
    }
    if (r->srv->create)
        r->srv->create(r);
    else
        respond(r, Ecreateprohibited);
}

void sread(Req* r)
{
    Fid* f = r->fid;
    Fcall& t = r->ifcall;
    bool auth = f->qid.type & QTAUTH;
    if (!auth && (f->omode == -1 || (f->omode & 3) == OWRITE)) {
        respond(r, Ebotch);
        return;
    }
    t.count = clip(t.count, r->conn);
    if (isdir(f)) {
        if (t.offset != 0 && t.offset != f->diroffset) {
            respond(r, Ebadoffset);
            return;
        }
        if (t.offset == 0)
            f->dirindex = 0;
    }
    r->ofcall.data = r->rbuf;  // its room was made with the Req, for this count
    r->ofcall.count = 0;
    if (isdir(f) && f->file)
        respond(r, treedirread(r));
    else if (r->srv->read)
        r->srv->read(r);
    else
        respond(r, Enoread);
}

void swrite(Req* r)
{
    Fid* f = r->fid;
    bool auth = f->qid.type & QTAUTH;
    if (!auth && (f->omode == -1 || (f->omode & 3) == OREAD || (f->omode & 3) == OEXEC)) {
        respond(r, Ebotch);
        return;
    }
    r->ifcall.count = clip(r->ifcall.count, r->conn);
    if (r->srv->write)
        r->srv->write(r);
    else
        respond(r, Enowrite);
}

void sremove(Req* r)
{
    Fid* f = r->fid;
    if (File* file = f->file) {
        if (file->removed) {
            respond(r, Enonexist);
            return;
        }
        if (file->parent == file || !hasperm(file->parent, f->uid, DMWRITE)) {
            respond(r, Eperm);
            return;
        }
        if (file->nkids) {
            respond(r, Enotempty);
            return;
        }
    }
    if (r->srv->remove)
        r->srv->remove(r);
    else
        respond(r, f->file ? nullptr : Enoremove);
}

void sstat(Req* r)
{
    if (File* file = r->fid->file)
        r->d = file->d;
    if (r->srv->stat)
        r->srv->stat(r);
    else
        respond(r, r->fid->file ? nullptr : Enostat);
}

void swstat(Req* r)
{
    Fid* f = r->fid;
    Fcall& t = r->ifcall;
    Dir& d = r->d;
    if (statcheck(t.stat, t.nstat) < 0) {
        respond(r, Ebadstat);
        return;
    }
    r->dstrs = new char[t.nstat];
    if (convM2D(t.stat, t.nstat, &d, r->dstrs, t.nstat) == 0) {
        respond(r, Ebadstat);
        return;
    }
    // stat(5): the qid and the directory bit are the server's to choose.
    const Qid& q = f->file ? f->file->d.qid : f->qid;
    if ((d.qid.type != 0xFF && d.qid.type != q.type) || (d.qid.vers != ~0u && d.qid.vers != q.vers) ||
        (d.qid.path != ~0ull && d.qid.path != q.path) ||
        (d.mode != ~0u && bool(d.mode & DMDIR) != isdir(f))) {
        respond(r, Eperm);
        return;
    }
    if (f->file)
        if (const char* err = wstatcheck(f->file, &d, f->uid)) {
            respond(r, err);
            return;
        }
    if (r->srv->wstat)
        r->srv->wstat(r);
    else
        respond(r, f->file ? nullptr : Enowstat);
}

}  // namespace

bool goodname(const char* name)
{
    if (!name[0] || streq(name, ".") || streq(name, ".."))
        return false;
    for (const char* p = name; *p; p++)
        if (*p == '/')
            return false;
    return true;
}

void Proto::dispatch(Req* r)
{
    Fcall& t = r->ifcall;
    switch (t.type) {
    case Tauth:
        sauth(r);
        return;
    case Tattach:
        sattach(r);
        return;
    case Tflush:
        sflush(r);
        return;
    case Tclunk:
    case Tremove:
        // The fid goes whatever the answer.
        r->fid = removefid(r->conn, t.fid);
        if (!r->fid)
            respond(r, Eunknownfid);
        else if (t.type == Tclunk)
            respond(r, nullptr);
        else
            sremove(r);
        return;
    }
    r->fid = lookupfid(r->conn, t.fid);
    if (!r->fid) {
        respond(r, Eunknownfid);
        return;
    }
    switch (t.type) {
    case Twalk:
        swalk(r);
        break;
    case Topen:
        sopen(r);
        break;
    case Tcreate:
        screate(r);
        break;
    case Tread:
        sread(r);
        break;
    case Twrite:
        swrite(r);
        break;
    case Tstat:
        sstat(r);
        break;
    case Twstat:
        swstat(r);
        break;
    }
}
