// ramfs [-i] [-s] [-S srvname] [-m mtpt]: a file server keeping every file in memory,
// as ramfs(4). lib9p's Tree holds the names, modes and owners and checks permissions
// against the user who attached; a file's bytes are a malloc'd buffer in File.aux. With
// -i it serves 9P on fds 0 and 1; otherwise it posts itself in /srv (-s, -S) or mounts
// itself on mtpt (default /tmp) and returns at once, leaving the server running.
#include "libc.h"
#include "lib9p/file.h"
#include "lib9p/serve.h"

namespace {

constexpr uint64_t Maxlength = 1u << 30;  // well below what 32-bit memory can hold

// data is RREADHDR bytes into its malloc'd block: lib9p puts a read's reply header there
// (Req::headroom), so the reply is one write. ramfs is one process, as headroom asks.
struct Ram {
    uchar* data = nullptr;
    usize alloc = 0;  // bytes from data on
};

Ram* ram(File* f) { return static_cast<Ram*>(f->aux); }
uchar* block(Ram* r) { return r->data ? r->data - RREADHDR : nullptr; }  // what malloc gave

// Makes f's buffer hold len bytes, zero-filling any growth; nil or an error.
const char* setlength(File* f, uint64_t len)
{
    Ram* r = ram(f);
    if (len > Maxlength)
        return Etoobig;
    if (len > r->alloc) {
        usize n = usize(len) + usize(len) / 2 + 64;
        if (n > Maxlength)
            n = usize(len);
        uchar* p = static_cast<uchar*>(realloc(block(r), RREADHDR + n));
        if (!p)
            return Enovmem;
        r->data = p + RREADHDR;
        r->alloc = n;
    }
    if (len > f->d.length)
        memset(r->data + f->d.length, 0, usize(len - f->d.length));
    f->d.length = len;
    return nullptr;
}

void fsopen(Req* r)
{
    File* f = r->fid->file;
    if ((r->ifcall.mode & OTRUNC) && f->d.length) {
        (void)setlength(f, 0);
        filemodified(f, r->fid->uid);
    }
    respond(r, nullptr);
}

void fscreate(Req* r)
{
    const char* err;
    Ram* aux = r->ifcall.perm & DMDIR ? nullptr : new Ram;
    File* f = createfile(r->fid->file, r->ifcall.name.p, r->fid->uid, r->ifcall.perm, aux, &err);
    if (!f) {
        delete aux;
        respond(r, err);
        return;
    }
    closefile(r->fid->file);
    r->fid->file = f;
    r->ofcall.qid = f->d.qid;
    respond(r, nullptr);
}

void fsread(Req* r)
{
    File* f = r->fid->file;
    uint64_t off = r->ifcall.offset;
    uint32_t n = 0;
    if (off < f->d.length) {
        uint64_t left = f->d.length - off;
        n = left < r->ifcall.count ? uint32_t(left) : r->ifcall.count;
    }
    r->ofcall.data = n ? ram(f)->data + off : r->rbuf;
    r->ofcall.count = n;
    r->headroom = true;
    respond(r, nullptr);
}

void fswrite(Req* r)
{
    File* f = r->fid->file;
    uint64_t off = f->d.mode & DMAPPEND ? f->d.length : r->ifcall.offset;
    uint32_t n = r->ifcall.count;
    if (off > Maxlength || off + n > Maxlength) {
        respond(r, Etoobig);
        return;
    }
    if (off + n > f->d.length)
        if (const char* err = setlength(f, off + n)) {
            respond(r, err);
            return;
        }
    if (n) {
        memmove(ram(f)->data + off, r->ifcall.data, n);
        filemodified(f, r->fid->uid);
    }
    r->ofcall.count = n;
    respond(r, nullptr);
}

// lib9p has checked the changes and makes them to the tree after this answer; the
// length is the one change the data must follow first.
void fswstat(Req* r)
{
    File* f = r->fid->file;
    if (r->d.length != ~0ull && r->d.length != f->d.length) {
        if (const char* err = setlength(f, r->d.length)) {
            respond(r, err);
            return;
        }
        filemodified(f, r->fid->uid);
    }
    respond(r, nullptr);
}

void fsdestroy(File* f)
{
    if (Ram* r = ram(f)) {
        free(block(r));
        delete r;
    }
}

uint32_t now() { return uint32_t(time(nullptr)); }

[[noreturn]] void usage()
{
    fprint(2, "usage: ramfs [-i] [-s] [-S srvname] [-m mtpt]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "ramfs";
    const char* srvname = nullptr;
    const char* mtpt = "/tmp";
    bool stdio = false;
    ARGBEGIN {
    case 'i':
        stdio = true;
        break;
    case 's':
        srvname = "ramfs";
        mtpt = nullptr;
        break;
    case 'S':
        srvname = EARGF(usage());
        mtpt = nullptr;
        break;
    case 'm':
        mtpt = EARGF(usage());
        break;
    default:
        usage();
    } ARGEND
    if (argc != 0)
        usage();

    Srv fs;
    fs.tree = alloctree(getuser(), getuser(), DMDIR | 0777, fsdestroy);
    fs.tree->now = now;
    fs.open = fsopen;
    fs.create = fscreate;
    fs.read = fsread;
    fs.write = fswrite;
    fs.wstat = fswstat;
    fs.msize = 128 * 1024 + IOHDRSZ;  // big reads and writes in one message when the client asks
    if (stdio) {
        if (srv(&fs, 0, 1) < 0)
            sysfatal("srv: %r");
        exits(nullptr);
    }
    if (postmountsrv(&fs, srvname, mtpt, MREPL | MCREATE) < 0)
        sysfatal("%r");
    exits(nullptr);
}
