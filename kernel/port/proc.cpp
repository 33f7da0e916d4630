// Processes and the scheduler.
// One CPU; kernel mode is not preempted: a process in the kernel keeps the CPU until it
// sleeps, and the clock preempts only processes interrupted in user mode. Run-queue and
// Rendez state are touched with interrupts off (splhi), because interrupt handlers
// call wakeup(). A dead process cannot free the stack it runs on, so pexit() hands it to
// the reaper kernel process, which frees its address space and kernel stack.
#include "port/proc.h"
#include "mem.h"
#include "port/chan.h"
#include "port/conf.h"
#include "port/egrp.h"
#include "port/rendez.h"
#include "port/sgrp.h"
#include "port/stats.h"
#include "port/fgrp.h"
#include "port/lib.h"
#include "port/namec.h"
#include "port/pgrp.h"

Proc* up;

namespace {

constexpr int MAXWAITQ = 128;  // unreaped exit messages kept per process, as Plan 9

Proc* proctab[NPROC];
int pidgen;
Proc* runq_head;
Proc* runq_tail;
Proc* idleproc;
Proc* timed;  // processes in tsleep
Proc* deadq;  // Moribund processes awaiting the reaper
Rendez reaper_r;

[[gnu::hot]] Proc* runq_pop()
{
    Proc* p = runq_head;
    if (p) {
        runq_head = p->rnext;
        if (!runq_head)
            runq_tail = nullptr;
        p->rnext = nullptr;
    }
    return p;
}

bool have_dead(void*) { return deadq != nullptr; }

void reaper(void*)
{
    for (;;) {
        (void)sleep(&reaper_r, have_dead, nullptr);  // a kernel process gets no notes
        int s = splhi();
        Proc* p = deadq;
        deadq = p->rnext;
        splx(s);
        proc_discard(p);
    }
}

}  // namespace

void kstrcpy(char* dst, const char* src, int n)
{
    strecpy(dst, dst + n, src);
}

NameEnv proc_nameenv(Proc* p)
{
    return NameEnv { p->pgrp, p->slash, p->dot };
}

const char* current_user()
{
    return up && up->user[0] ? up->user : eve();
}

const char* eve()
{
    return conf_hostowner();
}

Proc* newproc()
{
    for (auto& slot : proctab) {
        if (slot)
            continue;
        Proc* p = new Proc;
        if (!p)
            return nullptr;
        p->kstack = new uint8_t[mem::KSTACK];
        if (!p->kstack) {
            delete p;
            return nullptr;
        }
        p->pid = ++pidgen;
        p->start_ms = ms_since_boot();
        slot = p;
        return p;
    }
    return nullptr;
}

void proc_discard(Proc* p)
{
    seg_free_all(p);
    for (auto& slot : proctab)
        if (slot == p)
            slot = nullptr;
    if (p->pd)
        mmu_freepd(p->pd);
    delete[] p->kstack;
    delete p;
}

Proc* proc_lookup(int pid)
{
    for (Proc* p : proctab)
        if (p && p->pid == pid && p->state != Pstate::Moribund)
            return p;
    return nullptr;
}

[[gnu::hot]] void ready(Proc* p)
{
    int s = splhi();
    p->state = Pstate::Ready;
    p->rnext = nullptr;
    if (runq_tail)
        runq_tail->rnext = p;
    else
        runq_head = p;
    runq_tail = p;
    splx(s);
}

[[gnu::hot]] void sched()
{
    int s = splhi();
    Proc* next = runq_pop();
    if (!next)
        next = idleproc;
    if (next != up) {
        sysstats().context_switches++;
        Proc* prev = up;
        next->state = Pstate::Running;
        up = next;
        proc_switch(prev, next);
    } else {
        up->state = Pstate::Running;
    }
    splx(s);
}

void sched_tick(bool from_user)
{
    SysStats& st = sysstats();
    uint32_t nready = 0;
    for (Proc* p = runq_head; p; p = p->rnext)
        nready++;
    st.load = (st.load * 7 + nready * 1000) / 8;  // a decaying average, as Plan 9's
    if (!up || up == idleproc) {
        st.idle_ticks++;
        return;
    }
    if (from_user)
        up->user_ticks++;
    else
        up->sys_ticks++;
    if (from_user && runq_head) {
        ready(up);
        sched();
    }
}

[[gnu::hot]] Result<void> sleep(Rendez* r, bool (*cond)(void*), void* arg)
{
    int s = splhi();
    if (up->interrupted) {
        up->interrupted = false;
        splx(s);
        return Eintr;
    }
    if (cond && cond(arg)) {
        splx(s);
        return {};
    }
    if (r->p)
        panic("double sleep on %p: pids %d and %d", static_cast<void*>(r), r->p->pid, up->pid);
    r->p = up;
    up->r = r;
    up->state = Pstate::Wakeme;
    sched();
    r->p = r->p == up ? nullptr : r->p;  // woken by a note rather than by wakeup()
    bool interrupted = up->interrupted;
    up->interrupted = false;
    splx(s);
    if (interrupted)
        return Eintr;
    return {};
}

[[gnu::hot]] void wakeup(Rendez* r)
{
    int s = splhi();
    Proc* p = r->p;
    if (p) {
        r->p = nullptr;
        p->r = nullptr;
        if (p->state == Pstate::Wakeme)
            ready(p);
    }
    splx(s);
}

namespace {

struct TimedCond {
    bool (*cond)(void*);
    void* arg;
};

bool timed_out_or(void* a)
{
    auto* t = static_cast<TimedCond*>(a);
    return up->twhen == 0 || (t->cond && t->cond(t->arg));
}

}  // namespace

Result<void> tsleep(Rendez* r, bool (*cond)(void*), void* arg, uint32_t ms)
{
    int s = splhi();
    uint64_t nticks = (static_cast<uint64_t>(ms) * HZ + 999) / 1000;
    up->twhen = ticks() + (nticks ? nticks : 1);
    up->tnext = timed;
    timed = up;
    TimedCond t { cond, arg };
    auto result = sleep(r, timed_out_or, &t);
    for (Proc** l = &timed; *l; l = &(*l)->tnext) {
        if (*l == up) {
            *l = up->tnext;
            break;
        }
    }
    up->twhen = 0;
    splx(s);
    return result;
}

void timer_tick()
{
    uint64_t now = ticks();
    for (Proc* p = timed; p; p = p->tnext) {
        if (p->twhen && p->twhen <= now) {
            p->twhen = 0;
            if (p->r)
                wakeup(p->r);
        }
    }
}

[[gnu::hot]] Result<void> QLock::lock()
{
    int s = splhi();
    if (!m_owner) {
        m_owner = up;
        splx(s);
        return {};
    }
    if (up->interrupted) {
        up->interrupted = false;
        splx(s);
        return Eintr;
    }
    up->qnext = nullptr;
    if (m_tail)
        m_tail->qnext = up;
    else
        m_head = up;
    m_tail = up;
    up->qwaiting = this;
    up->state = Pstate::QueueingQ;
    sched();  // unlock() made us the owner before readying us, or postnote withdrew us
    up->qwaiting = nullptr;
    bool got = m_owner == up;
    if (!got)
        up->interrupted = false;
    splx(s);
    if (!got)
        return Eintr;
    return {};
}

[[gnu::hot]] void QLock::unlock()
{
    int s = splhi();
    Proc* p = m_head;
    if (p) {
        m_head = p->qnext;
        if (!m_head)
            m_tail = nullptr;
        m_owner = p;
        ready(p);
    } else {
        m_owner = nullptr;
    }
    splx(s);
}

Proc* proc_slot(int i)
{
    Proc* p = proctab[i];
    return p && p->state != Pstate::Moribund ? p : nullptr;
}

bool postnote(Proc* p, const char* note)
{
    int s = splhi();
    if (p->kp) {
        splx(s);
        return false;
    }
    bool posted = !p->notepending;
    if (posted) {
        kstrcpy(p->note, note, ERRMAX);
        p->notepending = true;
    }
    p->interrupted = true;
    if (p->state == Pstate::Wakeme && p->r) {
        p->r->p = nullptr;
        p->r = nullptr;
        ready(p);
    } else if (p->state == Pstate::QueueingQ && p->qwaiting) {
        p->qwaiting->withdraw(p);
        ready(p);
    }
    splx(s);
    return posted;
}

int postnote_group(int noteid, const char* note)
{
    int n = 0;
    for (Proc* p : proctab)
        if (p && p->noteid == noteid && p->state != Pstate::Moribund && postnote(p, note))
            n++;
    return n;
}

[[gnu::hot]] void notes_on_return()
{
    if (!up->notepending || up->notified)
        return;
    char note[ERRMAX];
    kstrcpy(note, up->note, ERRMAX);
    up->notepending = false;
    up->interrupted = false;  // delivered: it must not also interrupt the handler's calls
    kstrcpy(up->lastnote, note, ERRMAX);
    if (up->notify && notify_user(up, note))
        return;
    pexit(note, true);
}

namespace {
Proc* alarms;  // processes with an alarm set
}

void alarm_tick()
{
    uint64_t now = ticks();
    for (Proc** l = &alarms; *l;) {
        Proc* p = *l;
        if (p->alarm && p->alarm <= now) {
            p->alarm = 0;
            postnote(p, "alarm");
        }
        if (!p->alarm) {
            *l = p->alarmnext;
            p->alarmnext = nullptr;
            p->alarmlisted = false;
        } else {
            l = &p->alarmnext;
        }
    }
}

// alarm(ms): post "alarm" to the caller after ms (0 cancels); returns what was left of
// the previous alarm, in ms.
uint32_t set_alarm(Proc* p, uint32_t ms)
{
    int s = splhi();
    uint64_t now = ticks();
    uint32_t left = p->alarm > now ? static_cast<uint32_t>((p->alarm - now) * (1000 / HZ)) : 0;
    p->alarm = ms ? now + (static_cast<uint64_t>(ms) * HZ + 999) / 1000 : 0;
    if (p->alarm && !p->alarmlisted) {
        p->alarmnext = alarms;
        alarms = p;
        p->alarmlisted = true;
    }
    splx(s);
    return left;
}

void kproc(const char* name, void (*fn)(void*), void* arg)
{
    Proc* p = newproc();
    if (!p)
        panic("kproc %s: no free processes", name);
    p->kp = true;
    kstrcpy(p->text, name, KNAMELEN);
    kstrcpy(p->user, eve(), KNAMELEN);
    proc_setup_kernel(p, fn, arg);
    ready(p);
}

extern "C" [[noreturn]] void kproc_exit()
{
    pexit("", false);
}

// Tell the parent how we ended: "text pid: why", or "" for success (Plan 9's wait message).
static void post_wait(Proc* p, const char* exitstr)
{
    Proc* parent = proc_lookup(p->ppid);
    if (!parent)
        return;
    int n = 0;
    for (Waitmsg* w = parent->waitq; w; w = w->next)
        n++;
    if (n >= MAXWAITQ) {
        parent->nchild--;
        return;
    }
    auto* w = new Waitmsg;
    if (!w) {
        parent->nchild--;
        return;
    }
    w->pid = p->pid;
    w->time[0] = p->user_ticks * (1000 / HZ);
    w->time[1] = p->sys_ticks * (1000 / HZ);
    w->time[2] = static_cast<uint32_t>(ms_since_boot() - p->start_ms);
    w->msg[0] = 0;
    if (exitstr && *exitstr)
        snprint(w->msg, sizeof w->msg, "%s %d: %s", p->text, p->pid, exitstr);
    w->next = nullptr;
    Waitmsg** l = &parent->waitq;
    while (*l)
        l = &(*l)->next;
    *l = w;
    wakeup(&parent->waitr);
}

namespace {

bool needs_quote(char c)
{
    for (const char* s = "`^#*[]=|\\?${}()<>&;'"; *s; s++)
        if (*s == c)
            return true;
    return c <= ' ' || c == 0x7F;
}

// s quoted as rc would read it back (Plan 9's %q).
void quote(char* dst, char* end, const char* s)
{
    bool need = *s == 0;
    for (const char* p = s; *p && !need; p++)
        need = needs_quote(*p);
    if (!need) {
        strecpy(dst, end, s);
        return;
    }
    char* d = dst;
    *d++ = '\'';
    for (; *s && d < end - 3; s++) {
        if (*s == '\'')
            *d++ = '\'';
        *d++ = *s;
    }
    *d++ = '\'';
    *d = 0;
}

}  // namespace

int waitmsg_format(const Waitmsg* w, char* buf, int n)
{
    char q[2 * ERRMAX + 3];
    quote(q, q + sizeof q, w->msg);
    return snprint(buf, n, "%d %u %u %u %s", w->pid, w->time[0], w->time[1], w->time[2], q);
}

void pexit(const char* exitstr, bool notify_parent)
{
    Proc* p = up;
    if (p->pid == 1)
        panic("boot exited: %s", exitstr && *exitstr ? exitstr : "no reason");
    p->interrupted = false;  // the note that ends it must not also fail the closing of its files
    if (p->fgrp)
        fgrp_release(p->fgrp);
    p->fgrp = nullptr;
    seg_free_all(p);  // this address space is never entered again: its frames can go
    if (p->pgrp)
        pgrp_release(p->pgrp);
    p->pgrp = nullptr;
    if (p->egrp)
        egrp_release(p->egrp);
    p->egrp = nullptr;
    if (p->rgrp)
        rgrp_release(p->rgrp);
    p->rgrp = nullptr;
    if (p->sgrp)  // after the fds: closing one may be what a srv entry was waiting for
        sgrp_release(p->sgrp);
    p->sgrp = nullptr;
    if (p->slash)
        cclose(p->slash);
    if (p->dot)
        cclose(p->dot);
    p->slash = p->dot = nullptr;
    if (notify_parent && !p->kp && !p->nowait)
        post_wait(p, exitstr);
    while (Waitmsg* w = p->waitq) {
        p->waitq = w->next;
        delete w;
    }
    splhi();
    set_alarm(p, 0);
    alarm_tick();  // unlinks p now that its alarm is off
    proc_release_machine(p);
    p->state = Pstate::Moribund;
    p->rnext = deadq;
    deadq = p;
    wakeup(&reaper_r);
    sched();
    panic("pexit: dead process %d scheduled", p->pid);
}

void proc_init()
{
    idleproc = new Proc;
    idleproc->kp = true;
    idleproc->state = Pstate::Running;
    kstrcpy(idleproc->text, "idle", KNAMELEN);
    up = idleproc;
}

void reaper_start()
{
    kproc("reaper", reaper, nullptr);
}

void sched_start()
{
    for (;;) {
        splhi();
        if (runq_head)
            sched();
        else
            idle_wait();
    }
}
