// cp [-gux] from to, cp [-gux] from ... dir: copies plain files, into dir under their
// own last names when the last argument is a directory. A new file gets the source's
// permissions; an existing one is truncated and keeps its own mode and owner. -x also
// copies the mode and modification time, -g the group, -u the owner and the group
// (which file servers usually refuse outside their administrative mode). A file is never
// copied onto itself. Failures are reported and skipped; the status is then "errors".
#include "copy.h"

namespace {

bool gflag, uflag, xflag;
bool failed;

[[noreturn]] void usage()
{
    fprint(2, "usage:\tcp [-gux] fromfile tofile\n");
    fprint(2, "\tcp [-x] fromfile ... todir\n");
    exits("usage");
}

bool onto_itself(const Dir* from, const char* fromname, const char* to)
{
    Dir* d = dirstat(to);
    bool same = d != nullptr && same_file(from, d);
    free(d);
    if (same)
        fprint(2, "cp: %s and %s are the same file\n", fromname, to);
    return same;
}

void copy(const char* from, const char* to)
{
    Dir* d = dirstat(from);
    if (d == nullptr) {
        fprint(2, "cp: can't stat %s: %r\n", from);
        failed = true;
        return;
    }
    if (d->mode & DMDIR) {
        fprint(2, "cp: %s is a directory\n", from);
        failed = true;
    } else if (onto_itself(d, from, to)) {
        failed = true;
    } else if (int fdf = open(from, OREAD); fdf < 0) {
        fprint(2, "cp: can't open %s: %r\n", from);
        failed = true;
    } else {
        int fdt = create(to, OWRITE, d->mode & 0777);
        if (fdt < 0) {
            fprint(2, "cp: can't create %s: %r\n", to);
            failed = true;
        } else if (!copy_bytes(fdf, fdt, from, to)) {
            failed = true;
        } else if (xflag || gflag || uflag) {
            Dir n;
            nulldir(&n);
            if (xflag) {
                n.mode = d->mode;
                n.mtime = d->mtime;
            }
            if (uflag)
                n.uid = d->uid;
            if (gflag || uflag)
                n.gid = d->gid;
            if (dirfwstat(fdt, &n) < 0)
                fprint(2, "cp: warning: can't wstat %s: %r\n", to);
        }
        if (fdt >= 0)
            close(fdt);
        close(fdf);
    }
    free(d);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "cp";
    ARGBEGIN {
    case 'g':
        gflag = true;
        break;
    case 'u':
        uflag = true;
        break;
    case 'x':
        xflag = true;
        break;
    default:
        usage();
    } ARGEND
    if (argc < 2)
        usage();

    const char* target = argv[argc - 1];
    Dir* d = dirstat(target);
    bool todir = d != nullptr && (d->mode & DMDIR);
    free(d);
    if (argc > 2 && !todir) {
        fprint(2, "cp: %s not a directory\n", target);
        exits("bad usage");
    }
    for (int i = 0; i < argc - 1; i++) {
        if (!todir) {
            copy(argv[i], target);
            continue;
        }
        const char* slash = strrchr(argv[i], '/');
        char* to = smprint("%s/%s", target, slash ? slash + 1 : argv[i]);
        if (to == nullptr)
            sysfatal("out of memory");
        copy(argv[i], to);
        free(to);
    }
    exits(failed ? "errors" : nullptr);
}
