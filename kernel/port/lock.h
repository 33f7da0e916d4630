// Locks for a uniprocessor kernel whose kernel mode is not preempted: a process runs
// in the kernel until it sleeps or returns to user mode. So
//   - ILock (interrupts off) protects data shared with interrupt handlers;
//   - QLock (sleeping) serialises processes across a sleep, e.g. one reader of cons.
// Never sleep holding an ILock.
#pragma once
#include "port/portfns.h"

struct Proc;

class ILock {
public:
    void lock() { m_s = splhi(); }
    void unlock() { splx(m_s); }

private:
    int m_s = 0;
};

class QLock {
public:
    void lock();
    void unlock();
    bool locked() const { return m_owner != nullptr; }

private:
    Proc* m_owner = nullptr;
    Proc* m_head = nullptr;  // waiters, FIFO through Proc::qnext
    Proc* m_tail = nullptr;
};

template <typename L>
class Locker {
public:
    explicit Locker(L& l) : m_l(l) { m_l.lock(); }
    ~Locker() { m_l.unlock(); }
    Locker(const Locker&) = delete;
    Locker& operator=(const Locker&) = delete;

private:
    L& m_l;
};
