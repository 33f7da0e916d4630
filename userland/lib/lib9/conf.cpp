// plan9.ini parser shared by the kernel (its command line), boot and the host tests.
// Invariants: m_text holds exactly the count() keys and values, each NUL-terminated and
// packed from offset 0 with no holes (a replaced value is squeezed out before the new
// one is appended), so a command line can be re-set any number of times without running
// out of space. Keys are 1..KEYMAX printable bytes, never '/', '=', a quote, "." or "..":
// they must be usable as file names. Values never contain NUL.
#include "lib9/conf.h"

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Undoes rc quoting of s[0..n). out may be nullptr to measure only. Returns false if a
// quote is left open.
bool unquote(const char* s, size_t n, char* out, size_t* outlen)
{
    size_t o = 0;
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') {
            if (quoted && i + 1 < n && s[i + 1] == '\'') {
                i++;
            } else {
                quoted = !quoted;
                continue;
            }
        }
        if (out)
            out[o] = s[i];
        o++;
    }
    *outlen = o;
    return !quoted;
}

const char* check_key(const char* k, size_t n)
{
    if (n == 0)
        return Econfkey;
    if (n > Conf::KEYMAX)
        return Econfkeylen;
    if (k[0] == '.' && (n == 1 || (n == 2 && k[1] == '.')))
        return Econfkey;
    for (size_t i = 0; i < n; i++) {
        auto c = static_cast<unsigned char>(k[i]);
        if (c <= ' ' || c >= 0x7F || c == '/' || c == '=' || c == '\'')
            return Econfkey;
    }
    return nullptr;
}

}  // namespace

const char* Conf::parse(const char* text, size_t len)
{
    bool ini = false;
    for (size_t i = 0; i < len && !ini; i++)
        ini = text[i] == '\n';

    const char* first = nullptr;
    size_t i = 0;
    while (i < len) {
        const char* err = nullptr;
        if (ini) {
            size_t e = i;
            while (e < len && text[e] != '\n')
                e++;
            size_t next = e + 1;
            while (i < e && (text[i] == ' ' || text[i] == '\t'))
                i++;
            while (e > i && is_blank(text[e - 1]))
                e--;
            if (e > i && text[i] != '#' && text[i] != '[')
                err = parse_pair(text + i, e - i);
            i = next;
        } else {
            while (i < len && is_blank(text[i]))
                i++;
            size_t start = i;
            // A quote may hide blanks; '' inside quotes toggles twice, which is harmless here.
            for (bool quoted = false; i < len && (quoted || !is_blank(text[i])); i++)
                if (text[i] == '\'')
                    quoted = !quoted;
            if (i > start)
                err = parse_pair(text + start, i - start);
        }
        if (err && !first)
            first = err;
    }
    return first;
}

const char* Conf::parse_pair(const char* s, size_t n)
{
    size_t eq = 0;
    while (eq < n && s[eq] != '=')
        eq++;
    if (eq == n)
        return nullptr;
    return store(s, eq, s + eq + 1, n - eq - 1, true);
}

const char* Conf::get(const char* key) const
{
    int i = find(key, __builtin_strlen(key));
    return i < 0 ? nullptr : value(i);
}

const char* Conf::set(const char* key, const char* value)
{
    return store(key, __builtin_strlen(key), value, __builtin_strlen(value), false);
}

int Conf::find(const char* key, size_t keylen) const
{
    for (size_t i = 0; i < m_count; i++) {
        const char* k = m_text + m_entries[i].key;
        size_t j = 0;
        while (j < keylen && k[j] == key[j])
            j++;
        if (j == keylen && k[j] == '\0')
            return int(i);
    }
    return -1;
}

const char* Conf::store(const char* key, size_t keylen, const char* value, size_t valuelen, bool quoted)
{
    if (const char* err = check_key(key, keylen))
        return err;
    size_t len = valuelen;
    if (quoted && !unquote(value, valuelen, nullptr, &len))
        return Econfquote;
    for (size_t j = 0; j < valuelen; j++)
        if (value[j] == '\0')
            return Econfvalue;

    int i = find(key, keylen);
    size_t need = len + 1 + (i < 0 ? keylen + 1 : 0);
    size_t reclaim = i < 0 ? 0 : __builtin_strlen(this->value(i)) + 1;
    if (i < 0 && m_count == MAXCONF)
        return Econftoomany;
    if (need > CONFTEXT - m_used + reclaim)
        return Econffull;

    if (i < 0) {
        i = int(m_count++);
        m_entries[i].key = uint16_t(m_used);
        __builtin_memcpy(m_text + m_used, key, keylen);
        m_text[m_used + keylen] = '\0';
        m_used += keylen + 1;
    } else {
        drop_value(i);
    }
    m_entries[i].value = uint16_t(m_used);
    if (quoted)
        unquote(value, valuelen, m_text + m_used, &len);
    else
        __builtin_memcpy(m_text + m_used, value, len);
    m_text[m_used + len] = '\0';
    m_used += len + 1;
    return nullptr;
}

// Squeezes entry i's value out of m_text, moving every later string down.
void Conf::drop_value(size_t i)
{
    size_t off = m_entries[i].value;
    size_t n = __builtin_strlen(m_text + off) + 1;
    for (size_t j = off; j + n < m_used; j++)
        m_text[j] = m_text[j + n];
    m_used -= n;
    for (size_t j = 0; j < m_count; j++) {
        if (m_entries[j].key > off)
            m_entries[j].key = uint16_t(m_entries[j].key - n);
        if (m_entries[j].value > off)
            m_entries[j].value = uint16_t(m_entries[j].value - n);
    }
}
