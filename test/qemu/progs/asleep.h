// Waiting for another process to block: its /proc status says Wakeme once it sleeps in
// the kernel (in a read of an empty pipe, say).
#pragma once
#include "libc.h"

// Whether process pid is asleep in the kernel, polling for about five seconds first.
inline bool asleep(int pid)
{
    char path[32], status[176];
    snprint(path, sizeof path, "/proc/%d/status", pid);
    for (int tries = 0; tries < 500; tries++) {
        int fd = open(path, OREAD);
        long n = fd < 0 ? -1 : read(fd, status, sizeof status - 1);
        close(fd);
        if (n > 0) {
            status[n] = 0;
            if (strstr(status, "Wakeme"))
                return true;
        }
        sleep(10);
    }
    return false;
}
