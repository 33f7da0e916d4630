// Boot configuration: plan9.ini-style key=value pairs, parsed from the Multiboot command
// line or from plan9.ini text. Fixed storage, no allocation, so the kernel can parse its
// command line before it has a heap; each pair later becomes a file in #ec.
#pragma once
#include <cstddef>
#include <cstdint>

inline constexpr char Econftoomany[] = "conf: too many entries";
inline constexpr char Econffull[] = "conf: out of space";
inline constexpr char Econfkey[] = "conf: bad key";
inline constexpr char Econfkeylen[] = "conf: key too long";
inline constexpr char Econfquote[] = "conf: unterminated quote";
inline constexpr char Econfvalue[] = "conf: bad value";

class Conf {
public:
    static constexpr size_t MAXCONF = 64;  // entries
    static constexpr size_t CONFTEXT = 4096;  // bytes of keys and values, NULs included
    static constexpr size_t KEYMAX = 27;  // longest key: a key must fit a KNAMELEN file name

    // Adds the pairs in text to those already held; a key seen again replaces its value
    // in place. Text holding a newline is plan9.ini (one pair per line, '#' comments,
    // [sections] ignored, the value runs to the end of the line); otherwise it is a command
    // line of blank-separated words. Words or lines without '=' are skipped. A value may be
    // rc-quoted ('a b', '' for a quote). Bad pairs are skipped and parsing goes on; the
    // first error is returned, nullptr if there was none.
    [[nodiscard]] const char* parse(const char* text, size_t len);

    size_t count() const { return m_count; }
    const char* key(size_t i) const { return m_text + m_entries[i].key; }  // i < count()
    const char* value(size_t i) const { return m_text + m_entries[i].value; }  // i < count()
    const char* get(const char* key) const;  // nullptr if absent

    // Sets key to value verbatim (no unquoting); nullptr or an error, leaving the old value.
    // value must not point into this Conf: replacing a value moves the stored strings.
    [[nodiscard]] const char* set(const char* key, const char* value);

private:
    struct Entry {
        uint16_t key;  // offsets of NUL-terminated strings in m_text
        uint16_t value;
    };

    const char* parse_pair(const char* s, size_t n);
    const char* store(const char* key, size_t keylen, const char* value, size_t valuelen, bool quoted);
    int find(const char* key, size_t keylen) const;
    void drop_value(size_t i);

    Entry m_entries[MAXCONF] = {};
    char m_text[CONFTEXT] = {};
    size_t m_count = 0;
    size_t m_used = 0;  // bytes of m_text in use
};
