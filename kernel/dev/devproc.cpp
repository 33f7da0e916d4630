// #p: processes as files. #p/N is process N: ctl (kill, private), status (Plan 9's fixed
// layout), note and notepg (post a note to N or its note group), fd (open files), args,
// wait (the next exit message of one of N's children) and ns (N's namespace in the text
// ANTS defines: one bind/mount line per mount in creation order, then "cd DIR"; its owner
// may write bind, mount and unmount commands to it, see procns.cpp).
// Qid paths: 0 the top directory; (pid << 5) | file for the rest, file 0 being N itself.
#include "dev/procns.h"
#include "lib9/sys.h"
#include "port/chan.h"
#include "9p/mnt.h"
#include "port/fgrp.h"
#include "port/lib.h"
#include "port/pgrp.h"
#include "port/proc.h"

namespace {

enum : uint32_t { Qpid, Qargs, Qctl, Qfd, Qnote, Qnoteid, Qnotepg, Qns, Qstatus, Qwait, NQ };

const Dirtab procfiles[] = {
    { "", { Qpid, 0, QTDIR }, 0, DMDIR | 0555 },
    { "args", { Qargs }, 0, 0444 },
    { "ctl", { Qctl }, 0, 0200 },
    { "fd", { Qfd }, 0, 0444 },
    { "note", { Qnote }, 0, 0200 },
    { "noteid", { Qnoteid }, 0, 0664 },
    { "notepg", { Qnotepg }, 0, 0200 },
    { "ns", { Qns }, 0, 0644 },
    { "status", { Qstatus }, 0, 0444 },
    { "wait", { Qwait }, 0, 0400 },
};

constexpr int SHIFT = 5;
uint64_t qpath(int pid, uint32_t file) { return static_cast<uint64_t>(pid) << SHIFT | file; }
int pid_of(const Chan* c) { return static_cast<int>(c->qid.path >> SHIFT); }
uint32_t file_of(const Chan* c) { return c->qid.path & ((1 << SHIFT) - 1); }

const char* state_name(const Proc* p)
{
    switch (p->state) {
    case Pstate::Ready:
        return "Ready";
    case Pstate::Running:
        return "Running";
    case Pstate::Wakeme:
        return "Wakeme";
    case Pstate::QueueingQ:
        return "Queueing";
    case Pstate::Moribund:
        return "Moribund";
    case Pstate::Dead:
        return "Dead";
    }
    return "Unknown";
}

void file_dir(const Proc* p, uint32_t f, DirBuf& db)
{
    const Dirtab& t = procfiles[f];
    db.d = Dir {};
    db.d.qid = Qid { qpath(p->pid, f), 0, t.qid.type };
    db.d.mode = t.perm;
    if (f == Qpid) {
        snprint(db.name, sizeof db.name, "%d", p->pid);
        db.d.name = db.name;
    } else {
        db.d.name = t.name;
    }
    db.d.uid = db.d.gid = db.d.muid = p->user;
}

// Text files are rendered whole into a buffer and served by offset.
class Text {
public:
    Text() : m_buf(new char[SIZE]), m_p(m_buf) {}
    ~Text() { delete[] m_buf; }
    bool ok() const { return m_buf != nullptr; }
    void add(const char* s) { m_p = m_buf ? strecpy(m_p, m_buf + SIZE, s) : m_p; }
    template <typename... A>
    void addf(const char* fmt, A... a)
    {
        if (m_buf)
            m_p += snprint(m_p, m_buf + SIZE - m_p, fmt, a...);
    }
    const char* str() const { return m_buf; }

private:
    static constexpr size_t SIZE = 16 * 1024;
    char* m_buf;
    char* m_p;
};

void ns_line(const Mhead* h, const Mount* m, void* arg)
{
    auto* t = static_cast<Text*>(arg);
    char flags[8] = "";
    char* f = flags;
    if (m->mflag & (MAFTER | MBEFORE | MCREATE | MCACHE)) {
        *f++ = '-';
        if (m->mflag & MAFTER)
            *f++ = 'a';
        if (m->mflag & MBEFORE)
            *f++ = 'b';
        if (m->mflag & MCREATE)
            *f++ = 'c';
        if (m->mflag & MCACHE)
            *f++ = 'C';
        *f = 0;
    }
    // A mount is the root of an attach (a file bound from under one has a path): named by
    // the srv entry it was mounted from, if any.
    Mfid* mf = mnt_fid(m->to);
    if (mf && !m->to->path) {
        Chan* srv = mf->m->c;
        t->addf("mount %s %s %s %s\n", flags, srv->srvname ? srv->srvname : chan_path(srv), chan_path(h->from),
            m->spec ? m->spec : "");
    } else
        t->addf("bind %s %s %s\n", flags, chan_path(m->to), chan_path(h->from));
}

void render(Proc* p, uint32_t f, Text& t)
{
    switch (f) {
    case Qstatus: {
        uint32_t mem = seg_bytes(p);
        t.addf("%-28s%-28s%-12s", p->text, p->user, state_name(p));
        uint32_t times[6] = { p->user_ticks * (1000 / HZ), p->sys_ticks * (1000 / HZ),
            static_cast<uint32_t>(ms_since_boot() - p->start_ms), 0, 0, 0 };
        for (uint32_t v : times)
            t.addf("%11u ", v);
        t.addf("%11u %11u %11u ", mem >> 10, 10u, 10u);
        break;
    }
    case Qargs:
        for (int i = 0; i < p->nargs;) {
            const char* a = p->args + i;
            t.addf(i ? " %s" : "%s", a);
            i += strlen(a) + 1;
        }
        break;
    case Qfd: {
        static const char* const modes[] = { "r ", " w", "rw", "r " };
        t.addf("%s\n", chan_path(p->dot));
        for (int fd = 0; fd < NFD && p->fgrp; fd++) {
            Chan* c = p->fgrp->fd[fd];
            if (c)
                t.addf("%3d %s %c %4u (%016llx %u %02x) %5d %8llu %s\n", fd, modes[c->mode & 3], c->dev->dc(),
                    c->devno, c->qid.path, c->qid.vers, c->qid.type, 8192, c->offset, chan_path(c));
        }
        break;
    }
    case Qnoteid:
        t.addf("%d", p->noteid);
        break;
    case Qns:
        if (p->pgrp)
            pgrp_foreach(p->pgrp, ns_line, &t);
        t.addf("cd %s\n", chan_path(p->dot));
        break;
    }
}

// Only the owner (or the host owner, except over a private process) may act on a process.
Result<void> may_control(const Proc* p)
{
    const char* u = current_user();
    if (strcmp(u, "none") == 0 && p != up)
        return Eperm;
    if (strcmp(u, p->user) != 0 && strcmp(u, eve()) != 0)
        return Eperm;
    return {};
}

bool have_wait(void* p) { return static_cast<Proc*>(p)->waitq != nullptr; }

}  // namespace

class ProcDev final : public Dev {
public:
    constexpr ProcDev() : Dev('p', "proc") {}

    bool gen(Chan* dir, int i, DirBuf& db) override
    {
        if (dir->qid.path == 0) {  // the top: one directory per process, in table order
            for (int slot = 0, k = 0; slot < NPROC; slot++) {
                Proc* p = proc_slot(slot);
                if (!p)
                    continue;
                if (k++ == i) {
                    file_dir(p, Qpid, db);
                    return true;
                }
            }
            return false;
        }
        Proc* p = proc_lookup(pid_of(dir));
        if (!p || i + 1 >= static_cast<int>(NQ))
            return false;
        file_dir(p, i + 1, db);
        return true;
    }

    Result<void> dirstat(Chan* c, DirBuf& db) override
    {
        if (c->qid.path == 0) {
            root_dir(c, db, 0555, eve());
            return {};
        }
        Proc* p = proc_lookup(pid_of(c));
        if (!p)
            return Eprocdied;
        file_dir(p, file_of(c), db);
        return {};
    }

    Result<void> walk(Chan* c, const char* name) override
    {
        if (strcmp(name, "..") == 0) {
            c->qid = Qid { c->qid.path == 0 || file_of(c) == Qpid ? 0u : qpath(pid_of(c), Qpid), 0, QTDIR };
            return {};
        }
        if (c->qid.path == 0) {
            int pid = 0;
            for (const char* s = name; *s; s++) {
                if (*s < '0' || *s > '9' || pid > 100000000)
                    return Enonexist;
                pid = pid * 10 + (*s - '0');
            }
            if (!*name || !proc_lookup(pid))
                return Enonexist;
            c->qid = Qid { qpath(pid, Qpid), 0, QTDIR };
            return {};
        }
        return Dev::walk(c, name);
    }

    Result<Chan*> open(Chan* c, int omode) override
    {
        TRY(Dev::open(c, omode));
        if (c->qid.path == 0 || file_of(c) == Qpid)
            return c;
        Proc* p = proc_lookup(pid_of(c));
        if (!p)
            return Eprocdied;
        uint32_t f = file_of(c);
        if (f == Qctl || f == Qnote || f == Qnotepg || f == Qwait || (f == Qnoteid && (omode & 3) != OREAD))
            TRY(may_control(p));
        if (f == Qns && (omode & 3) != OREAD)
            TRY(procns_may_write(p));
        return c;
    }

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.type & QTDIR)
            return dirread(c, buf, n, off);
        Proc* p = proc_lookup(pid_of(c));
        if (!p)
            return Eprocdied;
        uint32_t f = file_of(c);
        if (f == Qwait)
            return read_wait(p, buf, n);
        if (f == Qctl || f == Qnote || f == Qnotepg)
            return Eperm;
        Text t;
        if (!t.ok())
            return Enomem;
        render(p, f, t);
        return read_string(buf, n, off, t.str());
    }

    Result<long> write(Chan* c, const void* buf, long n, uint64_t) override
    {
        Proc* p = proc_lookup(pid_of(c));
        if (!p)
            return Eprocdied;
        if (file_of(c) == Qns) {
            TRY(procns_write(p, buf, n));
            return n;
        }
        char msg[ERRMAX];
        long m = min<long>(n, sizeof msg - 1);
        memcpy(msg, buf, m);
        msg[m] = 0;
        switch (file_of(c)) {
        case Qnote:
            if (!postnote(p, msg))
                return Einuse;
            return n;
        case Qnotepg:
            postnote_group(p->noteid, msg);
            return n;
        case Qnoteid: {  // join another group of the same user's processes
            int id = 0;
            for (const char* q = msg; *q >= '0' && *q <= '9'; q++)
                id = id * 10 + (*q - '0');
            bool found = false;
            for (int i = 0; i < NPROC && !found; i++) {
                Proc* o = proc_slot(i);
                found = o && o->noteid == id && strcmp(o->user, p->user) == 0;
            }
            if (!found)
                return Ebadarg;
            p->noteid = id;
            return n;
        }
        case Qctl:
            if (m > 0 && msg[m - 1] == '\n')
                msg[m - 1] = 0;
            if (strcmp(msg, "kill") == 0) {
                postnote(p, "sys: killed");
                return n;
            }
            if (strcmp(msg, "private") == 0) {
                p->privatemem = true;
                return n;
            }
            return Ebadctl;
        }
        return Eperm;
    }

private:
    // /proc/N/wait: like await. Only a process's own: another could exit, and be freed,
    // while we slept on it.
    static Result<long> read_wait(Proc* p, void* buf, long n)
    {
        if (p != up)
            return Eperm;
        Waitmsg* w;
        {
            QLocker l(p->qwait);
            TRY(l.got());
            while (!p->waitq) {
                if (p->nchild == 0)
                    return Enochild;
                TRY(sleep(&p->waitr, have_wait, p));
            }
            w = p->waitq;
            p->waitq = w->next;
            p->nchild--;
        }
        char text[WAITMSGLEN];
        waitmsg_format(w, text, sizeof text);
        delete w;
        return read_string(buf, n, 0, text);
    }
};

namespace {
ProcDev instance;
}
Dev& procdev = instance;
