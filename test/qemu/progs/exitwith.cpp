// exitwith [word ...]: exits with the words, joined by blanks, as its status; with none
// it succeeds. Prints nothing, so a test sees only what the shell and kernel make of it.
#include "libc.h"

int main(int argc, char** argv)
{
    usize len = 1;
    for (int i = 1; i < argc; i++)
        len += strlen(argv[i]) + 1;
    auto* msg = (char*)malloc(len);
    if (msg == nullptr)
        exits("exitwith: no memory");
    char* p = msg;
    for (int i = 1; i < argc; i++)
        p = seprint(p, msg + len, i > 1 ? " %s" : "%s", argv[i]);
    *p = 0;
    exits(msg);
}
