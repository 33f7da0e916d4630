// Kernel processes for host tests of kernel code that sleeps (the mount driver). Each
// process runs on a thread of its own, but a single baton lets only one of them, or the
// test itself, run at a time, and a process gives the baton back only by sleeping,
// queueing on a QLock or finishing: the uniprocessor kernel whose kernel mode is not
// preempted, which the code relies on. hostproc.cpp defines the kernel's up, sleep,
// wakeup, postnote, kproc and QLock for the host build, with the kernel's semantics
// (port/proc.cpp).
//
// The test drives: spawn processes, run() them until none is ready, look at the state,
// post notes or let a server answer (which may wake processes), run() again. Scheduling is
// first come first served, so every run is the same.
#pragma once
#include <functional>
#include "port/proc.h"

namespace hostproc {

// A process that will run body, ready to run (it starts at the next run()).
Proc* spawn(const char* name, std::function<void()> body);
// Runs ready processes until none is; false if they were still going after a bound of
// switches (a livelock).
bool run();
bool finished(Proc* p);
bool asleep(Proc* p);  // in sleep(), waiting for a wakeup or a note
// Ends the processes spawned so far (kproc's excepted): those finished are joined; any
// left are counted and never run again (their threads are detached, asleep for good).
int reap();

}  // namespace hostproc
