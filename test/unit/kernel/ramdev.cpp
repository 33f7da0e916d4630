// The in-memory test device (see ramdev.h).
#include "ramdev.h"
#include <cstring>

RamDev& ramdev()
{
    static RamDev dev;
    return dev;
}

int RamDev::tree_index(const std::string& spec)
{
    for (size_t i = 0; i < m_trees.size(); i++)
        if (m_trees[i].spec == spec)
            return int(i);
    m_trees.push_back(Tree { spec, { Node { "", 0, true, false, "" } } });
    return int(m_trees.size() - 1);
}

void RamDev::make(const std::string& spec, const std::string& path, bool dir, const std::string& data)
{
    Tree& t = m_trees[tree_index(spec)];
    int cur = 0;
    size_t start = 0;
    while (start < path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        std::string elem = path.substr(start, end - start);
        bool last = end == path.size();
        int found = -1;
        for (size_t i = 1; i < t.nodes.size(); i++)
            if (t.nodes[i].parent == cur && t.nodes[i].name == elem && !t.nodes[i].removed)
                found = int(i);
        if (found < 0) {
            t.nodes.push_back(Node { elem, cur, last ? dir : true, false, last ? data : "" });
            found = int(t.nodes.size() - 1);
        }
        cur = found;
        start = end + 1;
    }
}

Result<Chan*> RamDev::attach(const char* spec)
{
    Chan* c = TRY(Dev::attach(spec));
    c->devno = tree_index(spec);
    return c;
}

void RamDev::fill(const Tree& t, int i, DirBuf& db)
{
    const Node& n = t.nodes[i];
    db.d = Dir {};
    db.d.qid = Qid { uint64_t(i), 0, uint8_t(n.dir ? QTDIR : QTFILE) };
    db.d.mode = n.dir ? DMDIR | 0775 : 0664;
    db.d.length = n.dir ? 0 : n.data.size();
    snprintf(db.name, sizeof db.name, "%s", i == 0 ? "/" : n.name.c_str());
    db.d.name = db.name;
    db.d.uid = db.d.gid = db.d.muid = "glenda";
}

bool RamDev::gen(Chan* dir, int i, DirBuf& db)
{
    const Tree& t = tree(dir);
    int k = 0;
    for (size_t j = 1; j < t.nodes.size(); j++) {
        if (t.nodes[j].parent != int(dir->qid.path) || t.nodes[j].removed)
            continue;
        if (k++ == i) {
            fill(t, int(j), db);
            return true;
        }
    }
    return false;
}

Result<void> RamDev::dirstat(Chan* c, DirBuf& db)
{
    const Tree& t = tree(c);
    if (c->qid.path >= t.nodes.size() || t.nodes[c->qid.path].removed)
        return Enonexist;
    fill(t, int(c->qid.path), db);
    return {};
}

Result<void> RamDev::walk(Chan* c, const char* name)
{
    if (strcmp(name, "..") == 0) {
        const Tree& t = tree(c);
        c->qid = Qid { uint64_t(t.nodes[c->qid.path].parent), 0, QTDIR };
        return {};
    }
    return Dev::walk(c, name);
}

Result<void> RamDev::create(Chan* c, const char* name, int, uint32_t perm)
{
    Tree& t = tree(c);
    if (!(c->qid.type & QTDIR))
        return Enotdir;
    bool dir = perm & DMDIR;
    t.nodes.push_back(Node { name, int(c->qid.path), dir, false, "" });
    c->qid = Qid { uint64_t(t.nodes.size() - 1), 0, uint8_t(dir ? QTDIR : QTFILE) };
    return {};
}

Result<long> RamDev::read(Chan* c, void* buf, long n, uint64_t off)
{
    if (c->qid.type & QTDIR)
        return dirread(c, buf, n, off);
    const std::string& d = tree(c).nodes[c->qid.path].data;
    if (off >= d.size())
        return 0L;
    long m = std::min<uint64_t>(n, d.size() - off);
    memcpy(buf, d.data() + off, m);
    return m;
}

Result<long> RamDev::write(Chan* c, const void* buf, long n, uint64_t off)
{
    std::string& d = tree(c).nodes[c->qid.path].data;
    if (d.size() < off + n)
        d.resize(off + n);
    memcpy(d.data() + off, buf, n);
    return n;
}

Result<void> RamDev::remove(Chan* c)
{
    tree(c).nodes[c->qid.path].removed = true;
    return {};
}
