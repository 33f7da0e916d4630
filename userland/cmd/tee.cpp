// tee [-ai] [file ...]: copies standard input to standard output and to each file, which is
// created (or with -a opened and appended to, created only if missing). A file that cannot
// be opened is reported and skipped; the copy goes on. -i ignores interrupts, so tee
// outlives the command feeding it when Delete is typed.
#include "libc.h"

namespace {

constexpr int Maxfiles = 100;

void ignore_interrupt(void*, char* note)
{
    noted(strcmp(note, "interrupt") == 0 ? NCONT : NDFLT);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "tee";
    bool append = false;
    ARGBEGIN {
    case 'a':
        append = true;
        break;
    case 'i':
        notify(ignore_interrupt);
        break;
    case 'u':  // a relic of Unix, accepted and ignored
        break;
    default:
        fprint(2, "usage: tee [-ai] [file ...]\n");
        exits("usage");
    } ARGEND

    int fds[Maxfiles + 1];
    int nfd = 0;
    for (int i = 0; i < argc && nfd < Maxfiles; i++) {
        int fd = -1;
        if (append) {
            fd = open(argv[i], OWRITE);
            if (fd < 0)
                fd = create(argv[i], OWRITE, 0666);
            else
                seek(fd, 0, 2);
        } else {
            fd = create(argv[i], OWRITE, 0666);
        }
        if (fd < 0)
            fprint(2, "tee: cannot open %s: %r\n", argv[i]);
        else
            fds[nfd++] = fd;
    }
    fds[nfd++] = 1;

    char buf[8192];
    long n;
    while ((n = read(0, buf, sizeof buf)) > 0)
        for (int i = 0; i < nfd; i++)
            write(fds[i], buf, n);
    exits(nullptr);
}
