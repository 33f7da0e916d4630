// Fixtures of the mount driver's host tests: memfs served by lib9p over a Wire, with reads
// and Tflushes the test may hold and answer in any order; the mount driver's connection
// on it; and RPCs, each made by a process of its own (hostproc.h).
#pragma once
#include <functional>
#include <string>
#include <vector>
#include "9p/mnt.h"
#include "../lib9p/harness.h"
#include "hostproc.h"
#include "wire.h"

// memfs whose reads wait in `reads` while hold_reads is set, and whose Tflushes, with
// hold_flushes, wait in `flushes` (without it lib9p drops the flushed request and answers
// the Tflush at once). Whatever is still held at the end is answered then.
struct HeldFs {
    HeldFs(bool hold_flushes, uint32_t msize);
    ~HeldFs();
    HeldFs(const HeldFs&) = delete;
    HeldFs& operator=(const HeldFs&) = delete;

    Req* take_read(size_t i);  // the i'th held read, no longer held
    Req* take_flush(size_t i);
    void answer(Req* r);  // as memfs would have

    Memfs fs;
    bool hold_reads = false;
    std::vector<Req*> reads;
    std::vector<Req*> flushes;

private:
    void (*m_read)(Req*);
};

// One mnt_rpc, made by a process of its own, and what came of it.
struct Call {
    explicit Call(Fcall req, bool into_buffer = false) : t(req), direct(into_buffer) {}
    Fcall t;
    bool direct;  // a Tread names a buffer of its own for the data (Mntrpc::direct)

    Proc* p = nullptr;
    bool done = false;
    uint16_t tag = NOTAG;  // what the mount driver gave it
    std::string err;  // "" on success
    uint8_t type = 0;  // the reply's
    Qid qid;
    uint32_t count = 0;
    std::string data;  // an Rread's
};
Proc* start(Mnt* m, Call& c);  // spawns c's process; it runs at the next hostproc::run()

Fcall tattach(uint32_t fid);
Fcall twalk(uint32_t fid, uint32_t newfid, const char* name);
Fcall topen(uint32_t fid, uint8_t mode);
Fcall tread(uint32_t fid, uint32_t count, uint64_t offset = 0);
Fcall tstat(uint32_t fid);

// Makes the calls one after another in one process and runs it to the end: "" for each
// success, else the error.
std::vector<std::string> sequence(Mnt* m, const std::vector<Fcall>& ts);
// mnt_version on c, made by a process run to the end (the server must answer meanwhile).
Result<Mnt*> version(Chan* c, uint32_t msize, const char* v = "9P2000");
void clunker();  // the mount driver's clunk process, started once

// A connection to HeldFs whose files a, b and c (contents alpha, beta, gamma) are open
// for reading as fids 1, 2 and 3; fid 0 is the root.
struct Rig {
    explicit Rig(bool hold_flushes = false, uint32_t server_msize = 8192 + IOHDRSZ);
    ~Rig();  // every process must have finished
    Rig(const Rig&) = delete;
    Rig& operator=(const Rig&) = delete;

    HeldFs srv;
    Wire wire;
    Chan* c;
    Mnt* m = nullptr;
};

// Runs fn in a process of its own, to the end (every server answer is at hand).
void in_proc(std::function<void()> fn);

// HeldFs mounted through the mount driver, with files /a, /dir, /dir/x and /secret: root
// is the Chan of its attach.
struct Mounted {
    explicit Mounted(uint32_t msize = 8192 + IOHDRSZ);
    ~Mounted();  // every process must have finished, every chan but root been closed
    Mounted(const Mounted&) = delete;
    Mounted& operator=(const Mounted&) = delete;

    std::vector<Fcall> sent(uint8_t type, size_t from = 0);  // the T-messages of one type from message `from` on

    HeldFs srv;
    Wire wire;
    Chan* c;
    Mnt* m = nullptr;
    Chan* root = nullptr;
};

// A clone of from walked through names, or the first error.
Result<Chan*> walk(Chan* from, std::initializer_list<const char*> names);
std::string error_of(const char* e);  // "" for nullptr
