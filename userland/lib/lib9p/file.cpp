// File trees (file.h): directories as arrays of their entries, each file reference
// counted. Invariants: a linked file is in exactly one kids array and holds a reference to
// its parent; a removed file is in none and keeps its parent (so ".." from it still
// works) until its own last reference goes. Nothing here makes a system call.
#include "lib9p/file.h"

#include "lib9/error.h"
#include "lib9/sys.h"
#include "lib9p/proto.h"

namespace {

uint32_t now(const Tree* t) { return t->now ? t->now() : 0; }

void setstr(const char** field, const char* s)
{
    char* copy = dupstr(s);
    delete[] *field;
    *field = copy;
}

File* newfile(Tree* t, const char* name, const char* uid, const char* gid, uint32_t mode)
{
    File* f = new File;
    f->tree = t;
    f->d.name = dupstr(name);
    f->d.uid = dupstr(uid);
    f->d.gid = dupstr(gid);
    f->d.muid = dupstr(uid);
    f->d.mode = mode;
    f->d.qid.type = uint8_t(mode >> 24);
    f->d.qid.path = ++t->qidpath;
    f->d.atime = f->d.mtime = now(t);
    return f;
}

void addkid(File* dir, File* f)
{
    if (dir->nkids == dir->nalloc) {
        int n = dir->nalloc ? 2 * dir->nalloc : 8;
        File** k = new File*[n];
        for (int i = 0; i < dir->nkids; i++)
            k[i] = dir->kids[i];
        delete[] dir->kids;
        dir->kids = k;
        dir->nalloc = n;
    }
    dir->kids[dir->nkids++] = f;
}

void delkid(File* dir, File* f)
{
    for (int i = 0; i < dir->nkids; i++)
        if (dir->kids[i] == f) {
            for (int j = i + 1; j < dir->nkids; j++)
                dir->kids[j - 1] = dir->kids[j];
            dir->nkids--;
            return;
        }
}

bool isroot(const File* f) { return f->parent == f; }

// Directories are where users look: every change of their entries is a modification.
void dirchanged(File* dir)
{
    dir->d.mtime = now(dir->tree);
    dir->d.qid.vers++;
}

}  // namespace

Tree* alloctree(const char* uid, const char* gid, uint32_t mode, void (*destroy)(File*))
{
    Tree* t = new Tree;
    t->destroy = destroy;
    t->root = newfile(t, "/", uid, gid, mode | DMDIR);
    t->root->parent = t->root;
    return t;
}

void freetree(Tree* t)
{
    File* f = t->root;
    // Depth first without recursion: remove the last entry of the deepest directory.
    while (f->nkids || !isroot(f)) {
        if (f->nkids) {
            f = f->kids[f->nkids - 1];
            continue;
        }
        File* dir = f->parent;
        (void)removefile(f);
        f = dir;
    }
    closefile(t->root);
    delete t;
}

File* createfile(File* dir, const char* name, const char* uid, uint32_t perm, void* aux, const char** err)
{
    *err = nullptr;
    if (!(dir->d.qid.type & QTDIR))
        *err = Ecreatenondir;
    else if (dir->removed)
        *err = Enonexist;
    else if (!goodname(name))
        *err = Ebadchar;
    else if (lookupfile(dir, name))
        *err = Eexist;
    if (*err)
        return nullptr;
    File* f = newfile(dir->tree, name, uid, dir->d.gid, perm);
    f->aux = aux;
    f->parent = dir;
    incref(dir);
    addkid(dir, f);  // the tree's reference
    dirchanged(dir);
    incref(f);  // the caller's
    return f;
}

const char* removefile(File* f)
{
    if (f->removed)
        return nullptr;
    if (isroot(f))
        return Eperm;
    if (f->nkids)
        return Enotempty;
    delkid(f->parent, f);
    dirchanged(f->parent);
    f->removed = true;
    closefile(f);
    return nullptr;
}

void incref(File* f) { f->ref++; }

void closefile(File* f)
{
    if (--f->ref > 0)
        return;
    if (f->tree->destroy)
        f->tree->destroy(f);
    if (!isroot(f))
        closefile(f->parent);
    delete[] f->d.name;
    delete[] f->d.uid;
    delete[] f->d.gid;
    delete[] f->d.muid;
    delete[] f->kids;
    delete f;
}

File* lookupfile(File* dir, const char* name)
{
    for (int i = 0; i < dir->nkids; i++)
        if (streq(dir->kids[i]->d.name, name))
            return dir->kids[i];
    return nullptr;
}

File* walkfile(File* f, const char* path)
{
    char elem[NAMEMAX + 1];
    incref(f);
    while (*path) {
        while (*path == '/')
            path++;
        size_t n = 0;
        while (path[n] && path[n] != '/')
            n++;
        if (n == 0)
            break;
        if (n > NAMEMAX) {
            closefile(f);
            return nullptr;
        }
        __builtin_memcpy(elem, path, n);
        elem[n] = 0;
        path += n;
        File* next = streq(elem, ".") ? f : streq(elem, "..") ? f->parent : lookupfile(f, elem);
        if (!next) {
            closefile(f);
            return nullptr;
        }
        incref(next);
        closefile(f);
        f = next;
    }
    return f;
}

bool hasperm(const File* f, const char* uid, uint32_t p)
{
    uint32_t m = f->d.mode & 7;
    if (streq(uid, f->d.uid))
        m |= (f->d.mode >> 6) & 7;
    if (streq(uid, f->d.gid))
        m |= (f->d.mode >> 3) & 7;
    return (m & p) == p;
}

const char* wstatcheck(const File* f, const Dir* d, const char* uid)
{
    // The owner, or the leader of the file's group (the user of the same name).
    bool owner = streq(uid, f->d.uid) || streq(uid, f->d.gid);
    if (d->name[0] && !streq(d->name, f->d.name)) {
        if (isroot(f) || f->removed || !hasperm(f->parent, uid, DMWRITE))
            return Eperm;
        if (!goodname(d->name))
            return Ebadchar;
        if (lookupfile(f->parent, d->name))
            return Eexist;
    }
    if (d->length != ~0ull && d->length != f->d.length) {
        if (f->d.qid.type & QTDIR)
            return Eisdir;
        if (!hasperm(f, uid, DMWRITE))
            return Eperm;
    }
    if (d->mode != ~0u && d->mode != f->d.mode && !owner)
        return Eperm;
    if (d->mtime != ~0u && d->mtime != f->d.mtime && !owner)
        return Eperm;
    if (d->gid[0] && !streq(d->gid, f->d.gid) && !owner)
        return Eperm;
    if (d->uid[0] && !streq(d->uid, f->d.uid))
        return Eperm;
    return nullptr;
}

void wstatapply(File* f, const Dir* d)
{
    if (d->name[0] && !streq(d->name, f->d.name)) {
        setstr(&f->d.name, d->name);
        dirchanged(f->parent);
    }
    if (d->length != ~0ull)
        f->d.length = d->length;
    if (d->mode != ~0u) {
        f->d.mode = d->mode;
        f->d.qid.type = uint8_t(d->mode >> 24);
    }
    if (d->mtime != ~0u)
        f->d.mtime = d->mtime;
    if (d->gid[0])
        setstr(&f->d.gid, d->gid);
}

void filemodified(File* f, const char* uid)
{
    f->d.mtime = now(f->tree);
    f->d.qid.vers++;
    if (!streq(uid, f->d.muid))
        setstr(&f->d.muid, uid);
}
