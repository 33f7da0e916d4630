// memsep: a forked child gets its own copy of the address space. The child overwrites
// a global, a heap block and a stack buffer, and grows its heap; the parent then finds
// its own copies untouched. Prints "memsep ok".
#include "libc.h"

namespace {
char global[64] = "parent global";
}

int main()
{
    char stackbuf[64];
    strcpy(stackbuf, "parent stack");
    char* heap = strdup("parent heap");
    if (!heap)
        sysfatal("strdup: %r");
    int pid = fork();
    if (pid < 0)
        sysfatal("fork: %r");
    if (pid == 0) {
        strcpy(global, "child global");
        strcpy(stackbuf, "child stack");
        strcpy(heap, "child heap");
        char* more = (char*)malloc(256 * 1024);
        if (!more)
            exits("child: malloc failed");
        memset(more, 'c', 256 * 1024);
        exits(strcmp(global, "child global") == 0 && more[12345] == 'c' ? nullptr : "child: lost its writes");
    }
    Waitmsg* w = wait();
    if (!w || w->msg[0])
        sysfatal("child: %s", w ? w->msg : "no wait message");
    if (strcmp(global, "parent global") || strcmp(stackbuf, "parent stack") || strcmp(heap, "parent heap"))
        sysfatal("the child's writes reached the parent: %s / %s / %s", global, stackbuf, heap);
    print("memsep ok\n");
    exits(nullptr);
}
