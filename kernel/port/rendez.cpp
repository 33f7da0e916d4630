// rendezvous(2) and semaphores (semacquire/semrelease).
// Rendezvous: processes in one rendezvous group (shared unless rfork RFREND) meet on a
// tag; the first to arrive sleeps, the second swaps values with it. Semaphores: a word
// in user memory; waiters are queued by the word's physical address, so processes that
// share the memory find each other.
#include "lib9/sys.h"
#include "mem.h"
#include "port/lib.h"
#include "port/proc.h"
#include "port/rendez.h"
#include "port/syscall.h"
#include "port/umem.h"

struct Sleeper {
    Rendez r;
    Proc* p;
    uint32_t key;  // rendezvous tag, or the semaphore's physical address
    uint32_t value;  // rendezvous: what the partner left
    bool done;
    Sleeper* next;
};

namespace {

Sleeper* semwaiters;

bool is_done(void* s) { return static_cast<Sleeper*>(s)->done; }

void unlink(Sleeper** list, Sleeper* s)
{
    for (Sleeper** l = list; *l; l = &(*l)->next)
        if (*l == s) {
            *l = s->next;
            return;
        }
}

// The physical address of the user word at va, faulted in; 0 if va is no good.
uint32_t user_word(uint32_t va)
{
    if (va & 3 || !valid_user_range(up, va, 4, true))
        return 0;
    return mmu_lookup(up->pd, mem::pgrounddown(va)) | (va & (mem::BY2PG - 1));
}

}  // namespace

Rgrp* rgrp_new()
{
    return new Rgrp;
}

void rgrp_release(Rgrp* g)
{
    if (--g->ref == 0)
        delete g;  // nobody can be waiting: a waiter holds a reference through its process
}

Result<long> sysrendezvous(SyscallArgs a)
{
    uint32_t tag = a[0], value = a[1];
    Rgrp* g = up->rgrp;
    int s = splhi();
    for (Sleeper** l = &g->waiting; *l; l = &(*l)->next) {
        Sleeper* w = *l;
        if (w->key != tag)
            continue;
        *l = w->next;
        uint32_t theirs = w->value;
        w->value = value;
        w->done = true;
        wakeup(&w->r);
        splx(s);
        return static_cast<long>(theirs);
    }
    Sleeper me { {}, up, tag, value, false, g->waiting };
    g->waiting = &me;
    splx(s);
    auto r = sleep(&me.r, is_done, &me);
    if (r.is_error()) {
        s = splhi();
        if (!me.done)
            unlink(&g->waiting, &me);
        splx(s);
        if (!me.done)
            return r.error();
    }
    return static_cast<long>(me.value);
}

// semacquire(long* addr, int block): 1 when acquired, 0 when it would block and may not.
Result<long> syssemacquire(SyscallArgs a)
{
    uint32_t va = a[0];
    bool block = a[1];
    for (;;) {
        uint32_t key = user_word(va);
        if (!key)
            return Ebadaddr;
        auto* word = reinterpret_cast<volatile int32_t*>(va);
        int s = splhi();
        if (*word > 0) {
            *word = *word - 1;
            splx(s);
            return 1L;
        }
        if (!block) {
            splx(s);
            return 0L;
        }
        Sleeper me { {}, up, key, 0, false, semwaiters };
        semwaiters = &me;
        splx(s);
        auto r = sleep(&me.r, is_done, &me);
        s = splhi();
        if (!me.done)
            unlink(&semwaiters, &me);
        splx(s);
        TRY(r);
    }
}

// semrelease(long* addr, long count): add count and wake that many waiters.
Result<long> syssemrelease(SyscallArgs a)
{
    uint32_t va = a[0];
    int32_t count = a[1];
    if (count < 0)
        return Ebadarg;
    uint32_t key = user_word(va);
    if (!key)
        return Ebadaddr;
    auto* word = reinterpret_cast<volatile int32_t*>(va);
    int s = splhi();
    *word = *word + count;
    int woken = 0;
    for (Sleeper** l = &semwaiters; *l && woken < count;) {
        Sleeper* w = *l;
        if (w->key != key) {
            l = &w->next;
            continue;
        }
        *l = w->next;
        w->done = true;
        wakeup(&w->r);
        woken++;
    }
    splx(s);
    return static_cast<long>(count);
}
