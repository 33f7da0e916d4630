// Locks for a uniprocessor kernel whose kernel mode is not preempted: a process runs
// in the kernel until it sleeps or returns to user mode. So
//   - ILock (interrupts off) protects data shared with interrupt handlers;
//   - QLock (sleeping) serialises processes across a sleep, e.g. one reader of cons.
//     Its holder may sleep for as long as a device lets it, so a note interrupts the
//     wait for it (9front's eqlock): a process queued behind a writer of a full pipe
//     can still be killed.
// Never sleep holding an ILock.
#pragma once
#include "port/portfns.h"
#include "port/result.h"

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
    // Eintr when a note arrives first (or is already there, if it must wait).
    [[nodiscard]] Result<void> lock();
    void unlock();
    bool locked() const { return m_owner != nullptr; }
    void withdraw(Proc* p);  // p's wait was interrupted: take it off the queue

private:
    Proc* m_owner = nullptr;
    Proc* m_head = nullptr;  // waiters, FIFO through Proc::qnext
    Proc* m_tail = nullptr;
};

// Holds q from a successful lock() to the end of the scope: QLocker l(q); TRY(l.got());
class QLocker {
public:
    explicit QLocker(QLock& q) : m_q(q), m_got(q.lock()) {}
    ~QLocker()
    {
        if (!m_got.is_error())
            m_q.unlock();
    }
    QLocker(const QLocker&) = delete;
    QLocker& operator=(const QLocker&) = delete;
    Result<void> got() const { return m_got; }

private:
    QLock& m_q;
    Result<void> m_got;
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
