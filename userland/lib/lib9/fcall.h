// 9P2000 messages (intro(5)) and their wire encoding, shared by the kernel's mount driver,
// userland file servers and the host tests. Every message is
//   size[4] type[1] tag[2] body...        (little-endian; size counts itself)
// Decoding allocates nothing: strings, data and stat bytes in a decoded Fcall point into
// the message buffer, which must outlive the Fcall. Strings carry explicit lengths and are
// not NUL-terminated.
#pragma once
#include <cstddef>
#include <cstdint>

#include "lib9/dir.h"

enum : uint8_t {
    Tversion = 100,
    Rversion,
    Tauth = 102,
    Rauth,
    Tattach = 104,
    Rattach,
    Terror = 106,  // illegal: never sent, rejected by convM2S and convS2M
    Rerror,
    Tflush = 108,
    Rflush,
    Twalk = 110,
    Rwalk,
    Topen = 112,
    Ropen,
    Tcreate = 114,
    Rcreate,
    Tread = 116,
    Rread,
    Twrite = 118,
    Rwrite,
    Tclunk = 120,
    Rclunk,
    Tremove = 122,
    Rremove,
    Tstat = 124,
    Rstat,
    Twstat = 126,
    Rwstat,
};

inline constexpr uint16_t NOTAG = 0xFFFF;
inline constexpr uint32_t NOFID = 0xFFFFFFFFu;
inline constexpr int MAXWELEM = 16;
// Header of Twrite/Rread (size type tag fid offset count, rounded up): msize - IOHDRSZ is
// the largest payload a single read or write may carry.
inline constexpr size_t IOHDRSZ = 24;
// The exact headers that go in front of the data of an Rread (size type tag count) and a
// Twrite (size type tag fid offset count).
inline constexpr size_t RREADHDR = 4 + 1 + 2 + 4;
inline constexpr size_t TWRITEHDR = 4 + 1 + 2 + 4 + 8 + 4;
inline constexpr size_t QIDSZ = 13;  // type[1] vers[4] path[8]

// A counted string inside a message buffer (or any caller-owned bytes when encoding).
struct Str {
    const char* p = nullptr;
    uint16_t n = 0;
};

// N elements that are left uninitialized when the array is: an Fcall carries MAXWELEM
// names and qids, of which a message uses nwname or nwqid, and clearing them all for
// every request is most of the cost of making one (Str and Qid, being aggregates, come
// into being in the bytes when first assigned).
template<class T, size_t N>
struct Slots {
    alignas(T) unsigned char bytes[N * sizeof(T)];
    T& operator[](size_t i) { return reinterpret_cast<T*>(bytes)[i]; }
    const T& operator[](size_t i) const { return reinterpret_cast<const T*>(bytes)[i]; }
};

struct Fcall {
    uint8_t type = 0;
    uint32_t fid = NOFID;
    uint16_t tag = NOTAG;

    uint32_t msize = 0;  // Tversion, Rversion
    Str version;  // Tversion, Rversion
    uint16_t oldtag = NOTAG;  // Tflush
    Str ename;  // Rerror
    Qid qid;  // Rattach, Ropen, Rcreate; Rauth's aqid
    uint32_t iounit = 0;  // Ropen, Rcreate
    uint32_t afid = NOFID;  // Tauth, Tattach
    Str uname;  // Tauth, Tattach
    Str aname;  // Tauth, Tattach
    uint32_t perm = 0;  // Tcreate
    Str name;  // Tcreate
    uint8_t mode = 0;  // Tcreate, Topen
    uint32_t newfid = NOFID;  // Twalk
    uint16_t nwname = 0;  // Twalk: at most MAXWELEM
    Slots<Str, MAXWELEM> wname;  // Twalk: the first nwname
    uint16_t nwqid = 0;  // Rwalk: at most MAXWELEM
    Slots<Qid, MAXWELEM> wqid;  // Rwalk: the first nwqid
    uint64_t offset = 0;  // Tread, Twrite
    uint32_t count = 0;  // Tread, Rread, Twrite, Rwrite
    const uint8_t* data = nullptr;  // Rread, Twrite: count bytes
    uint16_t nstat = 0;  // Rstat, Twstat
    const uint8_t* stat = nullptr;  // Rstat, Twstat: nstat bytes of one stat(5) entry
};

// The size field of the message at buf (which must hold at least 4 bytes).
uint32_t msg_size(const uint8_t* buf);
// Bytes convS2M needs for f, or 0 if f's type is unknown or a count is out of range.
size_t sizeS2M(const Fcall* f);
// Encode f into buf[0..n). Returns the bytes written, or 0 if f is invalid (unknown type,
// nwname or nwqid above MAXWELEM, a message over 4G) or does not fit.
size_t convS2M(const Fcall* f, uint8_t* buf, size_t n);
// The Twrite or Rread f encoded as convS2M would, less its data: the RREADHDR or
// TWRITEHDR bytes (returned) that go in front of f->count bytes sent from where they lie.
// 0 for another type, an invalid f, or n too small.
size_t convS2Mhdr(const Fcall* f, uint8_t* buf, size_t n);
// Decode buf[0..n), which must be exactly one well-formed message of a known type (its
// size field equal to n, no bytes left over). Returns n, or 0 if the message is
// malformed, in which case *f may be partly written. Only the fields of f that the
// message's type carries are set. The stat bytes of Rstat/Twstat are not checked here
// (use statcheck or convM2D), nor are counts compared with msize or with the request.
size_t convM2S(const uint8_t* buf, size_t n, Fcall* f);
