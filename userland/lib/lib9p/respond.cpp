// Answering requests: respond records the server's verdict, the reply's effects on the
// connection are made (a walked fid takes its place, an open fid its mode, a removed
// file leaves the tree), the R-message goes out and the Req is freed. A Tflush is never
// answered before the request it flushes: its Rflush waits on that request's flushers
// list and goes out right after its reply. A flushed request (conn nil) sends nothing.
// respond may come from any process: it holds Srv::lock throughout.
#include "lib9/error.h"
#include "lib9/sys.h"
#include "lib9p/file.h"
#include "lib9p/proto.h"

namespace {

void rwalk(Req* r)
{
    Fcall& t = r->ifcall;
    Fcall& o = r->ofcall;
    if (o.nwqid > t.nwname)
        o.nwqid = t.nwname;
    if (!r->error && o.nwqid == t.nwname) {
        if (o.nwqid > 0)
            r->newfid->qid = o.wqid[o.nwqid - 1];  // a server's own walk need not set it
        if (t.newfid == t.fid)
            Proto::replacefid(r->conn, r->fid, r->newfid);
        return;
    }
    // walk(5): only a failure at the first name is an error; newfid is not made either way.
    if (t.newfid != t.fid)
        Proto::unreserve(r->conn, r->newfid);
    if (o.nwqid > 0)
        r->error = nullptr;
    else if (!r->error)
        r->error = Enonexist;
}

void ropen(Req* r)
{
    if (r->error)
        return;
    r->fid->omode = r->ifcall.mode;
    r->fid->qid = r->ofcall.qid;
    r->fid->diroffset = 0;
    r->fid->dirindex = 0;
}

void rread(Req* r)
{
    if (r->error)
        return;
    if (r->ofcall.count > r->ifcall.count)
        r->ofcall.count = r->ifcall.count;
    if (r->ofcall.count && !r->ofcall.data) {
        r->error = Ebotch;  // the server's mistake: there is nothing to send
        return;
    }
    if (r->fid->qid.type & QTDIR)
        r->fid->diroffset = r->ifcall.offset + r->ofcall.count;
}

void rstat(Req* r)
{
    if (r->error)
        return;
    size_t n = sizeD2M(&r->d);
    if (n > STATMAX) {
        r->error = Etoobig;
        return;
    }
    r->statbuf = new uint8_t[n];
    r->ofcall.nstat = uint16_t(convD2M(&r->d, r->statbuf, n));
    r->ofcall.stat = r->statbuf;
}

// The reply's effects on the connection and the tree, made while the client waits for it.
void complete(Req* r)
{
    Fcall& t = r->ifcall;
    Fcall& o = r->ofcall;
    switch (t.type) {
    case Tauth:
        if (r->error)
            Proto::unreserve(r->conn, r->afid);
        else
            r->afid->qid = o.qid;
        break;
    case Tattach:
        if (r->error)
            Proto::unreserve(r->conn, r->fid);
        else
            r->fid->qid = o.qid;
        break;
    case Twalk:
        rwalk(r);
        break;
    case Topen:
    case Tcreate:
        ropen(r);
        break;
    case Tread:
        rread(r);
        break;
    case Twrite:
        if (!r->error && o.count > t.count)
            o.count = t.count;
        break;
    case Tremove:
        if (!r->error && r->fid->file)
            r->error = removefile(r->fid->file);
        break;
    case Tstat:
        rstat(r);
        break;
    case Twstat:
        if (!r->error && r->fid->file)
            wstatapply(r->fid->file, &r->d);
        break;
    case Tflush:
        r->error = nullptr;  // flush(5): a Tflush cannot fail
        break;
    }
}

void destroy(Req* r)
{
    if (r->srv->destroyreq)
        r->srv->destroyreq(r);
    Fid* fids[] = {r->fid, r->newfid, r->afid};
    for (Fid* f : fids)
        if (f)
            fidput(f);
    delete[] r->dstrs;
    delete[] r->statbuf;
    Proto::freereq(r);
}

void finish(Req* r)
{
    if (Conn* c = r->conn) {
        complete(r);
        Proto::untag(c, r);  // the tag is free before the client can see the reply
        if (r->error)
            Proto::send_error(c, r->tag, r->error);
        else {
            r->ofcall.type = uint8_t(r->ifcall.type + 1);
            r->ofcall.tag = r->tag;
            if (r->ofcall.type == Rread)
                Proto::send_rread(c, r);
            else
                Proto::send(c, &r->ofcall);
        }
    }
    while (Req* f = r->flushers) {
        r->flushers = f->fnext;
        f->fnext = nullptr;
        f->oldreq = nullptr;
        if (f->responded)
            finish(f);
    }
    destroy(r);
}

}  // namespace

void respond(Req* r, const char* error)
{
    Srvguard g(r->srv);  // the Srv outlives r, which finish frees
    r->error = error;
    r->responded = true;
    if (r->ifcall.type == Tflush && r->oldreq)
        return;  // finish(oldreq) sends it
    finish(r);
}

void Proto::flushreq(Req* r)
{
    Conn* c = r->conn;
    if (!c)
        return;
    untag(c, r);
    if (Fid* f = reservedfid(r))
        unreserve(c, f);
    r->conn = nullptr;
    r->flushed = true;
}

Fid* reservedfid(Req* r)
{
    switch (r->ifcall.type) {
    case Tauth:
        return r->afid;
    case Tattach:
        return r->fid;
    case Twalk:
        return r->ifcall.newfid != r->ifcall.fid ? r->newfid : nullptr;
    }
    return nullptr;
}

Fid* allocfid(Srv* srv, uint32_t fid)
{
    Fid* f = new Fid;
    f->fid = fid;
    f->srv = srv;
    return f;
}

void fidput(Fid* f)
{
    if (--f->ref > 0)
        return;
    if (f->omode != -1 && (f->omode & ORCLOSE) && f->file)
        (void)removefile(f->file);
    if (f->srv->destroyfid)
        f->srv->destroyfid(f);
    if (f->file)
        closefile(f->file);
    delete[] f->uid;
    delete f;
}
