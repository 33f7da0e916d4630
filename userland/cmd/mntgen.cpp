// mntgen [-s srvname] [mtpt]: a directory in which every name exists. Walking to any name
// gives an empty directory of that name, so a tree can be mounted on mtpt/name without
// making the mount point first (Plan 9's mntgen(4), for /n and /mnt). Reading the
// directory lists the names still in use: a name lives while some fid (a mount point
// holds one) refers to it.
#include "libc.h"
#include "lib9p/serve.h"

namespace {

struct Name {
    char* name;
    int ref;
    uint64_t path;
    Name* next;
};

Name* names;
uint64_t nextpath = 1;  // 0 is the root
char* owner;

Name* use(const char* name)
{
    for (Name* n = names; n; n = n->next) {
        if (strcmp(n->name, name) == 0) {
            n->ref++;
            return n;
        }
    }
    auto* n = static_cast<Name*>(malloc(sizeof(Name)));
    if (!n)
        return nullptr;
    n->name = strdup(name);
    if (!n->name) {
        free(n);
        return nullptr;
    }
    n->ref = 1;
    n->path = nextpath++;
    n->next = names;
    names = n;
    return n;
}

void release(Name* n)
{
    if (!n || --n->ref > 0)
        return;
    for (Name** l = &names; *l; l = &(*l)->next) {
        if (*l == n) {
            *l = n->next;
            break;
        }
    }
    free(n->name);
    free(n);
}

Qid qid_of(Name* n)
{
    return Qid { n ? n->path : 0, 0, QTDIR };
}

void fill_dir(Name* n, Dir* d)
{
    *d = Dir {};
    d->qid = qid_of(n);
    d->mode = DMDIR | 0555;
    d->name = n ? n->name : "/";
    d->uid = d->gid = d->muid = owner;
}

void fsattach(Req* r)
{
    r->fid->qid = r->ofcall.qid = qid_of(nullptr);
    respond(r, nullptr);
}

const char* fswalk1(Fid* fid, const char* name, Qid* qid)
{
    auto* n = static_cast<Name*>(fid->aux);
    if (strcmp(name, "..") == 0) {
        release(n);
        fid->aux = nullptr;
    } else if (n) {
        return Enonexist;  // the generated directories are empty
    } else {
        n = use(name);
        if (!n)
            return Enomem;
        fid->aux = n;
    }
    *qid = qid_of(static_cast<Name*>(fid->aux));
    return nullptr;
}

const char* fsclone(Fid* oldfid, Fid* newfid)
{
    if (auto* n = static_cast<Name*>(oldfid->aux))
        n->ref++;
    newfid->aux = oldfid->aux;
    return nullptr;
}

void fsdestroyfid(Fid* fid)
{
    release(static_cast<Name*>(fid->aux));
}

void fsopen(Req* r)
{
    int mode = r->ifcall.mode & 3;
    respond(r, mode == OREAD || mode == OEXEC ? nullptr : Eperm);
}

int gen(long i, Dir* d, void*)
{
    Name* n = names;
    while (n && i-- > 0)
        n = n->next;
    if (!n)
        return -1;
    fill_dir(n, d);
    return 0;
}

void fsread(Req* r)
{
    if (r->fid->aux) {
        r->ofcall.count = 0;
        respond(r, nullptr);
        return;
    }
    respond(r, dirread9p(r, gen, nullptr));
}

void fsstat(Req* r)
{
    fill_dir(static_cast<Name*>(r->fid->aux), &r->d);
    respond(r, nullptr);
}

[[noreturn]] void usage()
{
    fprint(2, "usage: mntgen [-s srvname] [mtpt]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "mntgen";
    const char* srvname = nullptr;
    ARGBEGIN {
    case 's':
        srvname = EARGF(usage());
        break;
    default:
        usage();
    } ARGEND
    if (argc > 1)
        usage();
    const char* mtpt = argc == 1 ? argv[0] : "/n";
    owner = getuser();

    Srv fs;
    fs.attach = fsattach;
    fs.walk1 = fswalk1;
    fs.clone = fsclone;
    fs.destroyfid = fsdestroyfid;
    fs.open = fsopen;
    fs.read = fsread;
    fs.stat = fsstat;
    if (postmountsrv(&fs, srvname, mtpt, MREPL) < 0)
        sysfatal("%r");
    exits(nullptr);
}
