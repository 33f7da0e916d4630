// Processes, sleep/wakeup and the scheduler interface.
// A Rendez has at most one sleeper (Plan 9 semantics); callers that may race for one
// serialise with a QLock first.
#pragma once
#include <cstdint>
#include "lib9/sys.h"
#include "port/lock.h"
#include "port/result.h"
#include "port/segment.h"

struct Chan;
struct Fgrp;
struct Pgrp;
struct Egrp;
struct Sgrp;
struct Rgrp;
struct NameEnv;

struct Rendez {
    Proc* p = nullptr;
};

enum class Pstate : uint8_t { Dead, Ready, Running, Wakeme, QueueingQ, Moribund };

struct Waitmsg {
    int pid;
    uint32_t time[3];  // user, system, real, in ms
    char msg[ERRMAX];
    Waitmsg* next;
};

struct Proc {
    int pid = 0;
    int ppid = 0;
    char text[KNAMELEN] = {};
    char user[KNAMELEN] = {};
    Pstate state = Pstate::Dead;
    bool kp = false;  // kernel process: no user address space
    bool nowait = false;  // RFNOWAIT: the parent is not told when we exit
    bool privatemem = false;  // ctl "private": nobody else may rewrite its name space

    uint32_t ksp = 0;  // saved kernel stack pointer while not running
    uint8_t* kstack = nullptr;
    uint32_t pd = 0;  // page directory (physical); 0 for kernel processes
    Segment* seg[NSEG] = {};

    Fgrp* fgrp = nullptr;
    Pgrp* pgrp = nullptr;
    Egrp* egrp = nullptr;
    Sgrp* sgrp = nullptr;
    Rgrp* rgrp = nullptr;
    Chan* slash = nullptr;
    Chan* dot = nullptr;
    char errstr[ERRMAX] = {};
    char syserr[ERRMAX] = {};  // an error text made during the current call (a server's Rerror)

    Rendez* r = nullptr;  // what we are sleeping on
    bool (*cond)(void*) = nullptr;
    void* condarg = nullptr;
    uint64_t twhen = 0;  // tsleep deadline in ticks, 0 if none
    Rendez sleep;  // used by tsleep/sleep syscall

    char note[ERRMAX] = {};  // the pending note (one at a time: later ones wait for it to go)
    bool notepending = false;
    // A note arrived that no sleep has answered with Eintr yet. Cleared by that Eintr, so
    // a call can still wait after being interrupted (the mount driver's flush) until a
    // further note interrupts it again.
    bool interrupted = false;
    uint32_t notify = 0;  // the user's note handler, 0 if none
    bool notified = false;  // in the handler: further notes wait
    uint32_t noteureg = 0;  // where the handler's saved registers are on the user stack
    char lastnote[ERRMAX] = {};  // the note being handled
    uint64_t alarm = 0;  // tick at which to post "alarm", 0 if none
    bool alarmlisted = false;  // on the alarm list (which may lag behind alarm becoming 0)
    Proc* alarmnext = nullptr;
    int noteid = 0;  // process group for notepg; rfork RFNOTEG starts a new one
    char args[256] = {};  // exec's arguments, NUL-separated, for /proc/N/args
    int nargs = 0;  // bytes used in args

    Waitmsg* waitq = nullptr;  // exit messages of children, oldest first
    int nchild = 0;  // children that will post a Waitmsg
    Rendez waitr;
    QLock qwait;

    alignas(16) uint8_t fpsave[108] = {};  // x87 state (fnsave format) while not in the FPU
    bool fpvalid = false;

    uint64_t start_ms = 0;
    uint32_t user_ticks = 0, sys_ticks = 0;

    Proc* rnext = nullptr;  // run queue
    Proc* qnext = nullptr;  // QLock wait list
    QLock* qwaiting = nullptr;  // the QLock it is queued for
    Proc* tnext = nullptr;  // timed sleepers
};

extern Proc* up;  // the process running on this CPU (nullptr before the first switch)

Proc* newproc();  // a fresh Dead process with a kernel stack, in the table
void proc_discard(Proc* p);  // undo newproc() for a process that never ran
Proc* proc_lookup(int pid);
void ready(Proc* p);
void sched();  // give up the CPU; returns when we run again
void sched_tick(bool from_user);  // clock interrupt
void kproc(const char* name, void (*fn)(void*), void* arg);
[[noreturn]] void pexit(const char* exitstr, bool notify_parent);
void proc_init();  // the idle process; the boot CPU's stack becomes its stack
void reaper_start();  // the kernel process that frees dead processes
[[noreturn]] void sched_start();  // the boot stack becomes idle; run processes

// Sleep until cond(arg) holds (checked with interrupts off, so no wakeup is lost).
// Returns Eintr instead if a note has been posted to the process since the last Eintr.
[[nodiscard]] Result<void> sleep(Rendez* r, bool (*cond)(void*), void* arg);
[[nodiscard]] Result<void> tsleep(Rendez* r, bool (*cond)(void*), void* arg, uint32_t ms);
void wakeup(Rendez* r);
void timer_tick();  // wake timed sleepers whose time has come

void kstrcpy(char* dst, const char* src, int n);
// Post a note to p; a sleeping p wakes with Eintr. False if one is already pending (the
// note is then lost, but it still interrupts p's sleep).
bool postnote(Proc* p, const char* note);
int postnote_group(int noteid, const char* note);  // to every process of a note group
// On the way back to user mode: hand a pending note to the handler, or, without one,
// end the process with it (Plan 9's default action).
void notes_on_return();
void alarm_tick();  // post "alarm" to processes whose alarm is due
uint32_t set_alarm(Proc* p, uint32_t ms);
Proc* proc_slot(int i);
constexpr int WAITMSGLEN = 2 * ERRMAX + 64;
// Plan 9's wait text "pid utime stime rtime 'msg'" (msg quoted as rc would read it).
int waitmsg_format(const Waitmsg* w, char* buf, int n);  // the process in table slot i, or nullptr; i < NPROC
constexpr int NPROC = 2048;
NameEnv proc_nameenv(Proc* p);  // where names evaluate for p
