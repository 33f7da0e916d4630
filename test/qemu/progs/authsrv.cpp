// authsrv: a file server that wants authentication, and a client that gives it, for the
// tests of mounts made through /proc/N/ns (which never authenticate).
//   authsrv -s name          post the server as /srv/name: its root holds "secret", whose
//                            contents are "sesame"; an attach needs an auth fid to which
//                            "sesame" was written
//   authsrv -m srvfile mtpt  mount srvfile on mtpt, authenticating with the password
#include "libc.h"
#include "lib9p/file.h"
#include "lib9p/serve.h"

namespace {

constexpr char Password[] = "sesame";

struct Auth {
    bool done = false;
};

void fsauth(Req* r)
{
    r->afid->qid = Qid { ~0ull, 0, QTAUTH };
    r->afid->aux = new Auth;
    r->ofcall.qid = r->afid->qid;
    respond(r, nullptr);
}

void fsattach(Req* r)
{
    auto* a = r->afid ? static_cast<Auth*>(r->afid->aux) : nullptr;
    respond(r, a && a->done ? nullptr : "authentication required");
}

void fsread(Req* r)
{
    const char* text = r->fid->qid.type & QTAUTH ? "" : Password;
    long n = strlen(text);
    long off = r->ifcall.offset < uvlong(n) ? long(r->ifcall.offset) : n;
    r->ofcall.count = r->ifcall.count < uint32_t(n - off) ? r->ifcall.count : n - off;
    memmove(r->rbuf, text + off, r->ofcall.count);
    r->ofcall.data = r->rbuf;
    respond(r, nullptr);
}

void fswrite(Req* r)
{
    if (!(r->fid->qid.type & QTAUTH)) {
        respond(r, "permission denied");
        return;
    }
    auto* a = static_cast<Auth*>(r->fid->aux);
    a->done = r->ifcall.count == strlen(Password) && memcmp(r->ifcall.data, Password, r->ifcall.count) == 0;
    r->ofcall.count = r->ifcall.count;
    respond(r, a->done ? nullptr : "wrong password");
}

void fsdestroyfid(Fid* f)
{
    if (f->qid.type & QTAUTH)
        delete static_cast<Auth*>(f->aux);
}

[[noreturn]] void usage()
{
    fprint(2, "usage: authsrv -s name | -m srvfile mtpt\n");
    exits("usage");
}

void serve(const char* name)
{
    static Srv fs;
    fs.tree = alloctree(getuser(), getuser(), DMDIR | 0555, nullptr);
    const char* err;
    File* f = createfile(fs.tree->root, "secret", getuser(), 0444, nullptr, &err);
    if (!f)
        sysfatal("createfile: %s", err);
    closefile(f);
    fs.auth = fsauth;
    fs.attach = fsattach;
    fs.read = fsread;
    fs.write = fswrite;
    fs.destroyfid = fsdestroyfid;
    if (postmountsrv(&fs, name, nullptr, 0) < 0)
        sysfatal("post %s: %r", name);
}

void authmount(const char* srvfile, const char* mtpt)
{
    int fd = open(srvfile, ORDWR);
    if (fd < 0)
        sysfatal("open %s: %r", srvfile);
    int afd = fauth(fd, "");
    if (afd < 0)
        sysfatal("fauth: %r");
    if (write(afd, Password, strlen(Password)) != long(strlen(Password)))
        sysfatal("authenticate: %r");
    if (mount(fd, afd, mtpt, MREPL, "") < 0)
        sysfatal("mount: %r");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "authsrv";
    if (argc == 3 && strcmp(argv[1], "-s") == 0)
        serve(argv[2]);
    else if (argc == 4 && strcmp(argv[1], "-m") == 0)
        authmount(argv[2], argv[3]);
    else
        usage();
    exits(nullptr);
}
