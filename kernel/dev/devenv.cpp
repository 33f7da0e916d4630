// #e: environment variables, one file each, in the process's environment group; and
// #ec: the boot configuration, one read-only file per key=value pair of the boot
// command line (Plan 9 serves plan9.ini there).
// Qid paths: 0 is a directory; a variable's path is its Evalue::path; in #ec, i+1 is
// pair i. devno 1 marks #ec.
#include "lib9/sys.h"
#include "port/chan.h"
#include "port/conf.h"
#include "port/egrp.h"
#include "port/lib.h"
#include "port/proc.h"

namespace {

enum : uint32_t { ENV = 0, BOOTCONF = 1 };

void conf_dir(size_t i, DirBuf& db)
{
    Conf& conf = bootconf();
    db.d = Dir {};
    db.d.qid = Qid { i + 1, 0, QTFILE };
    db.d.mode = 0444;
    db.d.length = strlen(conf.value(i));
    db.d.name = conf.key(i);
    db.d.uid = db.d.gid = db.d.muid = eve();
}

void env_dir(const Evalue* v, DirBuf& db)
{
    db.d = Dir {};
    db.d.qid = Qid { v->path, v->vers, QTFILE };
    db.d.mode = 0666;
    db.d.length = v->len;
    db.d.name = v->name;
    db.d.uid = db.d.gid = db.d.muid = eve();
}

Evalue* lookup(const Chan* c)
{
    for (Evalue* v = up->egrp->list; v; v = v->next)
        if (v->path == c->qid.path)
            return v;
    return nullptr;
}

uint64_t next_path = 1;

}  // namespace

class EnvDev final : public Dev {
public:
    constexpr EnvDev() : Dev('e', "env") {}

    Result<Chan*> attach(const char* spec) override
    {
        if (*spec && strcmp(spec, "c") != 0)
            return Ebadarg;
        Chan* c = TRY(Dev::attach(spec));
        c->devno = *spec ? BOOTCONF : ENV;
        return c;
    }

    bool gen(Chan* dir, int i, DirBuf& db) override
    {
        if (dir->devno == BOOTCONF) {
            if (static_cast<size_t>(i) >= bootconf().count())
                return false;
            conf_dir(i, db);
            return true;
        }
        Evalue* v = up->egrp->list;
        for (; v && i > 0; i--)
            v = v->next;
        if (!v)
            return false;
        env_dir(v, db);
        return true;
    }

    Result<void> dirstat(Chan* c, DirBuf& db) override
    {
        if (c->qid.type & QTDIR) {
            root_dir(c, db, c->devno == BOOTCONF ? 0555 : 0775, eve(), c->devno == BOOTCONF ? "c" : "");
            return {};
        }
        if (c->devno == BOOTCONF) {
            size_t i = c->qid.path - 1;
            if (i >= bootconf().count())
                return Enonexist;
            conf_dir(i, db);
            return {};
        }
        Evalue* v = lookup(c);
        if (!v)
            return Enonexist;
        env_dir(v, db);
        return {};
    }

    Result<Chan*> open(Chan* c, int omode) override
    {
        Chan* r = TRY(Dev::open(c, omode));
        if ((omode & OTRUNC) && c->devno == ENV) {
            if (Evalue* v = lookup(c)) {
                up->egrp->bytes -= v->len;
                v->len = 0;
                v->vers++;
            }
        }
        return r;
    }

    Result<void> create(Chan* c, const char* name, int, uint32_t perm) override
    {
        if (c->devno == BOOTCONF || (perm & DMDIR))
            return Eperm;
        Egrp* e = up->egrp;
        for (Evalue* v = e->list; v; v = v->next)
            if (strcmp(v->name, name) == 0)
                return Eexist;
        if (e->count >= MAXENVVARS)
            return Enomem;
        size_t nl = strlen(name) + 1;
        auto* v = new Evalue { new char[nl], nullptr, 0, next_path++, 0, nullptr };
        if (!v || !v->name) {
            if (v)
                delete[] v->name;
            delete v;
            return Enomem;
        }
        memcpy(v->name, name, nl);
        Evalue** l = &e->list;
        while (*l)
            l = &(*l)->next;
        *l = v;
        e->count++;
        c->qid = Qid { v->path, 0, QTFILE };
        return {};
    }

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.type & QTDIR)
            return dirread(c, buf, n, off);
        if (c->devno == BOOTCONF) {
            size_t i = c->qid.path - 1;
            if (i >= bootconf().count())
                return Enonexist;
            return read_string(buf, n, off, bootconf().value(i));
        }
        Evalue* v = lookup(c);
        if (!v)
            return Enonexist;
        if (off >= v->len)
            return 0L;
        long m = min<uint64_t>(n, v->len - off);
        memcpy(buf, v->value + off, m);
        return m;
    }

    Result<long> write(Chan* c, const void* buf, long n, uint64_t off) override
    {
        if (c->devno == BOOTCONF)
            return Eperm;
        Evalue* v = lookup(c);
        if (!v)
            return Enonexist;
        uint64_t end = off + n;
        Egrp* e = up->egrp;
        if (end > MAXENVBYTES || e->bytes - v->len + max<uint64_t>(end, v->len) > MAXENVBYTES)
            return Etoobig;
        if (end > v->len) {
            auto* nv = new char[end];
            if (!nv)
                return Enomem;
            memcpy(nv, v->value, v->len);
            memset(nv + v->len, 0, off > v->len ? off - v->len : 0);
            delete[] v->value;
            v->value = nv;
            e->bytes += end - v->len;
            v->len = end;
        }
        memcpy(v->value + off, buf, n);
        v->vers++;
        return n;
    }

    Result<void> remove(Chan* c) override
    {
        if (c->devno == BOOTCONF)
            return Eperm;
        Egrp* e = up->egrp;
        for (Evalue** l = &e->list; *l; l = &(*l)->next) {
            Evalue* v = *l;
            if (v->path == c->qid.path) {
                *l = v->next;
                e->count--;
                e->bytes -= v->len;
                delete[] v->name;
                delete[] v->value;
                delete v;
                return {};
            }
        }
        return Enonexist;
    }
};

namespace {
EnvDev instance;
}
Dev& envdev = instance;
