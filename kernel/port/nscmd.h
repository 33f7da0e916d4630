// The write grammar of /proc/N/ns: one command per write, the text a shell would type.
//
//     bind [-abcC] new old
//     mount [-abcC] srvfile old [spec]
//     unmount [new] old
//
// Tokens are split at blanks and newlines; single quotes quote as in rc ('' is a quote).
// Flag letters other than a b c C (q, n: the mount(1) options that make no sense here)
// are accepted and ignored. Pure text processing: no kernel state, so the host tests and
// the fuzzer run it as it is.
#pragma once
#include <cstddef>

enum class NsVerb { Bind, Mount, Unmount };

struct NsCmd {
    NsVerb verb;
    int flag;  // MREPL, MBEFORE or MAFTER, with MCREATE and MCACHE
    const char* source;  // bind's new, mount's srvfile, unmount's new (nullptr: everything)
    const char* target;  // old: the mount point
    const char* spec;  // mount's attach name, "" if none; nullptr for bind and unmount
};

// Parses text[0..n), which must hold no NUL. buf gets the tokens (n+1 bytes are enough)
// and cmd points into it. Returns nullptr or the error string to fail the write with.
const char* nscmd_parse(const char* text, size_t n, char* buf, NsCmd* cmd);
