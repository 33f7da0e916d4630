// Plan 9's lock(2) spin-free: key counts the holder and its waiters, so taking a free lock
// or releasing one nobody waits for is one atomic instruction; a waiter sleeps on the
// semaphore sem, and unlock hands it one token. The words live in memory shared by the
// processes (rfork RFMEM, segattach), so the kernel's semaphore queue finds them all.
#include "libc.h"

extern "C" {

void lock(Lock* l)
{
    if (__atomic_add_fetch(&l->key, 1, __ATOMIC_ACQUIRE) == 1)
        return;
    // A note interrupts the sleep; the token is still owed to us, so wait again.
    while (semacquire(&l->sem, 1) != 1) {
    }
}

void unlock(Lock* l)
{
    if (__atomic_sub_fetch(&l->key, 1, __ATOMIC_RELEASE) == 0)
        return;
    semrelease(&l->sem, 1);
}

// Only a free lock is taken: incrementing a held one would make this a waiter.
int canlock(Lock* l)
{
    long free = 0;
    return __atomic_compare_exchange_n(&l->key, &free, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

}  // extern "C"
