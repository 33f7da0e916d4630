// lib9p: the 9P2000 server side (Plan 9's 9p(2)), on lib9's codec.
//
// A file server fills in a Srv with the callbacks it implements and hands each client
// connection to a Conn, which takes one T-message at a time (Conn::input) and hands each
// R-message to a send function. The Conn keeps the connection's fids and pending requests,
// negotiates msize, checks every request against the protocol (unknown or duplicate fids
// and tags, open modes, directory offsets, permissions when the server has a Tree) and then
// calls the server with a Req. The server answers with respond(r, error), at once or later:
// a Req stays valid until it is answered, so a server may hold it (a read waiting for data)
// and answer it from another callback.
//
// Processes: respond may be called from any process sharing the server's memory (rfork
// RFMEM), such as a worker making a system call that may block while the serving loop
// goes on calling Conn::input. The library's state of a Srv (its connections' tables, the
// wire, its fids and Tree) is guarded by Srv::lock, which input holds while it handles a
// message (every callback it makes included: a callback needs no lock of its own to look
// at the library's state, and may respond at once), respond while it answers, and
// hangup. So a reply goes out whole (Conn::Send may write it in two pieces) and never
// interleaves with another. Everything else (dirread9p, Conn's other calls, the Req
// fields but ofcall, rbuf and aux) belongs to the serving process; a server keeping its
// own state in another process guards it itself. destroyfid and destroyreq run under
// the lock, in whichever process drops the last reference. Each process has a stack of
// its own, so a Conn (and its send's arg) answered from other processes must not live
// on one.
//
// This part makes no system calls and keeps no global state: it runs the same in user
// programs and in the host tests (lock9p.cpp and hostlock.cpp supply Srv::lock for each).
// serve.h has the loops that read and write file descriptors.
#pragma once
#include <cstddef>
#include <cstdint>

#include "lib9/fcall.h"

struct Conn;
struct File;
struct Req;
struct Tree;

// One fid of one connection. The library owns it; the server may use aux and file.
struct Fid {
    uint32_t fid = NOFID;
    int omode = -1;  // the mode it was opened with, or -1 while it is not open
    Qid qid;
    char* uid = nullptr;  // the user who attached (the library's copy)
    File* file = nullptr;  // with a Tree: the file it names (holds a reference)
    void* aux = nullptr;  // the server's
    uint64_t diroffset = 0;  // directory reads: the offset the next read must ask for
    long dirindex = 0;  // and the index of the entry it starts with
    struct Srv* srv = nullptr;

    int ref = 1;  // the fid table's, and each Req's that names it
    Fid* hnext = nullptr;  // hash chain of the table
};

// One request. ifcall is the T-message as received; every string in it is NUL-terminated
// (p[n] == 0) and stays valid until respond. The server fills ofcall's fields for the reply;
// the library sets type and tag.
struct Req {
    uint16_t tag = NOTAG;
    Fcall ifcall;
    Fcall ofcall;
    Dir d;  // Tstat: the entry to send (preset from the file with a Tree); Twstat: the decoded changes
    Fid* fid = nullptr;  // the fid of the request (Tattach: the new fid; Tauth: nil)
    Fid* newfid = nullptr;  // Twalk: the fid being walked (a clone of fid; becomes newfid)
    Fid* afid = nullptr;  // Tauth: the new auth fid; Tattach: the auth fid named, if any
    Req* oldreq = nullptr;  // Tflush: the request being flushed, nil once it was answered
    // Tread: room for ifcall.count bytes, with room for the Rread's header in front of it,
    // so that a reply filled in here goes out without being copied; ofcall.data points here.
    uint8_t* rbuf = nullptr;
    // Tread answered from the server's own storage: set it when the RREADHDR bytes just
    // before ofcall.data are writable memory that no other process touches until respond
    // returns. The header is then written there for the moment of sending (the bytes are
    // put back), and the reply goes out in one piece rather than two.
    bool headroom = false;
    void* aux = nullptr;  // the server's
    struct Srv* srv = nullptr;
    // Set when a Tflush (without a flush callback), a new Tversion or the end of the
    // connection took the request away: its reply will be dropped, so a server holding it
    // may stop working on it, but must still respond to free it.
    bool flushed = false;

    // The library's own state.
    Conn* conn = nullptr;  // nil once flushed
    const char* error = nullptr;
    bool responded = false;  // a Tflush answered before the request it flushes
    Req* flushers = nullptr;  // Tflushes waiting for this request's reply
    Req* fnext = nullptr;  // next on oldreq->flushers
    uint8_t* msg = nullptr;  // the T-message's bytes, which ifcall points into
    uint8_t* kept = nullptr;  // the reader's buffer msg lies in, when it was kept (Conn::input)
    char* strs = nullptr;  // ifcall's strings, NUL-terminated
    char* dstrs = nullptr;  // Twstat: d's strings
    uint8_t* statbuf = nullptr;  // Rstat's encoded entry
    Req* hnext = nullptr;  // hash chain of the tag table
};

// Directory entry generator for dirread9p: fill *d with entry n (its strings must last
// until the next call) and return 0, or return -1 past the last entry.
using Dirgen = int (*)(long n, Dir* d, void* aux);

// Srv::lock. A process holding it may take it again (input's callbacks call respond).
struct Srvlock {
    long key = 0;  // the lock itself: libc's Lock in user programs, a flag on the host
    long sem = 0;
    long owner = 0;  // the pid (host: thread number) of the holder; 0 when free
    long depth = 0;  // how many times the holder has taken it
};

// What a file server implements. Every callback is optional; the defaults are noted. A
// callback that receives a Req must eventually call respond on it (the Req is freed then).
// Tversion, Tclunk and Tflush's bookkeeping are the library's; Srv.flush lets a server
// that holds requests answer them early.
struct Srv {
    Tree* tree = nullptr;  // with a tree, the library attaches, walks, reads directories,
                           // stats and checks permissions itself; see file.h
    // Tauth: r->afid is the new auth fid. Default: "authentication not required".
    void (*auth)(Req*) = nullptr;
    // Tattach: r->fid is the new fid (with a Tree: at the root), r->afid the auth fid or
    // nil; set r->ofcall.qid (preset to r->fid->qid). Default: accept with a Tree.
    void (*attach)(Req*) = nullptr;
    // Twalk in one piece: r->newfid is a clone of r->fid to walk; set ofcall.wqid and
    // nwqid (a whole walk gives newfid the last qid). Without it the library calls walk1
    // per name (or walks the Tree).
    void (*walk)(Req*) = nullptr;
    // Walk fid one step to name: set fid's aux/file as needed and *qid; nil or an error.
    const char* (*walk1)(Fid* fid, const char* name, Qid* qid) = nullptr;
    // A walk made newfid as a copy of oldfid (qid, uid, file); give it its own aux (either
    // fid may be destroyed first: an in-place walk destroys the old one when it succeeds).
    const char* (*clone)(Fid* oldfid, Fid* newfid) = nullptr;
    void (*open)(Req*) = nullptr;  // modes and permissions are checked; default: accept
    // Tcreate: ifcall.perm already masked by the directory's (open(5)); with a Tree, put
    // the new file (createfile) in r->fid->file and its qid in r->ofcall.qid.
    void (*create)(Req*) = nullptr;
    // Tread: ifcall.count is clipped to msize - IOHDRSZ; fill r->rbuf and set
    // ofcall.count. Or point ofcall.data at the server's own storage (a file's contents,
    // a ring buffer) and it is sent from there, not copied: it need only stay valid and
    // unchanged until respond returns (set headroom too, where it may, to save a write).
    // Directories of a Tree are read by the library; others may use dirread9p.
    void (*read)(Req*) = nullptr;
    void (*write)(Req*) = nullptr;  // set ofcall.count
    // Tremove: the fid is clunked whatever the answer. With a Tree the library unlinks the
    // file after a successful answer (default: answer at once).
    void (*remove)(Req*) = nullptr;
    // Tflush: r->oldreq is pending. The server should respond to r->oldreq (Eintr, say),
    // then to r; the Rflush always follows oldreq's reply. Without it the library drops
    // oldreq (marking it flushed) and answers the Tflush at once.
    void (*flush)(Req*) = nullptr;
    void (*stat)(Req*) = nullptr;  // fill r->d; default with a Tree: the file's entry
    // Twstat: r->d holds the changes (all ones or "" = no change); with a Tree they are
    // checked first and made to the file after a successful answer (default: answer).
    void (*wstat)(Req*) = nullptr;
    // The fid is going away: free aux (an ORCLOSE fid has fid->omode & ORCLOSE; with a
    // Tree its file is already removed).
    void (*destroyfid)(Fid*) = nullptr;
    void (*destroyreq)(Req*) = nullptr;  // the request is going away: free aux
    // srv (serve.h) calls it when a note such as an alarm interrupted its wait for the
    // next message: a server holding requests against a clock answers the due ones here.
    // Without it, an interrupted wait ends the loop as an error does.
    void (*wakeup)(Srv*) = nullptr;
    // srv (serve.h) calls it when the client has gone and every request still pending is
    // flushed: a server with requests in other processes tells them to stop.
    void (*end)(Srv*) = nullptr;
    // postmountsrv calls it in the server process before it serves (hubfs starts its
    // network listener there, so that every client shares one server's memory).
    void (*start)(Srv*) = nullptr;
    uint32_t msize = 8192 + IOHDRSZ;  // the largest message the server accepts
    void* aux = nullptr;  // the server's
    Srvlock lock;  // the library's (see Processes above)
};

// Answer r with error (nil for success) and free it, or, for a Tflush whose request is
// still pending, send the Rflush just after that request's reply. Any process sharing
// the server's memory may call it, once per request.
void respond(Req* r, const char* error);
// Fill r's read reply with whole directory entries from gen, starting where the fid's
// last directory read stopped; returns nil or the error to respond with.
const char* dirread9p(Req* r, Dirgen gen, void* aux);

// One client connection. send is called with each complete R-message: msg[0..n) and then
// data[0..ndata), which must go out back to back as one message. ndata is 0 except for an
// Rread whose data the server left in its own storage without lending the room in front
// of it (see Srv::read, Req::headroom): the header comes alone in msg, the data straight
// from that storage. send may be called from input or from a later respond, in another
// process, but always under Srv::lock.
class Conn {
public:
    using Send = void (*)(void* arg, const uint8_t* msg, size_t n, const uint8_t* data, size_t ndata);

    Conn(Srv* srv, Send send, void* arg);
    // Hangs up first. Requests the server still holds stay valid (flushed) until answered.
    ~Conn();
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    // Handle msg[0..n), one whole message, size field included. A malformed message is
    // answered with Rerror if it carries a tag, and otherwise ignored.
    // With buffer (new[]'d memory that msg lies in), a long Twrite's Req may keep the
    // buffer rather than copy its data: true when it does, and the caller must read on
    // into another; the Req frees it.
    bool input(const uint8_t* msg, size_t n, uint8_t* buffer = nullptr);
    // The client is gone: flush every pending request and clunk every fid (as Tversion does).
    void hangup();
    uint32_t msize() const { return m_msize; }
    size_t pending() const { return m_nreq; }

    static constexpr size_t Nhash = 64;  // chains of each table

private:
    void version(const Fcall& t);

    Srv* m_srv;
    Send m_send;
    void* m_arg;
    uint32_t m_msize;
    uint8_t* m_wbuf;  // m_msize bytes: replies are built here
    Fid* m_fids[Nhash] = {};
    Req* m_reqs[Nhash] = {};
    size_t m_nreq = 0;

    friend struct Proto;  // the request handlers and respond (proto.h)
};
