// mv from to, mv from ... dir: moves files. Within one directory a move is a rename
// (wstat of the name; an existing target is removed first); across directories it is a
// copy, keeping mode and modification time, then the removal of the source. Directories
// can be renamed but not copied, so one never moves into another directory. A file is
// never moved onto itself. Failures are reported and skipped; the status is then "failure"
// (but a target that cannot be removed to make way stops mv with status "mv").
#include "copy.h"

namespace {


// Splits name into its directory and last element, in place.
void split(char* name, const char** dir, const char** elem)
{
    char* slash = strrchr(name, '/');
    if (slash == name) {
        *dir = "/";
        *elem = name + 1;
    } else if (slash != nullptr) {
        *slash = 0;
        *dir = name;
        *elem = slash + 1;
    } else if (strcmp(name, "..") == 0) {
        *dir = "..";
        *elem = ".";
    } else {
        *dir = ".";
        *elem = name;
    }
}

bool same(const char* a, const char* b)
{
    if (strcmp(a, b) == 0)
        return true;
    Dir* da = dirstat(a);
    Dir* db = dirstat(b);
    bool r = da != nullptr && db != nullptr && same_file(da, db);
    free(da);
    free(db);
    return r;
}

// Removes name and whatever a union showed beneath it, so the rename's target is free.
// Failing that, mv stops at once, as Plan 9's does.
void clear(const char* name)
{
    if (remove(name) < 0) {
        fprint(2, "mv: can't remove %s: %r\n", name);
        exits("mv");
    }
    while (remove(name) >= 0)
        ;
}

bool copy_and_remove(const char* from, const Dir* d, const char* to)
{
    if (d->mode & DMDIR) {
        fprint(2, "mv: %s is a directory, not copied to %s\n", from, to);
        return false;
    }
    int fdf = open(from, OREAD);
    if (fdf < 0) {
        fprint(2, "mv: can't open %s: %r\n", from);
        return false;
    }
    // create truncates, except an append-only file, which must go first.
    Dir* t = dirstat(to);
    bool append = t != nullptr && (t->mode & DMAPPEND);
    free(t);
    if (append)
        clear(to);
    int fdt = create(to, OWRITE, d->mode);
    if (fdt < 0) {
        fprint(2, "mv: can't create %s: %r\n", to);
        close(fdf);
        return false;
    }
    bool ok = copy_bytes(fdf, fdt, from, to);
    close(fdf);
    if (ok) {
        Dir n;
        nulldir(&n);
        n.mode = d->mode;
        n.mtime = d->mtime;
        dirfwstat(fdt, &n);  // best effort: a server may refuse (user none always is)
        if (remove(from) < 0) {
            fprint(2, "mv: can't remove %s: %r\n", from);
            ok = false;
        }
    }
    close(fdt);
    return ok;
}

bool exists(const char* name)
{
    Dir* d = dirstat(name);
    free(d);
    return d != nullptr;
}

// Renames from (described by d) to todir/toelem, named to, when both directories are
// the same; otherwise, or when the server will not rename a file, copies it.
bool move(const char* from, const Dir* d, const char* fromdir, const char* todir, const char* toelem,
    const char* to)
{
    if (same(fromdir, todir)) {
        if (same(from, to)) {
            fprint(2, "mv: %s and %s are the same\n", from, to);
            return false;
        }
        if (exists(to))
            clear(to);
        Dir n;
        nulldir(&n);
        n.name = toelem;
        if (dirwstat(from, &n) >= 0)
            return true;
        if (d->mode & DMDIR) {
            fprint(2, "mv: can't rename directory %s: %r\n", from);
            return false;
        }
    }
    return copy_and_remove(from, d, to);
}

// Moves from to todir/toelem (toelem nil: keep from's last element).
bool mv(const char* from, const char* todir, const char* toelem)
{
    Dir* d = dirstat(from);
    if (d == nullptr) {
        fprint(2, "mv: can't stat %s: %r\n", from);
        return false;
    }
    char* fromcopy = strdup(from);
    if (fromcopy == nullptr)
        sysfatal("out of memory");
    const char* fromdir;
    const char* fromelem;
    split(fromcopy, &fromdir, &fromelem);
    if (toelem == nullptr)
        toelem = fromelem;
    bool ok = false;
    if (*toelem == 0) {
        fprint(2, "mv: null last name element moving %s\n", from);
    } else {
        char* to = smprint("%s/%s", strcmp(todir, "/") == 0 ? "" : todir, toelem);
        if (to == nullptr)
            sysfatal("out of memory");
        ok = move(from, d, fromdir, todir, toelem, to);
        free(to);
    }
    free(fromcopy);
    free(d);
    return ok;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "mv";
    // No flags, as in Plan 9: every argument is a name.
    argc--;
    argv++;
    if (argc < 2) {
        fprint(2, "usage: mv fromfile tofile\n");
        fprint(2, "\t  mv fromfile ... todir\n");
        exits("bad usage");
    }
    for (int i = 0; i < argc; i++)
        cleanname(argv[i]);
    char* target = argv[argc - 1];
    const char* todir;
    const char* toelem;
    Dir* dt = dirstat(target);
    if (dt != nullptr && (dt->mode & DMDIR)) {
        Dir* df = argc == 2 ? dirstat(argv[0]) : nullptr;
        if (df != nullptr && (df->mode & DMDIR)) {
            split(target, &todir, &toelem);  // mv dir1 dir2 renames dir1
        } else {
            todir = target;
            toelem = nullptr;
        }
        free(df);
    } else {
        split(target, &todir, &toelem);
    }
    free(dt);
    if (argc > 2 && toelem != nullptr) {
        fprint(2, "mv: %s not a directory\n", argv[argc - 1]);
        exits("bad usage");
    }
    bool failed = false;
    for (int i = 0; i < argc - 1; i++)
        failed |= !mv(argv[i], todir, toelem);
    exits(failed ? "failure" : nullptr);
}
