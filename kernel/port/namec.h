// Name evaluation: from a path to a Chan, through mount points and unions.
// The caller names the namespace and the directories to start from (NameEnv), so the
// same code resolves names for the current process or, through /proc/N/ns, for another.
#pragma once
#include <cstdint>
#include "port/chan.h"
#include "port/result.h"

struct Pgrp;

struct NameEnv {
    Pgrp* pgrp;
    Chan* slash;  // root directory "/"
    Chan* dot;  // current directory; its path is absolute
};

enum class Amode {
    Access,  // walk only (stat, exec checks)
    Open,  // walk and open with omode
    Todir,  // walk to a directory (chdir)
    Bind,  // a bind/mount source: keeps the union it names
    Mount,  // a mount point: the last element is not replaced by what is mounted there
    Create,  // create (or truncate, if it exists) the last element with perm
    Remove,  // walk to the file itself, for remove
};

constexpr int MAXPATH = 1024;  // longest path name accepted, NUL included

Result<Chan*> namec(const NameEnv& env, const char* path, Amode amode, int omode = 0, uint32_t perm = 0);
