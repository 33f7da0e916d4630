// File and namespace system calls: open create close pread pwrite seek stat fstat wstat
// fwstat remove chdir dup fd2path bind unmount. Each resolves names in the calling
// process's namespace through namec(), and checks every user buffer first.
#include "lib9/sys.h"
#include "port/chan.h"
#include "port/fgrp.h"
#include "port/lib.h"
#include "port/namec.h"
#include "port/nsops.h"
#include "port/pgrp.h"
#include "port/proc.h"
#include "port/syscall.h"
#include "port/union.h"
#include "port/umem.h"

namespace {

constexpr int OPENFLAGS = 3 | OTRUNC | OCEXEC | ORCLOSE;

Result<int64_t> offset_arg(uint32_t lo, uint32_t hi)
{
    int64_t off = static_cast<int64_t>(static_cast<uint64_t>(hi) << 32 | lo);
    if (off < -1)
        return Enegoff;
    return off;
}

// Copy a user path name into path[MAXPATH].
Result<void> user_path(char* path, uint32_t va)
{
    return copy_user_string(path, MAXPATH, va);
}

// Install an open chan as a new fd, honouring OCEXEC/ORCLOSE.
Result<long> new_fd(Chan* c, int omode)
{
    if (omode & OCEXEC)
        c->flag |= CCEXEC;
    if (omode & ORCLOSE)
        c->flag |= CRCLOSE;
    auto fd = fd_install(up->fgrp, c);
    if (fd.is_error())
        cclose(c);
    return TRY(fd);
}

// pread and pwrite: (fd, buf, n, offset low word, offset high word); offset -1 means
// the fd's own offset, which then advances.
[[gnu::hot]] Result<long> rdwr(SyscallArgs a, bool write)
{
    int32_t n = a[2];
    if (n < 0)
        return Ebadarg;
    TRY(validaddr(a[1], n, !write));
    ChanRef c = TRY(fd_get(up->fgrp, a[0], write ? OWRITE : OREAD));
    int64_t off = TRY(offset_arg(a[3], a[4]));
    bool current = off == -1;
    uint64_t at = current ? c->offset : off;
    if (!write && c->umh) {
        if (!current && off == 0 && c->offset != 0)
            return Eisdir;  // a union directory is read from where it stands
        long m = TRY(union_read(c.get(), uptr(a[1]), n));
        c->offset += m;
        return m;
    }
    long m = TRY(write ? c->dev->write(c.get(), uptr(a[1]), n, at) : c->dev->read(c.get(), uptr(a[1]), n, at));
    if (current)
        c->offset += m;
    return m;
}

// stat of c into the user's buffer, naming the file by the last element of the path it
// was reached by (so a file bound elsewhere is named where it is seen).
Result<long> stat_to_user(Chan* c, uint32_t buf, uint32_t n)
{
    TRY(validaddr(buf, n, true));
    DirBuf db;
    TRY(c->dev->dirstat(c, db));
    c->dev->stamp(c, db.d);
    const char* path = chan_path(c);
    const char* last = path;
    for (const char* p = path; *p; p++)
        if (*p == '/' && p[1])
            last = p + 1;
    if (*path && strcmp(path, "/") != 0 && last != path)
        db.d.name = last;
    size_t m = convD2M(&db.d, uptr<uint8_t>(buf), n);
    if (m == 0)
        return Etoosmall;
    return static_cast<long>(m);
}

Result<long> wstat_from_user(Chan* c, uint32_t buf, uint32_t n)
{
    if (n < BIT16SZ || n > STATMAX)
        return Ebadstat;
    TRY(validaddr(buf, n, false));
    auto* copy = new uint8_t[n];
    auto* strs = new char[n];
    const char* err = nullptr;
    if (!copy || !strs) {
        err = Enomem;
    } else {
        memcpy(copy, uptr(buf), n);
        Dir d;
        if (statcheck(copy, n) < 0 || convM2D(copy, n, &d, strs, n) == 0)
            err = Ebadstat;
        else {
            auto r = c->dev->wstat(c, d);
            err = r.is_error() ? r.error() : nullptr;
        }
    }
    delete[] copy;
    delete[] strs;
    if (err)
        return err;
    return static_cast<long>(n);
}

}  // namespace

Result<long> sysopen(SyscallArgs a)
{
    char path[MAXPATH];
    TRY(user_path(path, a[0]));
    int mode = a[1];
    if (mode & ~OPENFLAGS)
        return Ebadarg;
    Chan* c = TRY(namec(proc_nameenv(up), path, Amode::Open, mode));
    return new_fd(c, mode);
}

Result<long> syscreate(SyscallArgs a)
{
    char path[MAXPATH];
    TRY(user_path(path, a[0]));
    int mode = a[1];
    if (mode & ~OPENFLAGS)
        return Ebadarg;
    Chan* c = TRY(namec(proc_nameenv(up), path, Amode::Create, mode, a[2]));
    return new_fd(c, mode);
}

Result<long> sysclose(SyscallArgs a)
{
    cclose(TRY(fd_take(up->fgrp, a[0])));
    return 0L;
}

[[gnu::hot]] Result<long> syspread(SyscallArgs a)
{
    return rdwr(a, false);
}

[[gnu::hot]] Result<long> syspwrite(SyscallArgs a)
{
    return rdwr(a, true);
}

// seek(vlong* ret, fd, off_lo, off_hi, type)
Result<long> sysseek(SyscallArgs a)
{
    TRY(validaddr(a[0], 8, true));
    ChanRef c = TRY(fd_get(up->fgrp, a[1]));
    int64_t off = static_cast<int64_t>(static_cast<uint64_t>(a[3]) << 32 | a[2]);
    int64_t pos;
    switch (static_cast<int>(a[4])) {
    case SEEKSET:
        pos = off;
        break;
    case SEEKCUR:
        pos = static_cast<int64_t>(c->offset) + off;
        break;
    case SEEKEND: {
        DirBuf db;
        TRY(c->dev->dirstat(c.get(), db));
        pos = static_cast<int64_t>(db.d.length) + off;
        break;
    }
    default:
        return Ebadarg;
    }
    if (c->qid.type & QTDIR) {
        if (pos != 0)
            return Eisdir;
        union_rewind(c.get());
    }
    if (pos < 0)
        return Enegoff;
    c->offset = pos;
    memcpy(uptr(a[0]), &pos, 8);
    return 0L;
}

Result<long> sysstat(SyscallArgs a)
{
    char path[MAXPATH];
    TRY(user_path(path, a[0]));
    Chan* c = TRY(namec(proc_nameenv(up), path, Amode::Access));
    auto r = stat_to_user(c, a[1], a[2]);
    cclose(c);
    return r;
}

Result<long> sysfstat(SyscallArgs a)
{
    ChanRef c = TRY(fd_get(up->fgrp, a[0]));
    return stat_to_user(c.get(), a[1], a[2]);
}

Result<long> syswstat(SyscallArgs a)
{
    char path[MAXPATH];
    TRY(user_path(path, a[0]));
    Chan* c = TRY(namec(proc_nameenv(up), path, Amode::Access));
    auto r = wstat_from_user(c, a[1], a[2]);
    cclose(c);
    return r;
}

Result<long> sysfwstat(SyscallArgs a)
{
    ChanRef c = TRY(fd_get(up->fgrp, a[0]));
    return wstat_from_user(c.get(), a[1], a[2]);
}

Result<long> sysremove(SyscallArgs a)
{
    char path[MAXPATH];
    TRY(user_path(path, a[0]));
    Chan* c = TRY(namec(proc_nameenv(up), path, Amode::Remove));
    auto r = c->dev->remove(c);
    cclose(c);
    TRY(r);
    return 0L;
}

Result<long> syschdir(SyscallArgs a)
{
    char path[MAXPATH];
    TRY(user_path(path, a[0]));
    Chan* c = TRY(namec(proc_nameenv(up), path, Amode::Todir));
    cclose(up->dot);
    up->dot = c;
    return 0L;
}

Result<long> sysdup(SyscallArgs a)
{
    int old = a[0], nfd = a[1];
    ChanRef c = TRY(fd_get(up->fgrp, old));
    if (nfd == old)
        return nfd;
    if (nfd != -1 && (nfd < 0 || nfd >= NFD))
        return Ebadfd;
    Chan* mine = c.release();
    auto r = fd_install(up->fgrp, mine, nfd);
    if (r.is_error())
        cclose(mine);
    return TRY(r);
}

Result<long> sysfd2path(SyscallArgs a)
{
    ChanRef c = TRY(fd_get(up->fgrp, a[0]));
    uint32_t n = a[2];
    if (n == 0)
        return Etoosmall;
    TRY(validaddr(a[1], n, true));
    kstrcpy(uptr<char>(a[1]), chan_path(c.get()), n);
    return 0L;
}

Result<long> sysbind(SyscallArgs a)
{
    char name[MAXPATH], old[MAXPATH];
    TRY(user_path(name, a[0]));
    TRY(user_path(old, a[1]));
    TRY(ns_bind(proc_nameenv(up), name, old, a[2]));
    return 0L;
}

// unmount(name or nil, old)
Result<long> sysunmount(SyscallArgs a)
{
    char name[MAXPATH], old[MAXPATH];
    TRY(user_path(old, a[1]));
    if (a[0])
        TRY(user_path(name, a[0]));
    TRY(ns_unmount(proc_nameenv(up), a[0] ? name : nullptr, old));
    return 0L;
}

// pipe(int fd[2]): both ends of a new #| pipe, open for reading and writing.
Result<long> syspipe(SyscallArgs a)
{
    TRY(validaddr(a[0], 8, true));
    NameEnv env = proc_nameenv(up);
    Chan* d0 = TRY(namec(env, "#|/data", Amode::Open, ORDWR));
    Chan* dir = cclone(d0);  // same pipe: walk its other end from here
    Result<Chan*> d1 = Enomem;
    if (dir) {
        dir->qid = Qid { 0, 0, QTDIR };
        auto w = dir->dev->walk(dir, "data1");
        d1 = w.is_error() ? Result<Chan*>(w.error()) : dir->dev->open(dir, ORDWR);
        if (d1.is_error())
            cclose(dir);
    }
    if (d1.is_error()) {
        cclose(d0);
        return d1.error();
    }
    Chan* c1 = d1.value();
    c1->mode = ORDWR;
    c1->open = true;
    chan_setpath(c1, "#|/data1");
    auto f0 = fd_install(up->fgrp, d0);
    if (f0.is_error()) {
        cclose(d0);
        cclose(c1);
        return f0.error();
    }
    auto f1 = fd_install(up->fgrp, c1);
    if (f1.is_error()) {
        up->fgrp->fd[f0.value()] = nullptr;
        cclose(d0);
        cclose(c1);
        return f1.error();
    }
    int fds[2] = { f0.value(), f1.value() };
    memcpy(uptr(a[0]), fds, sizeof fds);
    return 0L;
}
