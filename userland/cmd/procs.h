// What ps and kill share: the processes as /proc/N/status describes them.
#pragma once

#include "libc.h"

struct Proc {
    int pid;
    char* text;  // the program's name
    char* user;
    char* state;
    ulong utime, stime, rtime;  // user, system and real time, milliseconds
    ulong memory;  // kilobytes
    ulong basepri, pri;
};

// Reads the status of every process in /proc, in pid order, into *procs (one malloc'd
// array; its strings live with it until exit). A process that exits meanwhile, or whose
// status is malformed, is left out. Returns the count, or -1 if /proc cannot be read.
long readprocs(Proc** procs);
