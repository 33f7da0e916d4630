// p [-number] [file ...]: Plan 9's paginator. It copies the files, or standard input, to
// standard output and stops after every page of 22 lines (or number) to read a line from
// /dev/cons: an empty line shows the next page, q quits, !cmd runs cmd with rc and asks
// again. A page's last line goes out without its newline: the echo of the one typed
// supplies it. Flags and files may be mixed, as in Plan 9. When standard output is not
// the console nobody can be reading the pages, so p then just copies.
#include "libc.h"
#include "lines.h"

namespace {

enum : int { Deflines = 22 };  // 3 * 22 = 66, the lines of an nroff page

int pagelen = Deflines;
Linereader* cons;
Fmt out;
char outbuf[8192];

// Whether fd 1 is the console: the same file as /dev/cons.
bool onconsole()
{
    Dir* a = dirfstat(1);
    Dir* b = dirstat("/dev/cons");
    bool same = a != nullptr && b != nullptr && a->type == b->type && a->dev == b->dev
        && a->qid.path == b->qid.path;
    free(a);
    free(b);
    return same;
}

void copy(int fd)
{
    char buf[8192];
    long n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (write(1, buf, n) != n)
            sysfatal("write error: %r");
}

void flush()
{
    if (fmtfdflush(&out) < 0)
        sysfatal("write error: %r");
}

// Waits at the end of a page; returns when the next may start.
void command()
{
    for (;;) {
        long n;
        char* cmd = cons->next(&n);
        if (cmd == nullptr || *cmd == 'q')
            exits(nullptr);
        if (*cmd != '!')
            return;
        cmd[n - 1] = 0;  // the newline, or the last byte if the console ended mid-line
        int pid = fork();
        if (pid < 0) {
            fprint(2, "p: fork: %r\n");
            continue;
        }
        if (pid == 0) {
            const char* argv[] = {"rc", "-c", cmd + 1, nullptr};
            exec("/bin/rc", argv);
            sysfatal("exec /bin/rc: %r");
        }
        int w;
        while ((w = waitpid()) >= 0 && w != pid) {
        }
    }
}

void page(int fd)
{
    Linereader in(fd);
    for (;;) {
        for (int i = 1; i <= pagelen; i++) {
            long n;
            char* s = in.next(&n);
            if (s == nullptr)
                return;
            if (s[n - 1] == '\n' && i == pagelen)
                n--;
            fmtprint(&out, "%.*s", (int)n, s);
        }
        flush();
        command();
    }
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "p";
    bool paging = onconsole();
    int fd = -1;
    if (paging) {
        fd = open("/dev/cons", OREAD);
        if (fd < 0) {
            fprint(2, "p: can't open /dev/cons\n");
            exits("missing /dev/cons");
        }
    }
    Linereader consreader(fd);
    cons = &consreader;
    fmtfdinit(&out, 1, outbuf, sizeof outbuf);

    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-') {
            pagelen = atoi(argv[i] + 1);
            if (pagelen <= 0)
                pagelen = Deflines;
            continue;
        }
        nfiles++;
        int f = open(argv[i], OREAD);
        if (f < 0) {
            fprint(2, "p: can't open %s - %r\n", argv[i]);
            continue;
        }
        paging ? page(f) : copy(f);
        close(f);
    }
    if (nfiles == 0)
        paging ? page(0) : copy(0);
    flush();
    exits(nullptr);
}
