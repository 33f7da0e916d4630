// memprocs: libc between processes that share memory (rfork RFMEM). Several processes
// hammer malloc, realloc and free, each block carrying a pattern of its owner's that is
// checked before it is grown or freed, so a heap two processes corrupt at once shows;
// a counter raised under lock by several processes, each yielding inside the critical
// section, must count every raise; canlock fails on a held lock; getpid is each process's
// own; closing a pipe that another process is reading ends its read. Prints "ok NAME" or
// "FAIL NAME: why" per check, then "memprocs: N failed".
#include "libc.h"
#include "asleep.h"

namespace {

constexpr int Nproc = 4;
constexpr int Nslot = 32;  // blocks each process keeps live at once
constexpr int Rounds = 6000;

int failures;

void report(const char* name, const char* why)
{
    print(why ? "FAIL %s: %s\n" : "ok %s\n", name, why);
    failures += why != nullptr;
}

// Waits for n children; the first one that did not exit cleanly gives the error.
const char* wait_all(int n)
{
    static char err[ERRMAX];
    const char* why = nullptr;
    for (int i = 0; i < n; i++) {
        Waitmsg* w = wait();
        if (!w)
            return "wait failed";
        if (w->msg[0] && !why) {
            snprint(err, sizeof err, "%s", w->msg);
            why = err;
        }
        free(w);
    }
    return why;
}

// A cheap generator per process (the stack is private, so each has its own state).
ulong next(ulong* seed)
{
    *seed = *seed * 1103515245 + 12345;
    return *seed >> 8;
}

struct Slot {
    uchar* p;
    usize n;
    uchar mark;
};

void fill(Slot* s)
{
    for (usize i = 0; i < s->n; i++)
        s->p[i] = uchar(s->mark + i);
}

bool intact(const Slot* s, usize n)
{
    for (usize i = 0; i < n; i++)
        if (s->p[i] != uchar(s->mark + i))
            return false;
    return true;
}

// One process's share of the heap test: allocate, check, grow, shrink and free at random.
const char* churn(int id)
{
    Slot slots[Nslot] = {};
    ulong seed = ulong(id) * 7919 + 1;
    for (int round = 0; round < Rounds; round++) {
        Slot* s = &slots[next(&seed) % Nslot];
        if (s->p && !intact(s, s->n))
            return "a live block changed under its owner";
        switch (next(&seed) % 3) {
        case 0:
            free(s->p);
            s->n = 1 + next(&seed) % 300;
            s->p = (uchar*)malloc(s->n);
            break;
        case 1: {
            usize n = 1 + next(&seed) % 2000;
            usize keep = n < s->n ? n : s->n;  // s->n is 0 for an empty slot
            auto* p = (uchar*)realloc(s->p, n);
            if (!p)
                return "out of memory";
            Slot moved{p, keep, s->mark};
            if (!intact(&moved, keep))
                return "realloc lost the block's contents";
            s->p = p;
            s->n = n;
            break;
        }
        default:
            free(s->p);
            s->p = nullptr;
            s->n = 0;
            continue;
        }
        if (!s->p)
            return "out of memory";
        s->mark = uchar(id * 64 + round);
        fill(s);
    }
    for (Slot& s : slots) {
        if (s.p && !intact(&s, s.n))
            return "a live block changed under its owner";
        free(s.p);
    }
    return nullptr;
}

const char* heap_is_shared_safely()
{
    for (int i = 0; i < Nproc; i++) {
        int pid = rfork(RFPROC | RFMEM);
        if (pid < 0)
            return "rfork RFMEM failed";
        if (pid == 0)
            exits(churn(i + 1));
    }
    const char* why = churn(0);
    const char* theirs = wait_all(Nproc);
    return why ? why : theirs;
}

Lock counterlock;
long counter;  // raised only under counterlock, by a read and a write apart

void raise(int times)
{
    for (int i = 0; i < times; i++) {
        lock(&counterlock);
        long v = counter;
        if (i % 16 == 0)
            sleep(0);  // let the others run while the lock is held
        counter = v + 1;
        unlock(&counterlock);
    }
}

const char* lock_excludes()
{
    constexpr int Times = 2000;
    counter = 0;
    for (int i = 0; i < Nproc; i++) {
        int pid = rfork(RFPROC | RFMEM);
        if (pid < 0)
            return "rfork RFMEM failed";
        if (pid == 0) {
            raise(Times);
            exits(nullptr);
        }
    }
    raise(Times);
    if (const char* why = wait_all(Nproc))
        return why;
    return counter == (Nproc + 1) * Times ? nullptr : "the count lost raises";
}

const char* canlock_fails_when_held()
{
    Lock l = {};
    if (!canlock(&l))
        return "canlock did not take a free lock";
    if (canlock(&l))
        return "canlock took a held lock";
    unlock(&l);
    if (!canlock(&l))
        return "canlock did not take the lock after unlock";
    unlock(&l);
    return l.key == 0 && l.sem == 0 ? nullptr : "the lock is not zero when free";
}

int childpid;

const char* getpid_is_private()
{
    int parent = getpid();
    int pid = rfork(RFPROC | RFMEM);
    if (pid < 0)
        return "rfork RFMEM failed";
    if (pid == 0) {
        childpid = getpid();
        exits(nullptr);
    }
    if (const char* why = wait_all(1))
        return why;
    if (childpid != pid)
        return "the child's getpid is not its pid";
    return getpid() == parent ? nullptr : "the parent's getpid changed";
}

long readgot;

// Processes that share an fd table: closing both ends of a pipe that another process is
// reading must end that read with end of file. The read holds its own reference to the
// channel, so the pipe lives until the read returns. (It once did not: the reader woke in
// a freed pipe, where new pipes made meanwhile put their data.)
const char* close_under_read()
{
    constexpr int Npipe = 8;
    int p[2], more[Npipe][2];
    if (pipe(p) < 0)
        return "pipe failed";
    readgot = -2;
    int pid = rfork(RFPROC | RFMEM);
    if (pid < 0)
        return "rfork RFMEM failed";
    if (pid == 0) {
        char c;
        readgot = read(p[0], &c, 1);
        exits(nullptr);
    }
    if (!asleep(pid))
        return "the reader did not block";
    close(p[0]);
    close(p[1]);
    for (auto& q : more)
        if (pipe(q) < 0 || write(q[0], "x", 1) != 1 || write(q[1], "y", 1) != 1)
            return "pipes fail after the close";
    const char* why = wait_all(1);
    for (auto& q : more) {
        close(q[0]);
        close(q[1]);
    }
    if (why)
        return why;
    return readgot == 0 ? nullptr : "the read did not see end of file";
}

}  // namespace

int main()
{
    report("heap shared by RFMEM processes", heap_is_shared_safely());
    report("lock excludes", lock_excludes());
    report("canlock", canlock_fails_when_held());
    report("getpid per process", getpid_is_private());
    report("close under read", close_under_read());
    print("memprocs: %d failed\n", failures);
    exits(failures ? "failures" : nullptr);
}
