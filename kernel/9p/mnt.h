// The mount driver's connection layer: a Mnt is one 9P conversation with a file server
// over a transport Chan (a pipe, a /srv posting, later TCP). Many processes' RPCs share
// it, told apart by tag; whichever waiting process finds nobody reading becomes the
// reader and hands each reply to the RPC it answers (Plan 9's mountio). Every reply is
// checked against its request before anyone uses it (mntcheck.h).
//
// Lifetimes: the transport Chan has c->mux = its Mnt, and the Mnt lives exactly as long as
// that Chan (cclose calls mnt_free). Every server fid (Mfid) holds a reference on the
// transport, so a connection lasts while any file of it is in use.
#pragma once
#include <cstdint>
#include "lib9/fcall.h"
#include "port/chan.h"
#include "port/namec.h"
#include "port/proc.h"
#include "port/result.h"

// Smallest buffer a Tversion/Rversion exchange needs, and the default msize offered.
inline constexpr uint32_t MNTDEFMSIZE = 8192 + IOHDRSZ;
inline constexpr uint32_t MNTMAXMSIZE = 128 * 1024 + IOHDRSZ;
inline constexpr int MNTAHEAD = 8;  // most Treads a read through a mount -C has out at once

struct Mntrpc;
struct Mfid;

struct Mnt {
    uint32_t id;  // for messages
    Chan* c;  // the transport; borrowed (the Mnt is part of it)
    uint32_t msize;
    char version[16];
    const char* dead = nullptr;  // once the conversation failed: what every call gets now
    // Requests sent that may change a file (writes, wstats, removes, creates, truncating
    // opens): reads sent ahead before the last of them may be stale.
    uint32_t changes = 0;

    QLock wlock;  // one T-message written at a time
    Mntrpc* queue = nullptr;  // RPCs whose reply has not been handed over yet
    Proc* rip = nullptr;  // the process reading replies, if any
    uint8_t* rbuf = nullptr;  // the reply being read: msize bytes, rlen so far
    uint32_t rlen = 0;
    Mntrpc* direct = nullptr;  // the reader's own Rread, whose data goes straight to its buffer
    // Bytes of the next message read with the last one, which was shorter than the Rread
    // header asked for (at most 4: that header is 11 bytes, the shortest message 7).
    uint8_t carry[4];
    uint8_t ncarry = 0;
    uint16_t nexttag = 0;
    uint32_t nextfid = 0;
    Mntrpc* spare = nullptr;  // freed RPCs kept with their buffers
    int nspare = 0;

    Mfid* clunks = nullptr;  // fids to clunk, oldest first, sent before any later message
    Mnt* worknext = nullptr;  // on the clunk process's list
    bool onwork = false;
};

// A fid on the server. Chans cloned from one another share it until one of them walks,
// opens or removes (each of which first gets a fid of its own).
struct Mfid {
    int ref = 1;
    Mnt* m;
    uint32_t fid;
    uint32_t iounit = 0;  // once open
    bool open = false;
    bool gone = false;  // the server has forgotten it (remove clunks even when it fails)
    Mfid* next = nullptr;  // on m->clunks
    // A sequential reader on a mount -C: where its next read would start, and the Treads
    // already sent for that read (nahead of them, sent when m->changes was aheadgen).
    uint64_t nextoff = ~0ull;
    Mntrpc* ahead[MNTAHEAD];
    int nahead = 0;
    uint32_t aheadgen = 0;
};

// The most a Tread or Twrite on f may carry.
inline uint32_t mfid_iounit(const Mfid* f)
{
    uint32_t most = f->m->msize - IOHDRSZ;
    return f->iounit && f->iounit < most ? f->iounit : most;
}

// One request and its reply.
struct Mntrpc {
    Mnt* m = nullptr;
    Mntrpc* next = nullptr;  // on m->queue or m->spare
    Fcall t;  // the request
    Fcall r;  // the reply, decoded into rbuf (or tiny) once done
    uint8_t* tbuf = nullptr;  // msize bytes each, for requests and replies that need them
    uint8_t* rbuf = nullptr;
    uint8_t tiny[32];  // short replies (Rclunk, Rflush, short Rerrors) land here
    const uint8_t* reply = nullptr;  // tiny or rbuf, rlen bytes, once done
    uint32_t rlen = 0;
    // A Tread may name where its data should land (the caller's buffer); if the caller
    // itself reads the reply, the data goes there without passing through rbuf.
    uint8_t* direct = nullptr;
    bool direct_done = false;  // it did: reply holds only the Rread header
    bool done = false;  // the reply has arrived
    bool async = false;  // nobody waits: free it when the reply comes (clunks)
    bool abandoned = false;  // its caller gave up: free it with its flush
    Mntrpc* flushed = nullptr;  // a Tflush: the request it flushes
    Rendez rz;
};

// Negotiate msize (0: the default) and version on c and make its Mnt; or return the one it
// has. version is "9P2000" or a dotted extension of it.
Result<Mnt*> mnt_version(Chan* c, uint32_t msize, const char* version);
void mnt_free(Mnt* m);  // cclose of its transport: no fid of it is left

Result<Mntrpc*> mnt_rpcalloc(Mnt* m);
void mnt_rpcfree(Mnt* m, Mntrpc* r);
// Send r->t (its tag is filled in here), wait for the reply and check it against the
// request. On success r->r is the decoded reply, valid until mnt_rpcfree.
Result<void> mnt_rpc(Mnt* m, Mntrpc* r);
// mnt_rpc in two halves, so that several requests can be out before the first reply is
// awaited (reads ahead). mnt_send writes rs[0..n) together, all or none; rs[0]'s tbuf
// must hold them all. An interrupted mnt_await flushes its request; mnt_abandon flushes
// one that was sent but will not be awaited.
Result<void> mnt_send(Mnt* m, Mntrpc* const* rs, int n);
Result<void> mnt_await(Mnt* m, Mntrpc* r);
void mnt_abandon(Mnt* m, Mntrpc* r);
// A Tread sent ahead that nobody will await: freed now if answered, else when it is.
void mnt_forget(Mnt* m, Mntrpc* r);

// A read of a file through a mount -C longer than its iounit (mntahead.cpp).
Result<long> mnt_read_ahead(Mfid* f, uint8_t* buf, long n, uint64_t off);
void mnt_forget_ahead(Mfid* f);  // the Treads f sent for its next read

Result<Mfid*> mfid_new(Mnt* m);  // a fresh fid number on m (not yet known to the server)
void mfid_release(Mfid* f);  // the last release clunks it, without waiting
void mnt_clunk_start();  // the kernel process that sends clunks nobody else sends

// Chans of the mount driver. Chan::aux holds Mcached for those reached through a mount -C
// (MCACHE): its files are not streams, so a long read may ask for all its pieces at once.
extern Dev& mntdev;
inline constexpr uint32_t Mcached = 1;
Result<Chan*> mnt_attach(Mnt* m, Mfid* afid, const char* uname, const char* aname);
Result<Chan*> mnt_auth(Mnt* m, const char* uname, const char* aname);
// Attach to m's server as the current user (with the auth file afid, if any) and mount
// the tree on old in the name space env: mount(2), and mounts written to /proc/N/ns.
Result<void> ns_mount(const NameEnv& env, Mnt* m, Mfid* afid, const char* old, int flag, const char* aname);
Mfid* mnt_fid(Chan* c);  // nullptr unless c is a chan of the mount driver
