// Files by path on a 9P server, for 9pc's commands (9pclient(3)'s fsopen, fscreate,
// fsremove, fsdirstat and fsdirreadall in miniature). Paths are relative to the root the
// client attached: '/'-separated, empty and "." elements skipped, ".." left to the server.
// Each call returns false (or -1) with the reason in the client's err().
#pragma once
#include <string>
#include <vector>

#include "9pc/client.h"

// An open file: its fid, the largest read or write it takes and where the next one goes.
struct File {
    uint32_t fid = NOFID;
    uint32_t iounit = 0;
    uint64_t offset = 0;
    Qid qid;
};

std::vector<std::string> pathnames(const std::string& path);

bool fsopen(Client& c, const std::string& path, uint8_t mode, File* f);
// Creates path's last name in the directory before it, with perm, opened with mode.
bool fscreate(Client& c, const std::string& path, uint32_t perm, uint8_t mode, File* f);
bool fsremove(Client& c, const std::string& path);
bool fsdirstat(Client& c, const std::string& path, Stat* st);
bool fsclose(Client& c, File& f);  // clunks (the fid is gone even if it fails)

// Reads up to n bytes at f's offset and advances it: the count (0 at the end), or -1.
long fsread(Client& c, File& f, uint8_t* buf, size_t n);
// Writes all n bytes (as many messages as iounit asks; n == 0 sends one empty write).
bool fswrite(Client& c, File& f, const uint8_t* buf, size_t n);
// Every entry of the open directory f, each checked whole (entries never straddle reads).
bool fsdirreadall(Client& c, File& f, std::vector<Stat>* entries);
