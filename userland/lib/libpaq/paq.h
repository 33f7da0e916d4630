// Reader for the bootpaq, the read-only archive linked into the kernel image and served
// under /boot. open() checks the whole archive once; after that every accessor is a plain
// load from the archive bytes, so a corrupt image fails at boot with a message instead of
// faulting later. Shared by the kernel, userland and the host (mkpaq's tests).
//
// Format, all integers little-endian:
//   header (HDRSIZE bytes): "MYRMXPAQ", u32 version, u32 total_len, u32 nentries, u32 mtime,
//                           u8 sha1[20] of bytes [HDRSIZE, total_len)
//   nentries entries (ENTSIZE bytes): u32 parent, u32 name_off, u32 mode, u32 data_off, u32 length
//   string table (NUL-terminated names), then file data.
// Entry 0 is the root directory (empty name, parent 0); every other entry's parent comes
// before it and is a directory. The string table starts right after the entries with the
// root's name, which ties nentries (outside the SHA-1) to the hashed bytes; mtime is the
// only field a damaged archive can change unnoticed.
#pragma once
#include <cstddef>
#include <cstdint>

inline constexpr char Epaqtrunc[] = "paq: truncated";
inline constexpr char Epaqmagic[] = "paq: bad magic";
inline constexpr char Epaqversion[] = "paq: bad version";
inline constexpr char Epaqlength[] = "paq: bad length";
inline constexpr char Epaqcount[] = "paq: bad entry count";
inline constexpr char Epaqsha1[] = "paq: sha1 mismatch";

class Paq {
public:
    static constexpr char MAGIC[8] = {'M', 'Y', 'R', 'M', 'X', 'P', 'A', 'Q'};
    static constexpr uint32_t VERSION = 1;
    static constexpr size_t HDRSIZE = 44;
    static constexpr size_t ENTSIZE = 20;
    // Offsets of the header fields after the magic.
    static constexpr size_t VERSIONOFF = 8, LENOFF = 12, COUNTOFF = 16, MTIMEOFF = 20, SHA1OFF = 24;
    static constexpr uint32_t DMDIR = 0x80000000u;  // Plan 9's directory mode bit
    static constexpr uint32_t PERMMASK = 0777;  // the only other mode bits an entry may have

    // Validates the archive p[0..len) (len must equal total_len) and its SHA-1. Returns
    // nullptr, or a "paq: ..." message; the Paq is usable only after success. p must stay
    // valid and unchanged for the Paq's lifetime.
    [[nodiscard]] const char* open(const uint8_t* p, size_t len);

    // Entry indices run from 0 (the root) to count()-1; accessors require a valid index.
    int count() const { return int(m_nentries); }
    uint32_t mtime() const { return m_mtime; }
    const char* name(int i) const { return reinterpret_cast<const char*>(m_base + field(i, NAME)); }
    uint32_t mode(int i) const { return field(i, MODE); }
    bool is_dir(int i) const { return (mode(i) & DMDIR) != 0; }
    uint32_t length(int i) const { return field(i, LENGTH); }
    const uint8_t* data(int i) const { return m_base + field(i, DATA); }
    int parent(int i) const { return int(field(i, PARENT)); }

    // The child of dir called name, or -1. Linear in count(); "." and ".." are not names.
    int lookup(int dir, const char* name) const;
    // The first child of dir after entry `after` in entry order (-1 to start), or -1.
    int next_child(int dir, int after) const;

private:
    enum Field { PARENT = 0, NAME = 4, MODE = 8, DATA = 12, LENGTH = 16 };

    uint32_t field(int i, Field f) const;
    const char* check_entry(uint32_t i);
    const char* bad_entry(uint32_t i, const char* why);

    const uint8_t* m_base = nullptr;
    uint32_t m_len = 0;  // total_len
    uint32_t m_nentries = 0;
    uint32_t m_mtime = 0;
    char m_err[64] = {};  // "paq: bad entry N: why" is formatted here
};
