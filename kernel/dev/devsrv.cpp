// #s and #z: srv, a place to post open channels by name. Creating /srv/NAME and writing
// an fd number to it posts that fd's channel; opening /srv/NAME later hands back the
// posted channel itself (Plan 9's way to share a connection to a file server). #s uses
// the process's srv group (private after rfork V), #z the one group that is never split.
// Qid paths: 0 is the directory; an entry's path is Srv::path.
#include "lib9/sys.h"
#include "port/chan.h"
#include "port/fgrp.h"
#include "port/lib.h"
#include "port/proc.h"
#include "port/sgrp.h"

namespace {

uint64_t next_path = 1;

Srv* find(Sgrp* g, uint64_t path)
{
    for (Srv* s = g->list; s; s = s->next)
        if (s->path == path)
            return s;
    return nullptr;
}

void srv_dir(const Srv* s, DirBuf& db)
{
    db.d = Dir {};
    db.d.qid = Qid { s->path, 0, QTFILE };
    db.d.mode = s->perm;
    db.d.name = s->name;
    db.d.uid = db.d.gid = db.d.muid = s->owner;
}

void free_srv(Srv* s)
{
    if (s->chan)
        cclose(s->chan);
    delete[] s->name;
    delete s;
}

}  // namespace

Sgrp* sgrp_new()
{
    return new Sgrp;
}

void sgrp_release(Sgrp* g)
{
    if (--g->ref > 0)
        return;
    while (Srv* s = g->list) {
        g->list = s->next;
        free_srv(s);
    }
    delete g;
}

Sgrp* global_zrv()
{
    static Sgrp* z = sgrp_new();
    return z;
}

class SrvDev final : public Dev {
public:
    constexpr SrvDev(char dc, const char* name, bool global) : Dev(dc, name), m_global(global) {}

    bool gen(Chan*, int i, DirBuf& db) override
    {
        Srv* s = group()->list;
        for (; s && i > 0; i--)
            s = s->next;
        if (!s)
            return false;
        srv_dir(s, db);
        return true;
    }

    Result<void> dirstat(Chan* c, DirBuf& db) override
    {
        if (c->qid.type & QTDIR) {
            root_dir(c, db, 0777, eve());
            return {};
        }
        Srv* s = find(group(), c->qid.path);
        if (!s)
            return Enonexist;
        srv_dir(s, db);
        return {};
    }

    Result<Chan*> open(Chan* c, int omode) override
    {
        if (c->qid.type & QTDIR)
            return Dev::open(c, omode);
        Srv* s = find(group(), c->qid.path);
        if (!s)
            return Enonexist;
        if (omode & OTRUNC)
            return Eexist;
        if (omode & ORCLOSE)
            return Eperm;
        TRY(check_perm(s->owner, s->perm, omode));
        if (!s->chan)
            return Ehungup;  // created but nothing posted yet
        int have = s->chan->mode & 3, want = omode & 3;
        if (have != ORDWR && have != want)
            return Eperm;
        cincref(s->chan);
        return s->chan;
    }

    Result<void> create(Chan* c, const char* name, int, uint32_t perm) override
    {
        if (perm & DMDIR)
            return Eperm;
        Sgrp* g = group();
        for (Srv* s = g->list; s; s = s->next)
            if (strcmp(s->name, name) == 0)
                return Eexist;
        size_t n = strlen(name) + 1;
        auto* s = new Srv { new char[n], {}, perm & 0777, next_path++, nullptr, nullptr };
        if (!s || !s->name) {
            if (s)
                delete[] s->name;
            delete s;
            return Enomem;
        }
        memcpy(s->name, name, n);
        kstrcpy(s->owner, current_user(), KNAMELEN);
        s->next = g->list;
        g->list = s;
        c->qid = Qid { s->path, 0, QTFILE };
        return {};
    }

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.type & QTDIR)
            return dirread(c, buf, n, off);
        return Eperm;
    }

    // Writing a number to a newly created entry posts that fd's channel.
    Result<long> write(Chan* c, const void* buf, long n, uint64_t) override
    {
        Srv* s = find(group(), c->qid.path);
        if (!s)
            return Enonexist;
        if (s->chan)
            return Ebadusefd;
        char num[16];
        long m = min<long>(n, sizeof num - 1);
        memcpy(num, buf, m);
        num[m] = 0;
        int fd = 0;
        for (long i = 0; i < m && num[i] >= '0' && num[i] <= '9'; i++)
            fd = fd * 10 + (num[i] - '0');
        if (m == 0 || num[0] < '0' || num[0] > '9')
            return Ebadarg;
        ChanRef posted = TRY(fd_get(up->fgrp, fd));
        if (posted->flag & (CCEXEC | CRCLOSE))
            return Eposted;
        s->chan = posted.release();
        char srvname[int(KNAMELEN) + NAMEMAX + 4];
        snprint(srvname, sizeof srvname, "#%c/%s", dc(), s->name);
        kstrdup(&s->chan->srvname, srvname);  // how ns names mounts of it
        return n;
    }

    Result<void> remove(Chan* c) override
    {
        Sgrp* g = group();
        for (Srv** l = &g->list; *l; l = &(*l)->next) {
            Srv* s = *l;
            if (s->path != c->qid.path)
                continue;
            if (strcmp(s->owner, current_user()) != 0 && strcmp(current_user(), eve()) != 0)
                return Eperm;
            *l = s->next;
            free_srv(s);
            return {};
        }
        return Enonexist;
    }

    // The owner may rename an entry or change its permissions (ANTS renames #s/boot
    // when it brings up another root); nothing else about it can change.
    Result<void> wstat(Chan* c, const Dir& d) override
    {
        Sgrp* g = group();
        Srv* s = find(g, c->qid.path);
        if (!s)
            return Enonexist;
        if (strcmp(s->owner, current_user()) != 0)
            return Eperm;
        if (d.length != ~0ull || d.mtime != ~0u || (d.uid[0] && strcmp(d.uid, s->owner) != 0))
            return Eperm;
        if (d.mode != ~0u && (d.mode & ~0777u))
            return Eperm;
        if (d.name[0]) {
            if (strchr(d.name, '/') || strcmp(d.name, ".") == 0 || strcmp(d.name, "..") == 0)
                return Ebadchar;
            for (Srv* o = g->list; o; o = o->next)
                if (o != s && strcmp(o->name, d.name) == 0)
                    return Eexist;
            size_t n = strlen(d.name) + 1;
            auto* name = new char[n];
            if (!name)
                return Enomem;
            memcpy(name, d.name, n);
            delete[] s->name;
            s->name = name;
        }
        if (d.mode != ~0u)
            s->perm = d.mode & 0777;
        return {};
    }

private:
    Sgrp* group() const { return m_global ? global_zrv() : up->sgrp; }
    bool m_global;
};

namespace {
SrvDev srv_instance('s', "srv", false);
SrvDev zrv_instance('z', "zrv", true);
}
Dev& srvdev = srv_instance;
Dev& zrvdev = zrv_instance;
