// cow: fork shares pages until one side writes. A process touches 4 MB, forks, and
// counts the user pages in use (from #c/swap): the fork must cost far less than 4 MB;
// then the child writes all of it, which must cost about 4 MB more, and each side must
// still see only its own data. Prints "cow ok" or what went wrong.
#include "libc.h"

namespace {

constexpr long Size = 4 << 20;
constexpr long Pages = Size / 4096;

long user_pages()
{
    int fd = open("/dev/swap", OREAD);
    char buf[512];
    long n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        sysfatal("read /dev/swap: %r");
    buf[n] = 0;
    char* line = strstr(buf, " kernel\n");
    if (!line)
        sysfatal("no kernel line in /dev/swap");
    return atol(line + 8);  // "USED/TOTAL user"
}

}  // namespace

int main()
{
    char* mem = (char*)malloc(Size);
    if (!mem)
        sysfatal("malloc: %r");
    memset(mem, 'p', Size);
    int go[2], done[2];
    if (pipe(go) < 0 || pipe(done) < 0)
        sysfatal("pipe: %r");
    long before = user_pages();
    int pid = fork();
    if (pid < 0)
        sysfatal("fork: %r");
    if (pid == 0) {
        char c;
        read(go[1], &c, 1);
        memset(mem, 'c', Size);
        write(done[1], "w", 1);
        read(go[1], &c, 1);
        exits(mem[Size - 1] == 'c' ? nullptr : "child lost its writes");
    }
    long forked = user_pages();
    write(go[0], "g", 1);
    char c;
    read(done[0], &c, 1);
    long written = user_pages();
    write(go[0], "g", 1);
    Waitmsg* w = wait();
    if (!w || w->msg[0])
        sysfatal("child: %s", w ? w->msg : "lost");
    for (long i = 0; i < Size; i += 4096)
        if (mem[i] != 'p')
            sysfatal("the child's writes reached the parent at %ld", i);
    if (forked - before > Pages / 4)
        sysfatal("fork copied %ld pages of %ld", forked - before, Pages);
    if (written - forked < Pages * 9 / 10)
        sysfatal("writing %ld shared pages cost only %ld", Pages, written - forked);
    print("cow ok\n");
    exits(nullptr);
}
