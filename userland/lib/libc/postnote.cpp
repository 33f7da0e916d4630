// Sending a note (Plan 9's postnote(2)) is writing it to the process's note file, or
// to notepg for every process in its note group.
#include "libc.h"

extern "C" {

int postnote(int group, int pid, const char* note)
{
    char file[64];
    switch (group) {
    case PNPROC:
        snprint(file, sizeof file, "/proc/%d/note", pid);
        break;
    case PNGROUP:
        snprint(file, sizeof file, "/proc/%d/notepg", pid);
        break;
    default:
        werrstr("%s", Ebadarg);
        return -1;
    }
    int fd = open(file, OWRITE | OCEXEC);
    if (fd < 0)
        return -1;
    long n = strlen(note);
    int r = write(fd, note, n) == n ? 0 : -1;
    if (close(fd) < 0)
        r = -1;
    return r;
}

}  // extern "C"
