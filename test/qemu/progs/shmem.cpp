// shmem: shared memory. rfork RFMEM shares data and bss but not the stack; segattach'd
// memory is shared with children across an ordinary fork; segfree zeroes, segdetach
// removes; semaphores work between processes through shared memory. Prints "ok NAME" or
// "FAIL NAME: why" per check, then "shmem: N failed".
#include "libc.h"

namespace {

int failures;
int global;
char* child_heap;

void report(const char* name, const char* why)
{
    print(why ? "FAIL %s: %s\n" : "ok %s\n", name, why);
    failures += why != nullptr;
}

const char* wait_ok()
{
    Waitmsg* w = wait();
    if (!w)
        return "no wait message";
    if (w->msg[0])
        return w->msg;
    free(w);
    return nullptr;
}

const char* rfmem_shares_data()
{
    int local = 1;
    global = 0;
    child_heap = nullptr;
    int pid = rfork(RFPROC | RFMEM);
    if (pid < 0)
        return "rfork RFMEM failed";
    if (pid == 0) {
        global = 42;
        local = 2;  // the stack is the child's own
        char* p = (char*)sbrk(64 * 1024);  // grows the shared bss
        if (p == (char*)-1)
            _exits("sbrk");
        strcpy(p + 60000, "from the child");
        child_heap = p;
        _exits(nullptr);
    }
    if (const char* why = wait_ok())
        return why;
    if (global != 42)
        return "the child's write to a global did not show";
    if (local != 1)
        return "the stack was shared";
    if (!child_heap || strcmp(child_heap + 60000, "from the child") != 0)
        return "memory the child added to bss did not show";
    return nullptr;
}

const char* fork_keeps_private()
{
    global = 0;
    if (fork() == 0) {
        global = 7;
        exits(nullptr);
    }
    if (const char* why = wait_ok())
        return why;
    return global == 0 ? nullptr : "a fork child's write reached the parent";
}

const char* segattach_shares()
{
    char* s = (char*)segattach(0, "shared", nullptr, 1 << 20);
    if (s == (char*)-1)
        return "segattach failed";
    strcpy(s, "parent");
    if (fork() == 0) {
        if (strcmp(s, "parent") != 0)
            exits("child does not see the parent's data");
        strcpy(s + 500000, "child wrote this");
        exits(nullptr);
    }
    if (const char* why = wait_ok())
        return why;
    if (strcmp(s + 500000, "child wrote this") != 0)
        return "the child's write to shared memory did not show";
    memset(s, 'x', 8192);
    if (segfree(s, 8192) < 0 || s[0] != 0 || s[4095] != 0 || s[8191] != 0)
        return "segfree did not zero";
    if (segdetach(s) < 0)
        return "segdetach failed";
    if (fork() == 0) {
        volatile char c = s[0];  // detached: this must fault
        exits(c ? "read detached memory" : "read detached memory");
    }
    Waitmsg* w = wait();
    if (!w || !strstr(w->msg, "sys: trap: fault read"))
        return "touching detached memory did not fault";
    return nullptr;
}

const char* segattach_refuses()
{
    if (segattach(0, "nonsense", nullptr, 4096) != (void*)-1)
        return "attached an unknown class";
    if (segattach(0, "shared", (void*)0x1000, 4096) != (void*)-1)
        return "attached over the text";
    if (segattach(0, "shared", (void*)0xC0000000, 4096) != (void*)-1)
        return "attached in the kernel";
    if (segdetach((void*)0x1000) >= 0)
        return "detached the text";
    return nullptr;
}

const char* semaphores_between_processes()
{
    long* sem = (long*)segattach(0, "shared", nullptr, 4096);
    if (sem == (long*)-1)
        return "segattach failed";
    *sem = 0;
    if (fork() == 0) {
        sleep(50);
        semrelease(sem, 1);
        exits(nullptr);
    }
    if (semacquire(sem, 1) != 1)
        return "semacquire did not return 1";
    if (const char* why = wait_ok())
        return why;
    return *sem == 0 ? nullptr : "the count is wrong";
}

}  // namespace

int main()
{
    report("RFMEM shares data, not stack", rfmem_shares_data());
    report("fork keeps memory private", fork_keeps_private());
    report("segattach shares across fork", segattach_shares());
    report("segattach refuses bad requests", segattach_refuses());
    report("semaphores between processes", semaphores_between_processes());
    print("shmem: %d failed\n", failures);
    exits(failures ? "failures" : nullptr);
}
