// Queues of blocks between processes, with flow control: the data path of pipes (and
// later the mount driver, consoles and the network). Each write is kept as one block, so
// a read returns data from at most one write (Plan 9's pipes preserve write boundaries).
// A writer sleeps while the queue holds more than its limit; a reader sleeps while it is
// empty. After hangup, readers get what is left and then 0, writers get an error.
#pragma once
#include <cstdint>
#include "port/lock.h"
#include "port/proc.h"
#include "port/result.h"

class Queue {
public:
    explicit Queue(uint32_t limit) : m_limit(limit) {}
    ~Queue();
    Queue(const Queue&) = delete;
    Queue& operator=(const Queue&) = delete;

    Result<long> read(void* buf, long n);
    Result<long> write(const void* buf, long n) { return write(buf, n, nullptr, 0); }
    // One write of a[0..na) then b[0..nb): a single block when it fits in one.
    Result<long> write(const void* a, long na, const void* b, long nb);
    void hangup();  // no more writes; wakes everyone
    bool hungup() const { return m_hungup; }
    void reopen();  // a new writer: accept writes again
    uint32_t bytes() const { return m_bytes; }

private:
    struct Block {
        Block* next;
        uint32_t len, rp;  // bytes in the block, bytes already read
        uint8_t data[];
    };
    static bool can_read(void* q);
    static bool can_write(void* q);

    Block* m_head = nullptr;
    Block* m_tail = nullptr;
    uint32_t m_bytes = 0;
    uint32_t m_limit;
    bool m_hungup = false;
    QLock m_rlock, m_wlock;  // one sleeping reader and one sleeping writer at a time
    Rendez m_rr, m_wr;
};
