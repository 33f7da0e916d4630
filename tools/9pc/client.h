// The 9P2000 client of 9pc: one connection to one server, one request outstanding at a
// time, on lib9's codec. Nothing a server sends is trusted: every reply is checked before
// it is used (its size against msize, its encoding, its tag and type, and the counts it
// carries against the request), and a reply that breaks the protocol fails the call.
// A failed call returns false (or -1) and leaves the reason in err(): the server's
// Rerror text as it came, or the client's own (lib9/error.h texts where Plan 9 has one).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "lib9/fcall.h"

// A stat entry with its own copies of the strings (a decoded Dir only borrows them).
struct Stat {
    Qid qid;
    uint32_t mode = 0;
    uint32_t atime = 0, mtime = 0;
    uint64_t length = 0;
    uint16_t type = 0;
    uint32_t dev = 0;
    std::string name, uid, gid, muid;
};

// Decodes one whole stat(5) entry from an untrusted buffer: false if it is malformed.
bool unpackstat(const uint8_t* buf, size_t n, Stat* st);

class Client {
public:
    // The connection reads replies from rfd and writes requests to wfd (which may be the
    // same descriptor); the client closes neither.
    Client(int rfd, int wfd);
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Tversion: offers msize and 9P2000, accepts a smaller msize, nothing else.
    bool version(uint32_t msize);
    // Tattach without authentication; the root's fid is root().
    bool attach(const char* uname, const char* aname);
    // Twalk from fid to a new fid over names (any number: walked MAXWELEM at a time).
    // Only a walk of every name succeeds; its fid and final qid are returned.
    bool walk(uint32_t fid, const std::vector<std::string>& names, uint32_t* newfid, Qid* qid);
    // Topen and Tcreate; *iounit is what a read or write of the fid may carry at most.
    bool open(uint32_t fid, uint8_t mode, Qid* qid, uint32_t* iounit);
    bool create(uint32_t fid, const std::string& name, uint32_t perm, uint8_t mode, Qid* qid, uint32_t* iounit);
    // Tread and Twrite of at most iounit bytes: the count, or -1.
    long read(uint32_t fid, uint64_t offset, uint8_t* buf, uint32_t n);
    long write(uint32_t fid, uint64_t offset, const uint8_t* buf, uint32_t n);
    bool clunk(uint32_t fid);
    bool remove(uint32_t fid);  // the fid is gone whatever the answer
    bool stat(uint32_t fid, Stat* st);

    // Clunks fid, keeping the error of the call that failed before (for cleanup paths).
    void drop(uint32_t fid);
    // Sets err() for a failure found by the caller; returns false.
    bool fail(const std::string& why);

    uint32_t root() const { return m_root; }
    uint32_t msize() const { return m_msize; }
    const std::string& err() const { return m_err; }

private:
    bool rpc(Fcall& t, Fcall* r);
    bool transmit(const Fcall& t);
    bool receive(Fcall* r);
    bool botch(const char* what);
    uint32_t iounit_of(uint32_t given) const;

    int m_rfd, m_wfd;
    uint32_t m_msize = 0;  // the negotiated (or, before Rversion, the offered) message size
    uint16_t m_tag = 0;
    uint32_t m_nextfid = 1;
    uint32_t m_root = NOFID;
    std::vector<uint8_t> m_in, m_out;  // the last reply (decoded Fcalls point into it), a request
    std::string m_err;
};
