// Cooperative kernel processes on host threads (hostproc.h). The baton is handed over
// under one mutex, so whatever a process did before giving it up is seen by whoever runs
// next; between hand-overs exactly one thread touches kernel state, as on the real CPU.
// Every switch goes through the test's thread: a process that sleeps hands the baton back
// to run(), which passes it to the next ready process.
#include "hostproc.h"
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>
#include "port/lib.h"

Proc* up;

namespace {

struct HostProc : Proc {
    std::function<void()> body;
    std::thread thread;
    bool done = false;
};

// Never destroyed: the threads of abandoned processes wait on them until the program ends.
std::mutex& mu = *new std::mutex;
std::condition_variable& cv = *new std::condition_variable;
Proc* baton;  // who may run; nullptr: the test
std::deque<Proc*> runq;
std::vector<HostProc*> procs;  // spawned by the test and not yet reaped
Proc test_proc;  // the test, as the holder of a QLock (it may hold one, never wait for one)
int npid;

constexpr int MAXSWITCH = 100000;

// Give the baton to `to` and wait until it comes back to self (nullptr: the test).
void pass(Proc* to, Proc* self)
{
    std::unique_lock<std::mutex> l(mu);
    baton = to;
    cv.notify_all();
    cv.wait(l, [&] { return baton == self; });
}

void start(HostProc* p)
{
    {
        std::unique_lock<std::mutex> l(mu);
        cv.wait(l, [&] { return baton == p; });
    }
    p->body();
    std::lock_guard<std::mutex> l(mu);
    p->state = Pstate::Dead;
    p->done = true;
    baton = nullptr;
    cv.notify_all();
}

HostProc* make(const char* name, std::function<void()> body)
{
    auto* p = new HostProc;
    p->pid = ++npid;
    strncpy(p->text, name, sizeof p->text - 1);
    p->body = std::move(body);
    p->thread = std::thread(start, p);
    ready(p);
    return p;
}

}  // namespace

void ready(Proc* p)
{
    p->state = Pstate::Ready;
    runq.push_back(p);
}

void sched()
{
    if (!up)
        panic("the test itself would sleep");
    pass(nullptr, up);
}

Result<void> sleep(Rendez* r, bool (*cond)(void*), void* arg)
{
    if (up->interrupted) {
        up->interrupted = false;
        return Eintr;
    }
    if (cond && cond(arg))
        return {};
    if (r->p)
        panic("double sleep on %p: pids %d and %d", static_cast<void*>(r), r->p->pid, up->pid);
    r->p = up;
    up->r = r;
    up->state = Pstate::Wakeme;
    sched();
    r->p = r->p == up ? nullptr : r->p;
    bool interrupted = up->interrupted;
    up->interrupted = false;
    if (interrupted)
        return Eintr;
    return {};
}

void wakeup(Rendez* r)
{
    Proc* p = r->p;
    if (p) {
        r->p = nullptr;
        p->r = nullptr;
        if (p->state == Pstate::Wakeme)
            ready(p);
    }
}

bool postnote(Proc* p, const char* note)
{
    if (p->kp)
        return false;
    bool posted = !p->notepending;
    if (posted) {
        strncpy(p->note, note, ERRMAX - 1);
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
    return posted;
}

void kproc(const char* name, void (*fn)(void*), void* arg)
{
    HostProc* p = make(name, [fn, arg] { fn(arg); });
    p->kp = true;
    p->thread.detach();  // runs until the program ends
}

Result<void> QLock::lock()
{
    Proc* self = up ? up : &test_proc;
    if (!m_owner) {
        m_owner = self;
        return {};
    }
    if (!up)
        panic("the test itself would wait for a QLock");
    if (up->interrupted) {
        up->interrupted = false;
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
    if (m_owner == up)
        return {};
    up->interrupted = false;
    return Eintr;
}

void QLock::unlock()
{
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
}

namespace hostproc {

Proc* spawn(const char* name, std::function<void()> body)
{
    HostProc* p = make(name, std::move(body));
    procs.push_back(p);
    return p;
}

bool run()
{
    if (up)
        panic("run() from a process");
    for (int n = 0; !runq.empty(); n++) {
        if (n == MAXSWITCH)
            return false;
        Proc* p = runq.front();
        runq.pop_front();
        p->state = Pstate::Running;
        up = p;
        pass(p, nullptr);
        up = nullptr;
    }
    return true;
}

bool finished(Proc* p)
{
    return static_cast<HostProc*>(p)->done;
}

bool asleep(Proc* p)
{
    return p->state == Pstate::Wakeme;
}

int reap()
{
    int left = 0;
    for (HostProc* p : procs) {
        if (p->done) {
            p->thread.join();
            delete p;
            continue;
        }
        left++;
        std::erase(runq, p);
        if (p->r)
            p->r->p = nullptr;
        p->thread.detach();
    }
    procs.clear();
    return left;
}

}  // namespace hostproc
