// hubfs's file server (hubfs(4)): hubs, pipes with any number of readers and writers
// that keep the newest bytes for late readers, and the ctl file. It makes no system
// calls (the clock, the alarm and quitting come from Hubcfg), so the host tests run the
// same server under lib9p's Conn that hubfs serves on a pipe.
#pragma once
#include <cstdint>

#include "lib9p/9p.h"

struct Hubcfg {
    uint32_t bufsize = 777777;  // -q: the bytes each hub keeps
    uint32_t maxmsg = 666666;  // -l: a longer write is cut to this and its shorter count returned
    bool trunc = false;  // -t: new readers start at the write head, not at the backlog
    bool allowtrunc = false;  // -z: opening a hub with OTRUNC empties it
    // Rate limits (-b, -i, -r): any of the first two turns them on. They hold a hub's
    // writes so that it passes at most bps bytes a second, averaged since the limits last
    // reset, and so that writes start at least mingap ns apart.
    uint64_t bps = 0;
    int64_t mingap = 0;
    int64_t reset = 60'000'000'000;  // ns after which a hub's rate average starts again
    const char* name = "hubfs";  // the name the status read shows
    int64_t (*now)() = nullptr;  // the clock, in ns
    // A write is held by the rate limits until t (ns): call the server's wakeup then.
    void (*wake_at)(int64_t t) = nullptr;
    void (*quit)() = nullptr;  // the ctl message quit, once it is answered
};

// The server, with an empty root owned by uid. Its Srv.wakeup answers the writes the
// rate limits held that are due by now.
Srv* hubsrv(const Hubcfg* cfg, const char* uid);
// Ends a server whose connections are gone: what still waits is answered (and dropped)
// and everything is freed.
void freehubsrv(Srv* s);
