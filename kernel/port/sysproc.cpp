// Process system calls: rfork, exec, exits, await, sleep, brk, errstr.
#include "lib9/sys.h"
#include "mem.h"
#include "port/chan.h"
#include "port/egrp.h"
#include "port/exec.h"
#include "port/rendez.h"
#include "port/sgrp.h"
#include "port/fgrp.h"
#include "port/lib.h"
#include "port/pgrp.h"
#include "port/proc.h"
#include "port/syscall.h"
#include "port/umem.h"

Result<long> sysexits(SyscallArgs a)
{
    char msg[ERRMAX];
    msg[0] = 0;
    if (a[0]) {
        auto r = copy_user_string(msg, sizeof msg, a[0]);
        if (r.is_error() && r.error() != Elongname)
            kstrcpy(msg, "invalid exit string", sizeof msg);
    }
    pexit(msg, true);
}

namespace {

// The namespace a process gets from rfork flags: a copy (RFNAMEG), a clean one
// (RFCNAMEG) or the same one; nullptr if out of memory.
Pgrp* rfork_pgrp(Pgrp* cur, int flags)
{
    Pgrp* p;
    if (flags & RFNAMEG)
        p = pgrp_copy(cur);
    else if (flags & RFCNAMEG)
        p = pgrp_new();
    else {
        p = cur;
        p->ref++;
    }
    if (p && (flags & RFNOMNT))
        p->noattach = true;
    return p;
}

Egrp* rfork_egrp(Egrp* cur, int flags)
{
    if (flags & RFENVG)
        return egrp_copy(cur);
    if (flags & RFCENVG)
        return egrp_new();
    cur->ref++;
    return cur;
}

// RFCSRVG (rfork V) gives an empty srv group; there is no copying one, as in ANTS:
// a posted channel belongs to one group.
Sgrp* rfork_sgrp(Sgrp* cur, int flags)
{
    if (flags & RFCSRVG)
        return sgrp_new();
    cur->ref++;
    return cur;
}

Fgrp* rfork_fgrp(Fgrp* cur, int flags)
{
    if (flags & RFFDG)
        return fgrp_copy(cur);
    if (flags & RFCFDG)
        return fgrp_new();
    cur->ref++;
    return cur;
}

}  // namespace

Result<long> sysrfork(SyscallArgs a)
{
    int flags = a[0];
    if ((flags & (RFFDG | RFCFDG)) == (RFFDG | RFCFDG) || (flags & (RFNAMEG | RFCNAMEG)) == (RFNAMEG | RFCNAMEG)
        || (flags & (RFENVG | RFCENVG)) == (RFENVG | RFCENVG))
        return Ebadarg;
    if (!(flags & RFPROC)) {
        if (flags & (RFFDG | RFCFDG)) {
            Fgrp* f = rfork_fgrp(up->fgrp, flags);
            if (!f)
                return Enomem;
            fgrp_release(up->fgrp);
            up->fgrp = f;
        }
        if (flags & (RFNAMEG | RFCNAMEG | RFNOMNT)) {
            Pgrp* p = rfork_pgrp(up->pgrp, flags);
            if (!p)
                return Enomem;
            pgrp_release(up->pgrp);
            up->pgrp = p;
        }
        if (flags & (RFENVG | RFCENVG)) {
            Egrp* e = rfork_egrp(up->egrp, flags);
            if (!e)
                return Enomem;
            egrp_release(up->egrp);
            up->egrp = e;
        }
        if (flags & RFNOTEG)
            up->noteid = up->pid;
        if (flags & RFREND) {
            Rgrp* g = rgrp_new();
            if (!g)
                return Enomem;
            rgrp_release(up->rgrp);
            up->rgrp = g;
        }
        if (flags & RFCSRVG) {
            Sgrp* g = sgrp_new();
            if (!g)
                return Enomem;
            sgrp_release(up->sgrp);
            up->sgrp = g;
        }
        return 0L;
    }
    Proc* p = newproc();
    if (!p)
        return Enoproc;
    p->pd = mmu_newpd();
    p->fgrp = rfork_fgrp(up->fgrp, flags);
    p->pgrp = rfork_pgrp(up->pgrp, flags);
    p->egrp = rfork_egrp(up->egrp, flags);
    p->sgrp = rfork_sgrp(up->sgrp, flags);
    p->rgrp = flags & RFREND ? rgrp_new() : up->rgrp;
    if (p->rgrp == up->rgrp)
        p->rgrp->ref++;
    if (!p->pd || !p->fgrp || !p->pgrp || !p->egrp || !p->sgrp || !p->rgrp || !seg_fork(up, p, flags & RFMEM)) {
        if (p->fgrp)
            fgrp_release(p->fgrp);
        if (p->pgrp)
            pgrp_release(p->pgrp);
        if (p->egrp)
            egrp_release(p->egrp);
        if (p->sgrp)
            sgrp_release(p->sgrp);
        if (p->rgrp)
            rgrp_release(p->rgrp);
        proc_discard(p);
        return Enomem;
    }
    p->slash = up->slash;
    p->dot = up->dot;
    cincref(p->slash);
    cincref(p->dot);
    kstrcpy(p->text, up->text, KNAMELEN);
    kstrcpy(p->user, up->user, KNAMELEN);
    p->ppid = up->pid;
    p->nowait = flags & RFNOWAIT;
    p->noteid = flags & RFNOTEG ? p->pid : up->noteid;
    p->notify = up->notify;
    memcpy(p->args, up->args, sizeof p->args);
    p->nargs = up->nargs;
    if (!p->nowait)
        up->nchild++;
    proc_setup_fork(p, up);
    ready(p);
    return p->pid;
}

Result<long> sysexec(SyscallArgs a)
{
    char path[1024];
    TRY(copy_user_string(path, sizeof path, a[0]));
    auto* args = new char[MAXEXECARGLEN];
    if (!args)
        return Enomem;
    uint32_t len = 0;
    int argc = 0;
    const char* err = nullptr;
    for (uint32_t argv = a[1];; argv += 4, argc++) {
        auto ok = validaddr(argv, 4, false);
        if (ok.is_error()) {
            err = ok.error();
            break;
        }
        uint32_t s = *uptr<uint32_t>(argv);
        if (!s)
            break;
        if (argc == MAXEXECARGS || len == MAXEXECARGLEN) {
            err = Etoobig;
            break;
        }
        auto r = copy_user_string(args + len, MAXEXECARGLEN - len, s);
        if (r.is_error()) {
            err = r.error() == Elongname ? Etoobig : r.error();
            break;
        }
        len += strlen(args + len) + 1;
    }
    if (!err) {
        auto r = exec_image(up, path, args, argc, len);
        err = r.is_error() ? r.error() : nullptr;
    }
    if (!err) {
        fgrp_close_on_exec(up->fgrp);
        up->nargs = min<uint32_t>(len, sizeof up->args);
        memcpy(up->args, args, up->nargs);
        if (up->nargs)
            up->args[up->nargs - 1] = 0;
    }
    delete[] args;
    if (err)
        return err;
    return 0L;
}

namespace {
bool have_wait(void* p) { return static_cast<Proc*>(p)->waitq != nullptr; }
}

Result<long> sysawait(SyscallArgs a)
{
    uint32_t buf = a[0], n = a[1];
    TRY(validaddr(buf, n, true));
    Waitmsg* w;
    {
        QLocker l(up->qwait);
        TRY(l.got());
        while (!up->waitq) {
            if (up->nchild == 0)
                return Enochild;
            TRY(sleep(&up->waitr, have_wait, up));
        }
        w = up->waitq;
        up->waitq = w->next;
        up->nchild--;
    }
    char text[WAITMSGLEN];
    int len = waitmsg_format(w, text, sizeof text);
    delete w;
    long m = min<long>(len, n);
    memcpy(uptr(buf), text, m);
    return m;
}

Result<long> syssleep(SyscallArgs a)
{
    int32_t ms = a[0];
    if (ms <= 0) {
        ready(up);
        sched();
    } else {
        TRY(tsleep(&up->sleep, nullptr, nullptr, ms));
    }
    return 0L;
}

Result<long> sysbrk(SyscallArgs a)
{
    TRY(seg_brk(up, a[0]));
    return 0L;
}

// segattach(attr, class, va, len): new zero-filled memory, shared with every child.
Result<long> syssegattach(SyscallArgs a)
{
    char cls[KNAMELEN];
    TRY(copy_user_string(cls, sizeof cls, a[1]));
    uint32_t va = TRY(seg_attach(up, cls, a[2], a[3]));
    return static_cast<long>(va);
}

Result<long> syssegdetach(SyscallArgs a)
{
    TRY(seg_detach(up, a[0]));
    return 0L;
}

Result<long> syssegfree(SyscallArgs a)
{
    TRY(seg_zero(up, a[0], a[1]));
    return 0L;
}

// Plan 9 errstr: exchange the caller's buffer with the process's error string.
Result<long> syserrstr(SyscallArgs a)
{
    uint32_t buf = a[0], n = min<uint32_t>(a[1], ERRMAX);
    if (n == 0)
        return Ebadarg;
    TRY(validaddr(buf, n, true));
    char theirs[ERRMAX];
    memcpy(theirs, uptr(buf), n);
    theirs[n - 1] = 0;
    kstrcpy(uptr<char>(buf), up->errstr, n);
    kstrcpy(up->errstr, theirs, ERRMAX);
    return 0L;
}

Result<long> sysnotify(SyscallArgs a)
{
    uint32_t fn = a[0];
    if (fn && fn >= mem::KZERO)
        return Ebadaddr;
    up->notify = fn;
    return 0L;
}

Result<long> sysalarm(SyscallArgs a)
{
    return static_cast<long>(set_alarm(up, a[0]));
}
