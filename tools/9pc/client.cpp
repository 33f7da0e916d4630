// 9pc's client (client.h): requests encoded and replies decoded by lib9's codec, one at a
// time over a stream. A stream has no framing but 9P's own size field, so a reply is read
// as its four size bytes, checked against msize, then exactly the rest; after a reply that
// cannot be trusted the stream cannot be trusted either, and the caller should hang up.
#include "9pc/client.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "lib9/error.h"

namespace {

constexpr char Ebadlength[] = "bad length in 9P2000 message header";  // as lib9p's read9pmsg
constexpr uint32_t HDRSZ = 4 + 1 + 2;  // size type tag

std::string text(Str s) { return std::string(s.p ? s.p : "", s.n); }

// Reads n bytes unless the stream ends first: the count read, or -1 with errno.
long readn(int fd, uint8_t* buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t m = ::read(fd, buf + got, n - got);
        if (m < 0 && errno == EINTR)
            continue;
        if (m < 0)
            return -1;
        if (m == 0)
            break;
        got += size_t(m);
    }
    return long(got);
}

bool writen(int fd, const uint8_t* buf, size_t n)
{
    while (n > 0) {
        ssize_t m = ::write(fd, buf, n);
        if (m < 0 && errno == EINTR)
            continue;
        if (m <= 0)
            return false;
        buf += m;
        n -= size_t(m);
    }
    return true;
}

}  // namespace

bool unpackstat(const uint8_t* buf, size_t n, Stat* st)
{
    if (statcheck(buf, n) != 0)
        return false;
    std::vector<char> strs(n);  // the four strings and their NULs fit where their counts were
    Dir d;
    if (convM2D(buf, n, &d, strs.data(), strs.size()) != n)
        return false;
    st->qid = d.qid;
    st->mode = d.mode;
    st->atime = d.atime;
    st->mtime = d.mtime;
    st->length = d.length;
    st->type = d.type;
    st->dev = d.dev;
    st->name = d.name;
    st->uid = d.uid;
    st->gid = d.gid;
    st->muid = d.muid;
    return true;
}

Client::Client(int rfd, int wfd) : m_rfd(rfd), m_wfd(wfd) {}

bool Client::fail(const std::string& why)
{
    m_err = why;
    return false;
}

void Client::drop(uint32_t fid)
{
    std::string e = m_err;
    clunk(fid);
    m_err = e;
}

bool Client::botch(const char* what)
{
    return fail(std::string(Ebotch) + ": " + what);
}

bool Client::transmit(const Fcall& t)
{
    size_t n = sizeS2M(&t);
    if (n == 0)
        return fail(Ebadarg);
    if (n > m_msize)
        return fail(Etoobig);
    m_out.resize(n);
    if (convS2M(&t, m_out.data(), n) != n)
        return fail(Ebadarg);
    if (!writen(m_wfd, m_out.data(), n))
        return fail(errno == EPIPE ? Ehungup : std::strerror(errno));
    return true;
}

bool Client::receive(Fcall* r)
{
    m_in.resize(HDRSZ);
    long n = readn(m_rfd, m_in.data(), 4);
    if (n < 0)
        return fail(std::strerror(errno));
    if (n < 4)
        return fail(Ehungup);
    uint32_t size = msg_size(m_in.data());
    if (size < HDRSZ || size > m_msize)
        return fail(Ebadlength);
    m_in.resize(size);
    n = readn(m_rfd, m_in.data() + 4, size - 4);
    if (n < 0)
        return fail(std::strerror(errno));
    if (n < long(size - 4))
        return fail(Ehungup);
    if (convM2S(m_in.data(), size, r) != size)
        return botch("malformed reply");
    if (r->type % 2 == 0)
        return botch("T-message from the server");
    return true;
}

bool Client::rpc(Fcall& t, Fcall* r)
{
    if (t.type != Tversion) {
        if (++m_tag == NOTAG)
            m_tag = 1;
        t.tag = m_tag;
    }
    if (!transmit(t) || !receive(r))
        return false;
    if (r->tag != t.tag)
        return botch("reply to another tag");
    if (r->type == Rerror)
        return fail(text(r->ename));
    if (r->type != t.type + 1)
        return botch("reply of another type");
    return true;
}

uint32_t Client::iounit_of(uint32_t given) const
{
    uint32_t most = m_msize - IOHDRSZ;
    return given == 0 || given > most ? most : given;
}

bool Client::version(uint32_t msize)
{
    Fcall t, r;
    t.type = Tversion;
    t.tag = NOTAG;
    t.msize = msize;
    t.version = Str{"9P2000", 6};
    m_msize = msize;
    if (!rpc(t, &r))
        return false;
    std::string v = text(r.version);
    if (v != "9P2000")
        return fail("server does not speak 9P2000 (it offers '" + v + "')");
    if (r.msize > msize)
        return botch("Rversion msize above the offer");
    if (r.msize <= IOHDRSZ)
        return fail(Esmallmsize);
    m_msize = r.msize;
    return true;
}

bool Client::attach(const char* uname, const char* aname)
{
    size_t ul = std::strlen(uname), al = std::strlen(aname);
    if (ul > 0xFFFF || al > 0xFFFF)
        return fail(Elongname);
    Fcall t, r;
    t.type = Tattach;
    t.fid = m_nextfid++;
    t.afid = NOFID;
    t.uname = Str{uname, uint16_t(ul)};
    t.aname = Str{aname, uint16_t(al)};
    if (!rpc(t, &r))
        return false;
    m_root = t.fid;
    return true;
}

bool Client::walk(uint32_t fid, const std::vector<std::string>& names, uint32_t* newfid, Qid* qid)
{
    for (const std::string& s : names)
        if (s.empty() || s.size() > 0xFFFF)
            return fail(s.empty() ? Ebadarg : Elongname);
    uint32_t nf = m_nextfid++;
    uint32_t from = fid;
    size_t i = 0;
    do {
        size_t k = std::min<size_t>(MAXWELEM, names.size() - i);
        Fcall t, r;
        t.type = Twalk;
        t.fid = from;
        t.newfid = nf;
        t.nwname = uint16_t(k);
        for (size_t j = 0; j < k; j++)
            t.wname[j] = Str{names[i + j].data(), uint16_t(names[i + j].size())};
        bool ok = rpc(t, &r);
        if (ok && r.nwqid > k)
            ok = fail(Ewalkqids);
        else if (ok && r.nwqid == 0 && k > 0)
            ok = botch("Rwalk of no qids");  // the first name failing is an Rerror
        else if (ok && r.nwqid < k)
            ok = fail(Enonexist);  // newfid was not made, or did not move
        for (size_t j = 0; ok && j < r.nwqid; j++)
            if (!(r.wqid[j].type & QTDIR) && i + j + 1 < names.size())
                ok = botch("walk through a file");
        if (!ok) {
            if (from == nf)  // earlier rounds made newfid
                drop(nf);
            return false;
        }
        if (k > 0)
            *qid = r.wqid[k - 1];
        from = nf;
        i += k;
    } while (i < names.size());
    *newfid = nf;
    return true;
}

bool Client::open(uint32_t fid, uint8_t mode, Qid* qid, uint32_t* iounit)
{
    Fcall t, r;
    t.type = Topen;
    t.fid = fid;
    t.mode = mode;
    if (!rpc(t, &r))
        return false;
    *qid = r.qid;
    *iounit = iounit_of(r.iounit);
    return true;
}

bool Client::create(uint32_t fid, const std::string& name, uint32_t perm, uint8_t mode, Qid* qid, uint32_t* iounit)
{
    if (name.size() > 0xFFFF)
        return fail(Elongname);
    Fcall t, r;
    t.type = Tcreate;
    t.fid = fid;
    t.name = Str{name.data(), uint16_t(name.size())};
    t.perm = perm;
    t.mode = mode;
    if (!rpc(t, &r))
        return false;
    *qid = r.qid;
    *iounit = iounit_of(r.iounit);
    return true;
}

long Client::read(uint32_t fid, uint64_t offset, uint8_t* buf, uint32_t n)
{
    Fcall t, r;
    t.type = Tread;
    t.fid = fid;
    t.offset = offset;
    t.count = std::min<uint32_t>(n, m_msize - IOHDRSZ);
    if (!rpc(t, &r))
        return -1;
    if (r.count > t.count) {
        botch("Rread of more than was asked");
        return -1;
    }
    std::memcpy(buf, r.data, r.count);
    return long(r.count);
}

long Client::write(uint32_t fid, uint64_t offset, const uint8_t* buf, uint32_t n)
{
    Fcall t, r;
    t.type = Twrite;
    t.fid = fid;
    t.offset = offset;
    t.count = std::min<uint32_t>(n, m_msize - IOHDRSZ);
    t.data = buf;
    if (!rpc(t, &r))
        return -1;
    if (r.count > t.count) {
        botch("Rwrite of more than was sent");
        return -1;
    }
    return long(r.count);
}

bool Client::clunk(uint32_t fid)
{
    Fcall t, r;
    t.type = Tclunk;
    t.fid = fid;
    return rpc(t, &r);
}

bool Client::remove(uint32_t fid)
{
    Fcall t, r;
    t.type = Tremove;
    t.fid = fid;
    return rpc(t, &r);
}

bool Client::stat(uint32_t fid, Stat* st)
{
    Fcall t, r;
    t.type = Tstat;
    t.fid = fid;
    if (!rpc(t, &r))
        return false;
    if (!unpackstat(r.stat, r.nstat, st))
        return fail(Esbadstat);
    return true;
}
