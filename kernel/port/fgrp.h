// File descriptor groups (Plan 9's Fgrp): the table from fd numbers to open Chans,
// shared between processes unless rfork copies it.
#pragma once
#include "port/chan.h"
#include "port/result.h"

constexpr int NFD = 128;

struct Fgrp {
    int ref = 1;
    Chan* fd[NFD] = {};
};

Fgrp* fgrp_new();
Fgrp* fgrp_copy(Fgrp* f);  // nullptr if out of memory
void fgrp_release(Fgrp* f);
void fgrp_close_on_exec(Fgrp* f);  // close every fd opened with OCEXEC
Result<int> fd_install(Fgrp* f, Chan* c, int at = -1);  // takes the reference; at -1 = lowest free
Result<ChanRef> fd_get(Fgrp* f, int fd, int want_mode = -1);  // want_mode -1 = any
Result<Chan*> fd_take(Fgrp* f, int fd);  // empties the slot; its reference passes to the caller
