// echo [-n] [arg ...]: writes the arguments separated by blanks, then a newline unless -n.
// As in Plan 9 only a first argument of exactly -n is a flag (echo -x prints -x), and the
// line goes out in a single write so it cannot interleave with other writers.
#include "libc.h"

int main(int argc, char** argv)
{
    bool nflag = argc > 1 && strcmp(argv[1], "-n") == 0;
    int first = nflag ? 2 : 1;
    usize len = 1;
    for (int i = first; i < argc; i++)
        len += strlen(argv[i]) + 1;
    auto* buf = (char*)malloc(len);
    if (buf == nullptr)
        exits("no memory");
    char* p = buf;
    for (int i = first; i < argc; i++) {
        if (i > first)
            *p++ = ' ';
        usize n = strlen(argv[i]);
        memmove(p, argv[i], n);
        p += n;
    }
    if (!nflag)
        *p++ = '\n';
    if (write(1, buf, p - buf) < 0) {
        fprint(2, "echo: write error: %r\n");
        exits("write error");
    }
    exits(nullptr);
}
