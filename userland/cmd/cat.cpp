// cat [file ...]: copies each file in turn, or standard input, to standard output.
// As in Plan 9 there are no flags, and the first file that cannot be opened, read or
// copied ends cat, with the error ("can't open NAME: ERR") as its exit status.
#include "libc.h"

namespace {

void cat(int fd, const char* name)
{
    char buf[8192];
    long n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (write(1, buf, n) != n)
            sysfatal("write error copying %s: %r", name);
    if (n < 0)
        sysfatal("error reading %s: %r", name);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "cat";
    if (argc == 1)
        cat(0, "<stdin>");
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], OREAD);
        if (fd < 0)
            sysfatal("can't open %s: %r", argv[i]);
        cat(fd, argv[i]);
        close(fd);
    }
    exits(nullptr);
}
