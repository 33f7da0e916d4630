// read [-m] [-n nline] [file ...]: copies one line (with -m every line, with -n at most
// nline lines) from the files or standard input to standard output. It reads a byte at a
// time so it never consumes input beyond the lines it prints, which is what lets a
// script read a line and leave the rest for the next command, and it writes each line
// with one write. Its status is "eof" when the input ends before a line starts.
#include "libc.h"

namespace {

bool multi;
long nlines = 1;
const char* status;

[[noreturn]] void usage()
{
    fprint(2, "usage: read [-m] [-n nline] [file ...]\n");
    exits("usage");
}

// Copies one line; returns its length, 0 at end of input.
long line(int fd, const char* name)
{
    static char* buf;
    static long size;
    long m = 0;
    for (;;) {
        char c;
        long n = read(fd, &c, 1);
        if (n < 0)
            sysfatal("error reading %s: %r", name);
        if (n == 0)
            break;
        if (m == size) {
            size = size ? 2 * size : 1024;
            buf = (char*)realloc(buf, size);
            if (buf == nullptr)
                sysfatal("out of memory");
        }
        buf[m++] = c;
        if (c == '\n')
            break;
    }
    if (m == 0)
        status = "eof";
    else if (write(1, buf, m) != m)
        sysfatal("write error: %r");
    return m;
}

void lines(int fd, const char* name)
{
    for (long i = 0; multi || i < nlines; i++)
        if (line(fd, name) == 0)
            break;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "read";
    ARGBEGIN {
    case 'm':
        multi = true;
        break;
    case 'n': {
        char* end;
        char* s = EARGF(usage());
        nlines = strtol(s, &end, 10);
        if (*end != 0 || end == s)
            usage();
        break;
    }
    default:
        usage();
    } ARGEND

    if (argc == 0)
        lines(0, "<stdin>");
    for (int i = 0; i < argc; i++) {
        int fd = open(argv[i], OREAD);
        if (fd < 0)
            sysfatal("can't open %s: %r", argv[i]);
        lines(fd, argv[i]);
        close(fd);
    }
    exits(status);
}
