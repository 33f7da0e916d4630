// Kernel counters for #c/sysstat, and the kernel message log for #c/kprint.
#pragma once
#include <cstdint>
#include "port/result.h"

struct SysStats {
    uint32_t context_switches;
    uint32_t interrupts;
    uint32_t syscalls;
    uint32_t faults;
    uint32_t load;  // processes ready to run, sampled by the clock, times 1000
    uint64_t idle_ticks;
};

SysStats& sysstats();
void kmesg_append(const char* s, int n);  // every kernel print goes here as well
Result<long> kmesg_read(void* buf, long n, uint64_t off);
