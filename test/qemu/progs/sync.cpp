// sync: rendezvous and semaphores. Prints "ok NAME" or "FAIL NAME: why" per check, then
// "sync: N failed".
#include "libc.h"

namespace {

int failures;

void report(const char* name, const char* why)
{
    print(why ? "FAIL %s: %s\n" : "ok %s\n", name, why);
    failures += why != nullptr;
}

void ignore_alarm(void*, char* note)
{
    noted(strcmp(note, "alarm") == 0 ? NCONT : NDFLT);
}

const char* rendezvous_swaps()
{
    int pid = rfork(RFPROC | RFFDG);  // not fork(): that makes a new rendezvous group
    if (pid == 0) {
        void* got = rendezvous((void*)1, (void*)42);
        exits(got == (void*)7 ? nullptr : "child got the wrong value");
    }
    void* got = rendezvous((void*)1, (void*)7);
    Waitmsg* w = wait();
    if (got != (void*)42)
        return "parent got the wrong value";
    if (!w || w->msg[0])
        return w ? w->msg : "wait";
    return nullptr;
}

const char* rfrend_separates()
{
    int pid = rfork(RFPROC | RFFDG | RFREND);
    if (pid == 0) {
        notify(ignore_alarm);
        alarm(200);
        void* got = rendezvous((void*)3, (void*)1);
        exits(got == (void*)-1 ? nullptr : "met a process of another group");
    }
    notify(ignore_alarm);
    alarm(400);
    void* got = rendezvous((void*)3, (void*)2);
    alarm(0);
    Waitmsg* w = wait();
    if (got != (void*)-1)
        return "parent met the RFREND child";
    if (!w || w->msg[0])
        return w ? w->msg : "wait";
    return nullptr;
}

long word;

const char* semaphores()
{
    word = 0;
    if (semacquire(&word, 0) != 0)
        return "acquired a zero semaphore";
    word = 1;
    if (semacquire(&word, 1) != 1 || word != 0)
        return "did not acquire";
    semrelease(&word, 2);
    if (word != 2)
        return "release did not add";
    notify(ignore_alarm);
    word = 0;
    alarm(100);
    if (semacquire(&word, 1) != -1)
        return "a blocked acquire was not interrupted";
    if (semacquire((long*)0xC0000000, 0) != -1 || semacquire((long*)3, 0) != -1)
        return "a bad address was accepted";
    return nullptr;
}

}  // namespace

int main()
{
    report("rendezvous swaps values", rendezvous_swaps());
    report("RFREND separates groups", rfrend_separates());
    report("semaphores", semaphores());
    print("sync: %d failed\n", failures);
    exits(failures ? "failures" : nullptr);
}
