// QLock::withdraw, apart from the rest of QLock (proc.cpp) so that the host tests' own
// scheduler (test/unit/kernel/hostproc.cpp) shares it.
#include "port/proc.h"

void QLock::withdraw(Proc* p)
{
    Proc* prev = nullptr;
    for (Proc* q = m_head; q; prev = q, q = q->qnext) {
        if (q != p)
            continue;
        (prev ? prev->qnext : m_head) = p->qnext;
        if (m_tail == p)
            m_tail = prev;
        p->qnext = nullptr;
        return;
    }
}
