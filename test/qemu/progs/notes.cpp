// notes: note handlers (notify/noted), alarms, and notes interrupting a call queued for a
// lock another process holds while it sleeps. Prints "ok NAME" or "FAIL NAME: why"
// per check, then "notes: N failed".
#include "libc.h"
#include "asleep.h"

namespace {

int failures;
char caught[ERRMAX];
int ncaught;

void report(const char* name, const char* why)
{
    if (why) {
        print("FAIL %s: %s\n", name, why);
        failures++;
    } else {
        print("ok %s\n", name);
    }
}

void record(void*, char* note)
{
    strecpy(caught, caught + sizeof caught, note);
    ncaught++;
    noted(NCONT);
}

const char* handler_runs()
{
    ncaught = 0;
    notify(record);
    postnote(PNPROC, getpid(), "interrupt");
    // The note is delivered on the way back from the write that posted it.
    if (ncaught != 1 || strcmp(caught, "interrupt") != 0)
        return "the handler did not see interrupt";
    return nullptr;
}

const char* alarm_interrupts_sleep()
{
    ncaught = 0;
    notify(record);
    alarm(50);
    int r = sleep(100000);  // under emulation wall time says little: only check what happened
    char err[ERRMAX];
    rerrstr(err, sizeof err);
    if (r >= 0 || strcmp(err, "interrupted") != 0)
        return "sleep was not interrupted";
    if (ncaught != 1 || strcmp(caught, "alarm") != 0)
        return "no alarm note";
    if (alarm(100000) != 0 || alarm(0) <= 0)
        return "alarm's return value";
    return nullptr;
}

// Setting and clearing alarms faster than the clock ticks once put a process on the
// kernel's alarm list twice, and the clock interrupt then looped forever.
const char* alarms_reset_quickly()
{
    ncaught = 0;
    notify(record);
    for (int i = 0; i < 50; i++) {
        alarm(100000);
        alarm(0);
    }
    alarm(30);
    if (sleep(100000) >= 0 || ncaught != 1 || strcmp(caught, "alarm") != 0)
        return "no single alarm after many resets";
    return nullptr;
}

void die_on_trap(void*, char* note)
{
    if (strncmp(note, "sys: trap: fault read", 21) == 0)
        noted(NDFLT);
    noted(NCONT);
}

const char* fault_reaches_handler()
{
    int pid = fork();
    if (pid == 0) {
        notify(die_on_trap);
        volatile int* zero = nullptr;
        exits(*zero ? "read page zero" : "read page zero");
    }
    Waitmsg* w = wait();
    if (!w || !strstr(w->msg, "sys: trap: fault read addr=0x0"))
        return w ? w->msg : "no wait message";
    return nullptr;
}

struct Regs {  // Plan 9's 386 Ureg, as the handler sees it
    ulong di, si, bp, nsp, bx, dx, cx, ax, gs, fs, es, ds, trap, ecode, pc, cs, flags, sp, ss;
};

void forge(void* ureg, char*)
{
    auto* r = static_cast<Regs*>(ureg);
    r->cs = 0x08;  // the kernel's code segment
    r->ss = r->ds = 0x10;
    r->flags |= 0x3000;  // I/O privilege 3
    noted(NCONT);
}

const char* forged_registers_are_refused()
{
    int pid = fork();
    if (pid == 0) {
        notify(forge);
        postnote(PNPROC, getpid(), "forge");
        // Still an ordinary user process: port I/O must fault, not work.
        notify(nullptr);
        asm volatile("outb %%al, $0x80" : : "a"(0));
        exits("port I/O worked after noted");
    }
    Waitmsg* w = wait();
    if (!w || !strstr(w->msg, "sys: trap: general protection violation"))
        return w ? w->msg : "no wait message";
    return nullptr;
}

// A call queued behind another process that sleeps holding the same lock (a pipe's
// writer or reader lock) is interrupted by a note: an alarm here, a kill just the same.
// body(fd) must be that call; holder(fd) blocks a child holding the lock.
const char* queued_call_interrupted(int fd, void (*holder)(int), bool (*body)(int))
{
    int pid = fork();
    if (pid == 0) {
        holder(fd);
        exits(nullptr);
    }
    if (pid < 0 || !asleep(pid))
        return "the lock's holder did not go to sleep";
    ncaught = 0;
    notify(record);
    alarm(50);
    bool ok = body(fd);
    char err[ERRMAX];
    rerrstr(err, sizeof err);
    alarm(0);
    postnote(PNPROC, pid, "kill");
    Waitmsg* w = wait();
    free(w);
    if (ok || strcmp(err, "interrupted") != 0)
        return "the queued call was not interrupted";
    if (ncaught != 1 || strcmp(caught, "alarm") != 0)
        return "no alarm note";
    return nullptr;
}

const char* queued_writer_is_interrupted()
{
    constexpr long Full = 256 * 1024;  // a pipe's limit: writes beyond it sleep
    int p[2];
    if (pipe(p) < 0)
        return "pipe";
    char* fill = static_cast<char*>(malloc(Full));
    bool filled = fill && write(p[1], fill, Full) == Full;
    free(fill);
    const char* why = filled ? queued_call_interrupted(p[1],
        [](int fd) { write(fd, "x", 1); },
        [](int fd) { return write(fd, "y", 1) == 1; }) : "could not fill the pipe";
    close(p[0]);
    close(p[1]);
    return why;
}

const char* queued_reader_is_interrupted()
{
    int p[2];
    if (pipe(p) < 0)
        return "pipe";
    const char* why = queued_call_interrupted(p[0],
        [](int fd) { char c; read(fd, &c, 1); },
        [](int fd) { char d; return read(fd, &d, 1) == 1; });
    close(p[0]);
    close(p[1]);
    return why;
}

}  // namespace

int main()
{
    report("handler runs", handler_runs());
    report("alarm interrupts sleep", alarm_interrupts_sleep());
    report("alarms reset quickly", alarms_reset_quickly());
    report("fault reaches handler", fault_reaches_handler());
    report("forged registers are refused", forged_registers_are_refused());
    report("queued writer is interrupted", queued_writer_is_interrupted());
    report("queued reader is interrupted", queued_reader_is_interrupted());
    print("notes: %d failed\n", failures);
    exits(failures ? "failures" : nullptr);
}
