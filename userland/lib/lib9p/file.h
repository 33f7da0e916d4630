// File trees for lib9p servers (Plan 9's 9pfile(2)): directories and files held in memory
// with their stat entries, which a Srv with a Tree uses to attach, walk, read directories,
// stat and check permissions without the server's help. The server keeps its data in
// File.aux and answers open, read, write and create itself.
//
// Files are reference counted: the tree holds one reference to each file linked in it,
// each fid one to the file it names, and a file one to its parent. removefile unlinks a
// file at once, but an open file lives on until its last fid is clunked; Tree.destroy is
// called then, to free aux.
#pragma once
#include <cstdint>

#include "lib9/dir.h"

struct Tree;

struct File {
    Dir d;  // the stat entry; name, uid, gid and muid are the file's own copies
    File* parent = nullptr;  // the root is its own parent (without a reference)
    Tree* tree = nullptr;
    void* aux = nullptr;  // the server's

    int ref = 1;
    bool removed = false;  // unlinked from its directory
    File** kids = nullptr;  // a directory's entries, in creation order
    int nkids = 0;
    int nalloc = 0;
};

struct Tree {
    File* root = nullptr;
    void (*destroy)(File*) = nullptr;  // a file's last reference is going: free aux
    uint32_t (*now)() = nullptr;  // the time to stamp files with; nil stamps 0
    uint64_t qidpath = 0;  // the last qid.path given out
};

// A tree whose root directory has the given owner, group and mode (DMDIR is added).
Tree* alloctree(const char* uid, const char* gid, uint32_t mode, void (*destroy)(File*));
// Unlinks every file and drops the tree's references; files still referenced live on.
void freetree(Tree* t);

// Adds name to directory dir with owner uid, dir's group and mode perm (used as is: lib9p
// has already masked a Tcreate's perm). Returns the file with a reference for the caller,
// or nil with *err set.
File* createfile(File* dir, const char* name, const char* uid, uint32_t perm, void* aux, const char** err);
// Unlinks f from its directory (the caller keeps its own reference); nil or an error.
const char* removefile(File* f);
void incref(File* f);
void closefile(File* f);
// The entry name of directory dir (borrowed), or nil.
File* lookupfile(File* dir, const char* name);
// Follows a '/'-separated path from f ("" and "." stay, ".." goes up); a new reference, or nil.
File* walkfile(File* f, const char* path);

// Whether uid may access f for p (DMREAD, DMWRITE, DMEXEC, or a union). Groups are
// simple: a user belongs only to the group of its own name.
bool hasperm(const File* f, const char* uid, uint32_t p);
// Whether uid may make the changes of d (as wstat(5) describes: all ones or "" = no
// change) to f: nil, or the error. wstatapply then makes them.
const char* wstatcheck(const File* f, const Dir* d, const char* uid);
void wstatapply(File* f, const Dir* d);
// Records a change of f's contents by uid: new mtime and qid.vers, muid.
void filemodified(File* f, const char* uid);
