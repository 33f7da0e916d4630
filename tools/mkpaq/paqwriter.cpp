// Builds a bootpaq in memory. Nodes are kept in creation order, and a directory is always
// created before anything inside it, so parent < child holds as the reader demands. The
// string table opens with the root's empty name right after the entries, and file data
// is 8-byte aligned so the kernel may overlay headers (ELF) on it.
#include "mkpaq/paqwriter.h"
#include "lib9/sha1.h"
#include "libpaq/paq.h"
#include <cstring>

namespace {

void put32(std::vector<uint8_t>& v, size_t off, uint32_t x)
{
    for (int i = 0; i < 4; i++)
        v[off + i] = uint8_t(x >> (8 * i));
}

}  // namespace

PaqWriter::PaqWriter()
{
    m_nodes.push_back({0, "", Paq::DMDIR | 0555, {}});
}

int PaqWriter::child(uint32_t dir, const std::string& name) const
{
    for (size_t i = 1; i < m_nodes.size(); i++)
        if (m_nodes[i].parent == dir && m_nodes[i].name == name)
            return int(i);
    return -1;
}

std::string PaqWriter::add_file(const std::string& path, std::vector<uint8_t> data, uint32_t perm)
{
    if (perm & ~Paq::PERMMASK)
        return path + ": bad mode";
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        size_t slash = path.find('/', start);
        std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string::npos)
            return path + ": bad name";
        parts.push_back(part);
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }

    uint32_t dir = 0;
    for (size_t i = 0; i + 1 < parts.size(); i++) {
        int c = child(dir, parts[i]);
        if (c < 0) {
            m_nodes.push_back({dir, parts[i], Paq::DMDIR | 0555, {}});
            c = int(m_nodes.size() - 1);
        } else if (!(m_nodes[c].mode & Paq::DMDIR)) {
            return path + ": " + parts[i] + " is not a directory";
        }
        dir = uint32_t(c);
    }
    if (child(dir, parts.back()) >= 0)
        return path + ": duplicate name";
    m_nodes.push_back({dir, parts.back(), perm, std::move(data)});
    return "";
}

std::string PaqWriter::build(uint32_t mtime, std::vector<uint8_t>* out) const
{
    uint64_t table_end = Paq::HDRSIZE + uint64_t(m_nodes.size()) * Paq::ENTSIZE;
    uint64_t size = table_end;
    std::vector<uint64_t> name_off, data_off;
    for (const Node& n : m_nodes) {
        name_off.push_back(size);
        size += n.name.size() + 1;
    }
    for (const Node& n : m_nodes) {
        if (n.mode & Paq::DMDIR) {
            data_off.push_back(0);
            continue;
        }
        size = (size + 7) & ~uint64_t(7);
        data_off.push_back(size);
        size += n.data.size();
    }
    if (size > UINT32_MAX)
        return "archive larger than 4 GiB";

    std::vector<uint8_t>& a = *out;
    a.assign(size, 0);
    std::memcpy(a.data(), Paq::MAGIC, sizeof Paq::MAGIC);
    put32(a, Paq::VERSIONOFF, Paq::VERSION);
    put32(a, Paq::LENOFF, uint32_t(size));
    put32(a, Paq::COUNTOFF, uint32_t(m_nodes.size()));
    put32(a, Paq::MTIMEOFF, mtime);
    for (size_t i = 0; i < m_nodes.size(); i++) {
        const Node& n = m_nodes[i];
        size_t e = Paq::HDRSIZE + i * Paq::ENTSIZE;
        put32(a, e + 0, n.parent);
        put32(a, e + 4, uint32_t(name_off[i]));
        put32(a, e + 8, n.mode);
        put32(a, e + 12, uint32_t(data_off[i]));
        put32(a, e + 16, uint32_t(n.data.size()));
        std::memcpy(a.data() + name_off[i], n.name.c_str(), n.name.size() + 1);
        if (!n.data.empty())
            std::memcpy(a.data() + data_off[i], n.data.data(), n.data.size());
    }
    seal(a);
    return "";
}

void PaqWriter::seal(std::vector<uint8_t>& archive)
{
    if (archive.size() < Paq::HDRSIZE)
        return;
    sha1(archive.data() + Paq::HDRSIZE, archive.size() - Paq::HDRSIZE, archive.data() + Paq::SHA1OFF);
}
