// ramfs -i started on a pipe, for test programs that mount it themselves.
#pragma once
#include "libc.h"

// Returns the client's end of the pipe and sets *pid to ramfs's, or -1 with the errstr set.
inline int ramfs_pipe(int* pid)
{
    int p[2];
    if (pipe(p) < 0)
        return -1;
    *pid = fork();
    if (*pid < 0)
        return -1;
    if (*pid == 0) {
        dup(p[1], 0);
        dup(p[1], 1);
        close(p[0]);
        close(p[1]);
        const char* argv[] = { "ramfs", "-i", nullptr };
        exec("/bin/ramfs", argv);
        sysfatal("exec /bin/ramfs: %r");
    }
    close(p[1]);
    return p[0];
}
