// Namespaces (Plan 9's Pgrp): a table of mount points, each with an ordered union of
// members. Every operation takes the Pgrp it works on; nothing here looks at the current
// process, so the same code edits another process's namespace (writable /proc/N/ns).
#pragma once
#include <cstdint>
#include "port/chan.h"
#include "port/lock.h"
#include "port/result.h"

struct Mount {
    Mount* next = nullptr;  // next member of the union, searched in this order
    Chan* to = nullptr;  // the member
    int mflag = 0;  // MCREATE, MCACHE, and the MBEFORE/MAFTER it was added with
    char* spec = nullptr;  // attach specifier of a mount, owned; nullptr for a bind
    int mountid = 0;  // global order of creation (ns lists entries in this order)
};

struct Mhead {
    int ref = 1;  // the Pgrp's table, plus each open union directory reading it
    Chan* from = nullptr;  // the mount point
    Mount* mount = nullptr;  // the union, first member first
    Mhead* next = nullptr;  // in the Pgrp's table
};

struct Pgrp {
    int ref = 1;
    bool noattach = false;  // RFNOMNT: no new mounts, no #x names beyond | d e c p
    Mhead* heads = nullptr;
};

Pgrp* pgrp_new();
Pgrp* pgrp_copy(Pgrp* from);  // RFNAMEG: same mounts, same order; nullptr if out of memory
void pgrp_release(Pgrp* p);
void mhead_release(Mhead* m);

// The mount head for the mount point c, or nullptr. Borrowed: valid while the Pgrp
// is not changed; incref it to keep it.
Mhead* find_mount(Pgrp* p, const Chan* c);
// The union member at place i (0 first), or nullptr. Walks and union reads that sleep
// between members find each one afresh this way, since the union may change meanwhile.
Mount* mount_at(const Mhead* h, int i);

// bind/mount `to` onto `old` (flag: MREPL, MBEFORE or MAFTER, with MCREATE/MCACHE).
// If `to` is an open union (to->umh), its members are added in its order.
// A flag word bind(2) and mount(2) accept: known bits, and not both MBEFORE and MAFTER.
inline bool valid_mount_flag(int flag)
{
    return !(flag & ~MMASK) && (flag & MORDER) != MORDER;
}
Result<void> cmount(Pgrp* p, Chan* to, Chan* old, int flag, const char* spec);
// unmount: every member of old's union (member == nullptr) or just those naming member.
Result<void> cunmount(Pgrp* p, Chan* old, Chan* member);

// Visit every mount in mountid order (the order ns lists them).
void pgrp_foreach(Pgrp* p, void (*fn)(const Mhead* h, const Mount* m, void* arg), void* arg);
