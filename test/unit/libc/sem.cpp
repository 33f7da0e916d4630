// Stands in for the semacquire and semrelease system calls beneath libc's lock.cpp in the
// host build: one mutex and one condition for every semaphore word, which is all the
// host tests' few threads need.
#include <condition_variable>
#include <mutex>

namespace {

std::mutex semlock;
std::condition_variable semwait;

}  // namespace

extern "C" int semacquire(long* addr, int block)
{
    std::unique_lock<std::mutex> g(semlock);
    while (*addr <= 0) {
        if (!block)
            return 0;
        semwait.wait(g);
    }
    --*addr;
    return 1;
}

extern "C" long semrelease(long* addr, long count)
{
    {
        std::lock_guard<std::mutex> g(semlock);
        *addr += count;
    }
    semwait.notify_all();
    return count;
}
