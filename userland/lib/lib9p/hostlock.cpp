// Srv::lock in the host tests: a flag in Srvlock's key that a waiting thread yields on,
// and a number per thread to tell the holder. See Srvguard in conn.cpp.
#include <atomic>
#include <thread>

#include "lib9p/proto.h"

namespace {

std::atomic<long> nthreads;
thread_local long self = ++nthreads;

}  // namespace

long lockself() { return self; }

void locktake(Srvlock* l)
{
    long free = 0;
    while (!__atomic_compare_exchange_n(&l->key, &free, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        free = 0;
        std::this_thread::yield();
    }
}

void lockgive(Srvlock* l) { __atomic_store_n(&l->key, 0, __ATOMIC_RELEASE); }
