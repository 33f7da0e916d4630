// The test transport (wire.h) and its Dev.
#include "wire.h"
#include <algorithm>
#include "lib9/error.h"
#include "port/lib.h"

namespace {

class WireDev final : public Dev {
public:
    constexpr WireDev() : Dev('W', "wire") {}
    bool gen(Chan*, int, DirBuf&) override { return false; }
    Result<void> dirstat(Chan*, DirBuf&) override { return Eperm; }
    Result<long> read(Chan* c, void* buf, long n, uint64_t) override { return wire(c)->read(buf, n); }
    Result<long> write(Chan* c, const void* buf, long n, uint64_t) override { return wire(c)->write(buf, n); }
    Result<long> write2(Chan* c, const void* head, long nhead, const void* body, long nbody, uint64_t) override
    {
        return wire(c)->write2(head, nhead, body, nbody);
    }
    void close(Chan* c) override { wire(c)->closed(); }

private:
    static Wire* wire(Chan* c) { return static_cast<Wire*>(c->auxp); }
};

WireDev wiredev;

bool readable(void* a)
{
    return static_cast<Wire*>(a)->unread() > 0;
}

}  // namespace

Wire::Wire(Srv* srv)
{
    if (srv)
        m_conn = std::make_unique<Conn>(srv, sink, this);
}

Wire::~Wire()
{
    m_closed = true;  // what the Conn's hangup sends goes nowhere
}

Chan* Wire::open()
{
    Chan* c = newchan(&wiredev);
    c->auxp = this;
    c->mode = ORDWR;
    c->open = true;
    m_chans++;
    return c;
}

void Wire::sink(void* arg, const uint8_t* msg, size_t n, const uint8_t* data, size_t ndata)
{
    static_cast<Wire*>(arg)->deliver(msg, n);
    if (ndata)
        static_cast<Wire*>(arg)->deliver(data, ndata);
}

void Wire::deliver(const uint8_t* p, size_t n)
{
    if (m_closed)
        return;
    (m_hold ? m_held : m_out).insert((m_hold ? m_held : m_out).end(), p, p + n);
    wakeup(&m_reader);
}

void Wire::send(const Fcall& r)
{
    std::vector<uint8_t> b(sizeS2M(&r));
    if (b.empty() || convS2M(&r, b.data(), b.size()) != b.size())
        panic("test reply type %d does not encode", r.type);
    send(b);
}

void Wire::send(const std::vector<uint8_t>& bytes)
{
    deliver(bytes.data(), bytes.size());
}

void Wire::release(size_t n)
{
    n = std::min(n, m_held.size());
    m_out.insert(m_out.end(), m_held.begin(), m_held.begin() + long(n));
    m_held.erase(m_held.begin(), m_held.begin() + long(n));
    wakeup(&m_reader);
}

void Wire::hangup()
{
    m_closed = true;
    if (m_conn)
        m_conn->hangup();
    wakeup(&m_reader);
    wakeup(&m_writer);
}

void Wire::stall(bool on)
{
    m_stalled = on;
    if (!on)
        wakeup(&m_writer);
}

Result<long> Wire::read(void* buf, long n)
{
    while (m_out.empty() && !m_closed)
        TRY(sleep(&m_reader, readable, this));
    size_t k = std::min({ size_t(n), chunk, m_out.size() });
    m_reads += k > 0;
    std::copy_n(m_out.begin(), k, static_cast<uint8_t*>(buf));
    m_out.erase(m_out.begin(), m_out.begin() + long(k));
    return long(k);
}

Result<long> Wire::write2(const void* head, long nhead, const void* body, long nbody)
{
    m_bodies.push_back(nbody ? body : nullptr);
    std::vector<uint8_t> joined(static_cast<const uint8_t*>(head), static_cast<const uint8_t*>(head) + nhead);
    if (nbody)
        joined.insert(joined.end(), static_cast<const uint8_t*>(body), static_cast<const uint8_t*>(body) + nbody);
    return write(joined.data(), long(joined.size()));
}

Result<long> Wire::write(const void* buf, long n)
{
    while (m_stalled && !m_closed)
        TRY(sleep(&m_writer, [](void* a) { return !static_cast<Wire*>(a)->m_stalled; }, this));
    if (m_closed)
        return Ehungup;
    m_writes++;
    auto* p = static_cast<const uint8_t*>(buf);
    m_in.insert(m_in.end(), p, p + n);
    while (m_in.size() >= 4 && m_in.size() >= msg_size(m_in.data())) {
        uint32_t size = msg_size(m_in.data());
        if (size < 4)
            panic("the client wrote a message of %u bytes", size);
        auto& msg = m_keep.emplace_back(m_in.begin(), m_in.begin() + size);
        m_in.erase(m_in.begin(), m_in.begin() + size);
        Fcall f;
        if (convM2S(msg.data(), msg.size(), &f) != msg.size())
            f = Fcall {};
        m_tmsgs.push_back(f);
        if (m_conn)
            m_conn->input(msg.data(), msg.size());
    }
    return n;
}
