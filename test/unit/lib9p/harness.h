// A 9P client for the lib9p tests: it encodes T-messages with lib9's codec, feeds them to
// a Conn and decodes what the Conn sends back. Every message it sends or receives stays
// alive as long as the Harness, so decoded Fcalls may be kept. memfs is a small Tree
// server (file data in std::string) to drive the library with.
#pragma once
#include "lib9/fcall.h"
#include "lib9/sys.h"
#include "lib9p/9p.h"
#include "lib9p/file.h"
#include <deque>
#include <string>
#include <vector>

using Bytes = std::vector<uint8_t>;

Str S(const char* s);
std::string str(Str s);
Bytes encode(const Fcall& f);

class Harness {
public:
    explicit Harness(Srv* srv);

    // Feeds msg to the Conn; returns the replies it sent meanwhile.
    std::vector<Fcall> raw(const Bytes& msg);
    std::vector<Fcall> send(Fcall t);  // t.tag is set if it was NOTAG and t is not Tversion
    // Sends t and expects exactly one reply, with t's tag.
    Fcall rpc(Fcall t);

    Fcall version(uint32_t msize, const char* v = "9P2000");
    Fcall attach(uint32_t fid, const char* uname = "glenda");
    Fcall walk(uint32_t fid, uint32_t newfid, std::vector<std::string> names);
    Fcall open(uint32_t fid, uint8_t mode);
    Fcall create(uint32_t fid, const char* name, uint32_t perm, uint8_t mode);
    Fcall read(uint32_t fid, uint64_t offset, uint32_t count);
    Fcall write(uint32_t fid, uint64_t offset, const std::string& data);
    Fcall clunk(uint32_t fid);
    Fcall remove(uint32_t fid);
    Fcall stat(uint32_t fid);
    Fcall wstat(uint32_t fid, const Dir& d);
    // The replies sent after the last call returned (by a later respond).
    std::vector<Fcall> late();

    Conn conn;
    // The data of the last reply that came in two pieces (Conn::Send), else nil.
    const uint8_t* lastdata = nullptr;

private:
    static void sink(void* arg, const uint8_t* msg, size_t n, const uint8_t* data, size_t ndata);
    Fcall decode(const Bytes& b);

    std::deque<Bytes> m_keep;  // every message, so that decoded Fcalls stay valid
    std::deque<std::string> m_strs;  // strings the calls were given
    std::vector<Fcall> m_out;  // replies not yet returned
    uint16_t m_tag = 1;
};

// The error text of r, or "" if r is not an Rerror.
std::string err(const Fcall& r);
// Decodes the entries of an Rread of a directory; fails the test on a malformed one.
std::vector<std::string> dirnames(const Fcall& r);
Dir decodestat(const Fcall& r, std::string* strs);

// memfs: a Tree server keeping file contents in std::string (File.aux).
struct Memfs {
    Memfs();
    ~Memfs();
    Srv srv;
};
// Adds a file to a Memfs's tree directly, with the given contents.
File* memfile(Memfs& fs, const char* path, const char* uid, uint32_t perm, const char* data = "");
