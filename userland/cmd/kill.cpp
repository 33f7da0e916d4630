// kill name ...: prints, for every process of the current user whose program is called
// name, the rc command that kills it:
//   echo kill>/proc/123/note # name
// It kills nothing itself: pipe its output to rc to do that. The user is /dev/user's;
// if that cannot be read every user's processes are listed.
#include "procs.h"

namespace {

// The current user, or nil.
char* user()
{
    static char buf[KNAMELEN + 1];
    int fd = open("/dev/user", OREAD);
    if (fd < 0)
        return nullptr;
    long n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return nullptr;
    buf[n] = 0;
    return buf;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "kill";
    // As Plan 9's kill (an rc script) there are no flags, and no names lists nothing.
    argc--;
    argv++;

    Proc* procs;
    long n = readprocs(&procs);
    if (n < 0)
        sysfatal("/proc: %r");
    const char* me = user();
    for (int i = 0; i < argc; i++)
        for (long j = 0; j < n; j++)
            if (strcmp(procs[j].text, argv[i]) == 0 && (me == nullptr || strcmp(procs[j].user, me) == 0))
                print("echo kill>/proc/%d/note # %s\n", procs[j].pid, procs[j].text);
    exits(nullptr);
}
