// A transport for host tests of the mount driver. Its client end is a Chan whose Dev reads
// and writes bytes, like a pipe to a file server; its server end is in the test: a lib9p
// Conn handed each T-message as it is written, or, without a Srv, the test itself, which
// looks at the T-messages and sends back whatever bytes it likes. A read with nothing to
// read sleeps until the server sends (a note interrupts it), as on a kernel pipe; the
// test can also hold the server's bytes back, trickle them, or stall the client's writes.
// Every Chan of it must be closed before it goes (tests check chans()).
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>
#include "lib9/fcall.h"
#include "lib9p/9p.h"
#include "port/chan.h"
#include "port/proc.h"

class Wire {
public:
    explicit Wire(Srv* srv = nullptr);
    ~Wire();
    Wire(const Wire&) = delete;
    Wire& operator=(const Wire&) = delete;

    Chan* open();  // a new client end, open for reading and writing, for the caller
    int chans() const { return m_chans; }  // client ends not yet closed

    // The T-messages the client has written, each decoded (type 0 if it did not decode).
    size_t nmsg() const { return m_tmsgs.size(); }
    const Fcall& msg(size_t i) const { return m_tmsgs.at(i); }
    const Fcall& last() const { return m_tmsgs.back(); }
    size_t writes() const { return m_writes; }  // the client's write calls
    size_t reads() const { return m_reads; }  // and its read calls that returned bytes
    // Where the body of each write2 call lay (nil: it had none).
    const std::vector<const void*>& bodies() const { return m_bodies; }

    // The server's end.
    void send(const Fcall& r);  // encodes r
    void send(const std::vector<uint8_t>& bytes);
    void hangup();  // closed: the client reads what is left, then end of file; writes fail
    Conn* conn() { return m_conn.get(); }

    // Flow control. Held bytes wait until released (SIZE_MAX: all of them); a read returns
    // at most chunk bytes; while writes are stalled a writer sleeps.
    void hold(bool on) { m_hold = on; }
    void release(size_t n = SIZE_MAX);
    size_t held() const { return m_held.size(); }
    size_t unread() const { return m_out.size(); }
    size_t chunk = SIZE_MAX;
    void stall(bool on);

    // The Dev's side.
    Result<long> read(void* buf, long n);
    Result<long> write(const void* buf, long n);
    Result<long> write2(const void* head, long nhead, const void* body, long nbody);
    void closed() { m_chans--; }

private:
    static void sink(void* arg, const uint8_t* msg, size_t n, const uint8_t* data, size_t ndata);
    void deliver(const uint8_t* p, size_t n);

    std::unique_ptr<Conn> m_conn;
    std::deque<std::vector<uint8_t>> m_keep;  // each T-message, which m_tmsgs point into
    std::vector<Fcall> m_tmsgs;
    std::vector<uint8_t> m_in;  // a T-message being written, not yet whole
    std::deque<uint8_t> m_out;  // for the client to read
    std::deque<uint8_t> m_held;
    bool m_hold = false;
    bool m_stalled = false;
    bool m_closed = false;
    int m_chans = 0;
    size_t m_writes = 0;
    std::vector<const void*> m_bodies;
    size_t m_reads = 0;
    Rendez m_reader;  // only the mount driver's reader reads
    Rendez m_writer;  // only the holder of Mnt::wlock writes
};
