// lib9p's inside, shared by its files and by nothing else: the fid and tag tables of a
// Conn (conn.cpp), the request handlers (req.cpp) and the completion of a request after
// respond (respond.cpp).
//
// References: a Fid is held by its Conn's table and by every Req naming it; the last
// fidput destroys it (removing its file first if it was opened ORCLOSE). A Req is held by
// its Conn's tag table until it is answered or flushed; respond frees it.
#pragma once
#include "lib9p/9p.h"

// The most a read or write may carry at msize: the count it asks for, clipped.
inline uint32_t clipcount(uint32_t count, uint32_t msize)
{
    uint32_t max = msize - IOHDRSZ;
    return count < max ? count : max;
}

struct Proto {
    // Tables (conn.cpp).
    static Fid* lookupfid(Conn* c, uint32_t fid);  // a new reference, or nil
    static bool reservefid(Conn* c, Fid* f);  // adds f (taking a reference); false if the number is in use
    static Fid* removefid(Conn* c, uint32_t fid);  // hands over the table's reference, or nil
    static void unreserve(Conn* c, Fid* f);  // drops f (nil: nothing) if the table holds this very Fid
    static void replacefid(Conn* c, Fid* old, Fid* f);  // f takes old's place if old is still there
    static Req* findreq(Conn* c, uint16_t tag);
    static void untag(Conn* c, Req* r);
    static uint32_t msize(Conn* c) { return c->m_msize; }
    // Encodes f (replacing it with an Rerror if it does not fit in msize) and sends it.
    static void send(Conn* c, const Fcall* f);
    static void send_error(Conn* c, uint16_t tag, const char* error);
    // Sends r's Rread without copying its data: see Conn::Send.
    static void send_rread(Conn* c, Req* r);

    // A Req holding its own copy of msg[0..n) (or, given kept, msg where it lies in that
    // buffer, which it then owns), with room for its strings and a Tread's rbuf
    // (conn.cpp), and its freeing.
    static Req* newreq(const uint8_t* msg, size_t n, size_t nstr, size_t nread, uint8_t* kept = nullptr);
    static void freereq(Req* r);

    // Requests (req.cpp): check r against the protocol and hand it to the server.
    static void dispatch(Req* r);
    // Takes r away from its connection: its tag is free, the fid it was making is
    // released, and its reply will be dropped.
    static void flushreq(Req* r);
};

// Srv::lock, taken and released as a scope, again without waiting by its holder.
class Srvguard {
public:
    explicit Srvguard(Srv* s);
    ~Srvguard();
    Srvguard(const Srvguard&) = delete;
    Srvguard& operator=(const Srvguard&) = delete;

private:
    Srvlock* m_lock;
};
// The platform's part of Srvguard (lock9p.cpp, hostlock.cpp): who is calling, and the
// plain lock in Srvlock's key and sem.
long lockself();
void locktake(Srvlock* l);
void lockgive(Srvlock* l);

Fid* allocfid(Srv* srv, uint32_t fid);  // a new, unattached Fid with one reference
void fidput(Fid* f);
char* dupstr(const char* s);
bool streq(const char* a, const char* b);
// A name a file may have: not empty, ".", "..", and without '/'.
bool goodname(const char* name);
// The fid a request is adding to the table (Tattach, Tauth, Twalk to a new fid), or nil.
Fid* reservedfid(Req* r);
// With a Tree: fill r's read reply from the directory r->fid->file.
const char* treedirread(Req* r);
