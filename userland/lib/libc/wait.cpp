// Waiting for children: the AWAIT system call returns Plan 9's text
//   pid utime stime rtime msg
// with msg quoted rc-style (so '' when empty); wait parses it into a Waitmsg.
#include "libc.h"

namespace {

enum { Nbuf = 512, Nfld = 5 };  // Nbuf holds an ERRMAX message, its quotes and the numbers

// Takes the next wait message into buf and splits it into its Nfld fields.
bool next(char* buf, char** fld)
{
    int n = await(buf, Nbuf - 1);
    if (n < 0)
        return false;
    buf[n] = 0;
    if (tokenize(buf, fld, Nfld) != Nfld) {
        werrstr("couldn't parse wait message");
        return false;
    }
    return true;
}

}  // namespace

extern "C" {

Waitmsg* wait()
{
    char buf[Nbuf];
    char* fld[Nfld];
    if (!next(buf, fld))
        return nullptr;
    usize len = strlen(fld[4]) + 1;
    auto* w = (Waitmsg*)malloc(sizeof(Waitmsg) + len);
    if (w == nullptr)
        return nullptr;
    w->pid = atoi(fld[0]);
    for (int i = 0; i < 3; i++)
        w->time[i] = strtoul(fld[1 + i], nullptr, 10);
    w->msg = (char*)(w + 1);
    memmove(w->msg, fld[4], len);
    return w;
}

int waitpid()
{
    char buf[Nbuf];
    char* fld[Nfld];
    if (!next(buf, fld))
        return -1;
    return atoi(fld[0]);
}

}  // extern "C"
