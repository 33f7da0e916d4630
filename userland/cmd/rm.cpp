// rm [-fr] file ...: removes files, and empty directories. -r removes a directory's
// contents first, depth first; -f keeps quiet about what cannot be removed (and then the
// status stays empty). Otherwise each failure is reported as "rm: name: error" and the
// last error becomes the status, as in Plan 9.
#include "libc.h"

namespace {

bool fflag;
char status[ERRMAX];

void fail(const char* name)
{
    if (fflag)
        return;
    rerrstr(status, sizeof status);
    fprint(2, "rm: %s: %s\n", name, status);
}

// name is a directory that could not be removed as it stood: empty it, then remove it.
// Entries are removed in one pass and the subdirectories that refused are recursed into
// afterwards, so only one directory's entries are held at a time per level.
void rmdir(const char* name)
{
    int fd = open(name, OREAD);
    if (fd < 0) {
        fail(name);
        return;
    }
    Dir* d;
    long n = dirreadall(fd, &d);
    close(fd);
    if (n < 0) {
        fail(name);
        return;
    }
    bool subdirs = false;
    for (long i = 0; i < n; i++) {
        char* path = smprint("%s/%s", name, d[i].name);
        if (path == nullptr)
            sysfatal("out of memory");
        if (remove(path) >= 0)
            d[i].qid.type = QTFILE;  // gone: nothing to recurse into
        else if (d[i].qid.type & QTDIR)
            subdirs = true;
        else
            fail(path);
        free(path);
    }
    for (long i = 0; subdirs && i < n; i++) {
        if (!(d[i].qid.type & QTDIR))
            continue;
        char* path = smprint("%s/%s", name, d[i].name);
        if (path == nullptr)
            sysfatal("out of memory");
        rmdir(path);
        free(path);
    }
    free(d);
    if (remove(name) < 0)
        fail(name);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "rm";
    bool rflag = false;
    ARGBEGIN {
    case 'f':
        fflag = true;
        break;
    case 'r':
        rflag = true;
        break;
    default:
        fprint(2, "usage: rm [-fr] file ...\n");
        exits("usage");
    } ARGEND

    for (int i = 0; i < argc; i++) {
        if (remove(argv[i]) >= 0)
            continue;
        char err[ERRMAX];
        rerrstr(err, sizeof err);  // dirstat may replace it
        Dir* d = rflag ? dirstat(argv[i]) : nullptr;
        if (d != nullptr && (d->qid.type & QTDIR)) {
            rmdir(argv[i]);
        } else {
            werrstr("%s", err);
            fail(argv[i]);
        }
        free(d);
    }
    exits(status);
}
