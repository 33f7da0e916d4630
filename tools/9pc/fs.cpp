// Path operations on a Client (fs.h): a walk from the root to a new fid, then the call,
// then a clunk of the fid unless it stays open. A fid this layer made is clunked on every
// failure path too, so one command may go on to its next path on the same connection.
#include "9pc/fs.h"

#include <algorithm>

#include "lib9/error.h"

std::vector<std::string> pathnames(const std::string& path)
{
    std::vector<std::string> names;
    size_t i = 0;
    while (i <= path.size()) {
        size_t j = path.find('/', i);
        if (j == std::string::npos)
            j = path.size();
        std::string name = path.substr(i, j - i);
        if (!name.empty() && name != ".")
            names.push_back(name);
        i = j + 1;
    }
    return names;
}

bool fsopen(Client& c, const std::string& path, uint8_t mode, File* f)
{
    Qid q;
    if (!c.walk(c.root(), pathnames(path), &f->fid, &q))
        return false;
    if (!c.open(f->fid, mode, &f->qid, &f->iounit)) {
        c.drop(f->fid);
        return false;
    }
    f->offset = 0;
    return true;
}

bool fscreate(Client& c, const std::string& path, uint32_t perm, uint8_t mode, File* f)
{
    std::vector<std::string> names = pathnames(path);
    if (names.empty() || names.back() == "..")
        return c.fail(Eexist);
    std::string name = names.back();
    names.pop_back();
    Qid q;
    if (!c.walk(c.root(), names, &f->fid, &q))
        return false;
    if (!c.create(f->fid, name, perm, mode, &f->qid, &f->iounit)) {
        c.drop(f->fid);
        return false;
    }
    f->offset = 0;
    return true;
}

bool fsremove(Client& c, const std::string& path)
{
    uint32_t fid;
    Qid q;
    return c.walk(c.root(), pathnames(path), &fid, &q) && c.remove(fid);
}

bool fsdirstat(Client& c, const std::string& path, Stat* st)
{
    uint32_t fid;
    Qid q;
    if (!c.walk(c.root(), pathnames(path), &fid, &q))
        return false;
    bool ok = c.stat(fid, st);
    c.drop(fid);
    return ok;
}

bool fsclose(Client& c, File& f)
{
    bool ok = c.clunk(f.fid);
    f.fid = NOFID;
    return ok;
}

long fsread(Client& c, File& f, uint8_t* buf, size_t n)
{
    long m = c.read(f.fid, f.offset, buf, uint32_t(std::min<size_t>(n, f.iounit)));
    if (m > 0)
        f.offset += uint64_t(m);
    return m;
}

bool fswrite(Client& c, File& f, const uint8_t* buf, size_t n)
{
    size_t done = 0;
    do {
        uint32_t k = uint32_t(std::min<size_t>(n - done, f.iounit));
        long m = c.write(f.fid, f.offset, buf + done, k);
        if (m < 0)
            return false;
        if (m == 0 && k > 0)
            return c.fail(Eshort);  // it would never finish
        f.offset += uint64_t(m);
        done += size_t(m);
    } while (done < n);
    return true;
}

bool fsdirreadall(Client& c, File& f, std::vector<Stat>* entries)
{
    std::vector<uint8_t> buf(f.iounit);
    long n;
    while ((n = fsread(c, f, buf.data(), buf.size())) > 0) {
        size_t off = 0;
        while (off < size_t(n)) {
            size_t len = size_t(n) - off < BIT16SZ ? 0 : BIT16SZ + (buf[off] | buf[off + 1] << 8);
            Stat st;
            if (len == 0 || off + len > size_t(n) || !unpackstat(buf.data() + off, len, &st))
                return c.fail(Esbadstat);
            entries->push_back(st);
            off += len;
        }
    }
    return n == 0;
}
