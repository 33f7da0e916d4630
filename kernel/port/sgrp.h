// Srv groups: the channels posted in /srv. Plan 9 has one global list; ANTS splits it
// per process group (rfork V, RFCSRVG, gives a process a private, empty /srv), and keeps
// one list that is never split, #z, for sharing across those boundaries.
#pragma once
#include <cstdint>
#include "lib9/sys.h"

struct Chan;

struct Srv {
    char* name;
    char owner[KNAMELEN];
    uint32_t perm;
    uint64_t path;  // qid path
    Chan* chan;  // what was posted; nullptr until the creator writes an fd number
    Srv* next;
};

struct Sgrp {
    int ref = 1;
    Srv* list = nullptr;
};

Sgrp* sgrp_new();
void sgrp_release(Sgrp* s);  // closes the posted chans of the last reference's entries
Sgrp* global_zrv();  // the #z group
