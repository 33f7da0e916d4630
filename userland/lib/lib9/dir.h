// Plan 9 directory entries (stat(5)) and their machine-independent encoding, shared by
// the kernel (stat, directory reads), userland (dirstat, dirread, ls) and 9P (Rstat).
//   size[2] type[2] dev[4] qid.type[1] qid.vers[4] qid.path[8] mode[4] atime[4] mtime[4]
//   length[8] name[s] uid[s] gid[s] muid[s]        (s = count[2] then bytes, little-endian)
// size counts the bytes after itself.
#pragma once
#include <cstddef>
#include <cstdint>

enum : uint8_t { QTDIR = 0x80, QTAPPEND = 0x40, QTEXCL = 0x20, QTMOUNT = 0x10, QTAUTH = 0x08, QTTMP = 0x04, QTFILE = 0 };
enum : uint32_t { DMDIR = 0x80000000u, DMAPPEND = 0x40000000u, DMEXCL = 0x20000000u, DMMOUNT = 0x10000000u,
    DMAUTH = 0x08000000u, DMTMP = 0x04000000u, DMREAD = 4, DMWRITE = 2, DMEXEC = 1 };

inline constexpr size_t BIT16SZ = 2;
inline constexpr size_t STATFIXLEN = 49;  // a stat entry with four empty strings
inline constexpr size_t STATMAX = 65535;

struct Qid {
    uint64_t path = 0;
    uint32_t vers = 0;
    uint8_t type = QTFILE;
};

struct Dir {
    uint16_t type = 0;  // device type (the # letter)
    uint32_t dev = 0;  // device instance
    Qid qid;
    uint32_t mode = 0;
    uint32_t atime = 0;
    uint32_t mtime = 0;
    uint64_t length = 0;
    const char* name = "";
    const char* uid = "";
    const char* gid = "";
    const char* muid = "";
};

// Bytes convD2M needs for d (size field included).
size_t sizeD2M(const Dir* d);
// Encode d into buf[0..n). Returns the bytes written; if n is too small but at least
// BIT16SZ, writes only the size field and returns BIT16SZ (Plan 9's "ask again with a
// bigger buffer"); returns 0 if n < BIT16SZ.
size_t convD2M(const Dir* d, uint8_t* buf, size_t n);
// Check that buf[0..n) is exactly one well-formed entry: 0 if so, -1 if not.
int statcheck(const uint8_t* buf, size_t n);
// Decode one entry. The strings are copied NUL-terminated into strs[0..nstrs) and d's
// pointers aim there. Returns the entry's size (n's prefix used), or 0 if buf is not a
// well-formed entry or strs is too small. A field set to all ones ("don't touch" in
// wstat) decodes as all ones; an empty string stays empty.
size_t convM2D(const uint8_t* buf, size_t n, Dir* d, char* strs, size_t nstrs);
// The "no change" Dir for wstat: every integer all ones, every string empty.
void nulldir(Dir* d);
// A mode as ls -l shows it (Plan 9's %M): "d-rwxr-xr-x". buf holds 12 bytes; returns buf.
char* dirmodefmt(uint32_t mode, char* buf);
