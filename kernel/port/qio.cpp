// Queues (see qio.h). Blocks are at most MAXBLOCK bytes: a larger write is queued as
// several blocks, so its boundaries are kept only up to that size, as in Plan 9.
// The kernel's operator new returns nullptr when the heap is exhausted.
#include "port/qio.h"
#include "port/lib.h"

namespace {

constexpr uint32_t MAXBLOCK = 64 * 1024;

// Copies bytes [at, at + len) of a[0..na) followed by b to dst.
[[gnu::hot]] void copy_joined(uint8_t* dst, const uint8_t* a, long na, const uint8_t* b, long at, long len)
{
    if (at < na) {
        long k = min(len, na - at);
        memcpy(dst, a + at, k);
        dst += k;
        at += k;
        len -= k;
    }
    if (len)
        memcpy(dst, b + (at - na), len);
}

}  // namespace

Queue::~Queue()
{
    while (Block* b = m_head) {
        m_head = b->next;
        ::operator delete(b);
    }
}

[[gnu::hot]] bool Queue::can_read(void* a)
{
    auto* q = static_cast<Queue*>(a);
    return q->m_head || q->m_hungup;
}

[[gnu::hot]] bool Queue::can_write(void* a)
{
    auto* q = static_cast<Queue*>(a);
    return q->m_bytes < q->m_limit || q->m_hungup;
}

[[gnu::hot]] Result<long> Queue::read(void* buf, long n)
{
    QLocker l(m_rlock);
    TRY(l.got());
    TRY(sleep(&m_rr, can_read, this));
    Block* b = m_head;
    if (!b)
        return 0L;  // hung up and drained
    long m = min<long>(n, b->len - b->rp);
    memcpy(buf, b->data + b->rp, m);
    b->rp += m;
    m_bytes -= m;
    if (b->rp == b->len) {
        m_head = b->next;
        if (!m_head)
            m_tail = nullptr;
        ::operator delete(b);
    }
    wakeup(&m_wr);
    return m;
}

[[gnu::hot]] Result<long> Queue::write(const void* a, long na, const void* b, long nb)
{
    QLocker l(m_wlock);
    TRY(l.got());
    long n = na + nb;
    long done = 0;
    do {
        auto slept = sleep(&m_wr, can_write, this);
        if (slept.is_error())
            return done ? Result<long>(done) : Result<long>(slept.error());
        if (m_hungup)
            return done ? Result<long>(done) : Result<long>(Ehungup);
        uint32_t len = min<uint32_t>(n - done, MAXBLOCK);
        auto* blk = static_cast<Block*>(::operator new(sizeof(Block) + len));
        if (!blk)
            return done ? Result<long>(done) : Result<long>(Enomem);
        blk->next = nullptr;
        blk->len = len;
        blk->rp = 0;
        copy_joined(blk->data, static_cast<const uint8_t*>(a), na, static_cast<const uint8_t*>(b), done, len);
        if (m_tail)
            m_tail->next = blk;
        else
            m_head = blk;
        m_tail = blk;
        m_bytes += len;
        done += len;
        wakeup(&m_rr);
    } while (done < n);
    return n;
}

void Queue::hangup()
{
    m_hungup = true;
    wakeup(&m_rr);
    wakeup(&m_wr);
}

void Queue::reopen()
{
    m_hungup = false;
}
