// bootpaq reader. open() proves, before anything else reads the archive, that every entry
// is well formed: all offsets and lengths lie inside the archive (computed without
// overflow), names are NUL-terminated inside it, the tree is a tree (parents come first
// and are directories) with unique, slash-free names. Accessors then trust the bytes.
// Integers are read a byte at a time: the archive need not be aligned, and the code is
// the same on little- and big-endian machines.
#include "libpaq/paq.h"
#include "lib9/sha1.h"

namespace {

uint32_t le32(const uint8_t* p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

bool streq(const char* a, const char* b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

char* put_str(char* p, const char* s)
{
    while (*s)
        *p++ = *s++;
    return p;
}

char* put_uint(char* p, uint32_t v)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = char('0' + v % 10);
        v /= 10;
    } while (v);
    while (n > 0)
        *p++ = digits[--n];
    return p;
}

}  // namespace

uint32_t Paq::field(int i, Field f) const
{
    return le32(m_base + HDRSIZE + size_t(i) * ENTSIZE + f);
}

const char* Paq::open(const uint8_t* p, size_t len)
{
    m_base = nullptr;
    m_nentries = 0;
    if (len < HDRSIZE)
        return Epaqtrunc;
    if (__builtin_memcmp(p, MAGIC, sizeof MAGIC) != 0)
        return Epaqmagic;
    if (le32(p + VERSIONOFF) != VERSION)
        return Epaqversion;
    uint32_t total = le32(p + LENOFF);
    if (total > len)
        return Epaqtrunc;
    if (total < len)
        return Epaqlength;
    uint32_t n = le32(p + COUNTOFF);
    // Room for the entries and at least the root's one-byte name.
    if (n == 0 || uint64_t(n) * ENTSIZE >= total - HDRSIZE)
        return Epaqcount;

    uint8_t digest[SHA1dlen];
    sha1(p + HDRSIZE, total - HDRSIZE, digest);
    if (__builtin_memcmp(digest, p + SHA1OFF, SHA1dlen) != 0)
        return Epaqsha1;

    m_base = p;
    m_len = total;
    m_nentries = n;
    m_mtime = le32(p + MTIMEOFF);
    for (uint32_t i = 0; i < n; i++) {
        if (const char* err = check_entry(i)) {
            m_base = nullptr;
            m_nentries = 0;
            return err;
        }
    }
    return nullptr;
}

const char* Paq::check_entry(uint32_t i)
{
    uint32_t table_end = uint32_t(HDRSIZE + m_nentries * ENTSIZE);
    uint32_t parent = field(int(i), PARENT);
    uint32_t name_off = field(int(i), NAME);
    uint32_t mode = field(int(i), MODE);
    uint32_t data_off = field(int(i), DATA);
    uint32_t len = field(int(i), LENGTH);

    if (i == 0 ? name_off != table_end : name_off <= table_end || name_off >= m_len)
        return bad_entry(i, "name out of range");
    uint32_t end = name_off;
    while (end < m_len && m_base[end] != 0)
        end++;
    if (end == m_len)
        return bad_entry(i, "name not terminated");
    const char* nm = reinterpret_cast<const char*>(m_base + name_off);
    uint32_t nlen = end - name_off;

    if (mode & ~(DMDIR | PERMMASK))
        return bad_entry(i, "bad mode");
    if (mode & DMDIR) {
        if (data_off != 0 || len != 0)
            return bad_entry(i, "directory has data");
    } else if (data_off < table_end || data_off > m_len || len > m_len - data_off) {
        return bad_entry(i, "data out of range");
    }

    if (i == 0) {
        if (nlen != 0 || parent != 0 || !(mode & DMDIR))
            return bad_entry(i, "bad root");
        return nullptr;
    }
    if (nlen == 0 || streq(nm, ".") || streq(nm, ".."))
        return bad_entry(i, "bad name");
    for (uint32_t k = 0; k < nlen; k++)
        if (nm[k] == '/')
            return bad_entry(i, "bad name");
    if (parent >= i)
        return bad_entry(i, "bad parent");
    if (!is_dir(int(parent)))
        return bad_entry(i, "parent not a directory");
    for (uint32_t j = parent + 1; j < i; j++)
        if (field(int(j), PARENT) == parent && streq(name(int(j)), nm))
            return bad_entry(i, "duplicate name");
    return nullptr;
}

const char* Paq::bad_entry(uint32_t i, const char* why)
{
    char* p = put_str(m_err, "paq: bad entry ");
    p = put_uint(p, i);
    p = put_str(p, ": ");
    p = put_str(p, why);
    *p = '\0';
    return m_err;
}

int Paq::lookup(int dir, const char* name) const
{
    for (int c = next_child(dir, -1); c >= 0; c = next_child(dir, c))
        if (streq(this->name(c), name))
            return c;
    return -1;
}

int Paq::next_child(int dir, int after) const
{
    // Children always follow their parent, which also keeps the root out of its own list.
    for (int i = after > dir ? after + 1 : dir + 1; i < count(); i++)
        if (parent(i) == dir)
            return i;
    return -1;
}
