// Rendezvous groups: the processes that can meet through rendezvous(2).
#pragma once

struct Sleeper;  // a process waiting in rendezvous or semacquire (rendez.cpp)

struct Rgrp {
    int ref = 1;
    Sleeper* waiting = nullptr;  // the processes waiting on a tag
};

Rgrp* rgrp_new();
void rgrp_release(Rgrp* g);
