// nscmd_fuzz: any bytes as a write to /proc/N/ns, through the kernel's parser
// (kernel/port/nscmd.cpp). Invariants:
//  - it never reads or writes outside the input and the n+1-byte token buffer (ASan);
//  - a parsed command is consistent: names point into the buffer and are NUL-terminated
//    there (an absent spec is ""), the flag word is valid (not both before and after), a spec only for mount,
//    and a source for bind and mount;
//  - quoting every name rc-style and writing the command back gives the same command.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "lib9/sys.h"
#include "port/nscmd.h"

namespace {

void must(bool ok, const char* invariant)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz: invariant broken: %s\n", invariant);
        std::abort();
    }
}

std::string quote(const char* s)
{
    std::string q = "'";
    for (; *s; s++)
        q += *s == '\'' ? std::string("''") : std::string(1, *s);
    return q + "'";
}

std::string flags(int f)
{
    std::string s = "-";
    if (f & MAFTER)
        s += 'a';
    if (f & MBEFORE)
        s += 'b';
    if (f & MCREATE)
        s += 'c';
    if (f & MCACHE)
        s += 'C';
    return s;
}

bool inside(const char* p, const std::vector<char>& buf)
{
    return p >= buf.data() && p < buf.data() + buf.size() && std::memchr(p, 0, buf.data() + buf.size() - p);
}

std::string same_or_nil(const char* s) { return s ? s : "\x01nil"; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t n)
{
    std::vector<char> text(data, data + n);  // exactly n bytes: reading past them is caught
    std::vector<char> buf(n + 1);
    NsCmd cmd;
    if (nscmd_parse(text.data(), n, buf.data(), &cmd))
        return 0;
    must((cmd.flag & MORDER) != MORDER && !(cmd.flag & ~MMASK), "flag word valid");
    must(inside(cmd.target, buf), "target in buffer");
    must(!cmd.source || inside(cmd.source, buf), "source in buffer");
    must(!cmd.spec || !*cmd.spec || inside(cmd.spec, buf), "spec empty or in buffer");
    must((cmd.spec != nullptr) == (cmd.verb == NsVerb::Mount), "spec exactly for mount");
    must(cmd.source || cmd.verb == NsVerb::Unmount, "source for bind and mount");

    static const char* const verbs[] = { "bind", "mount", "unmount" };
    std::string again = verbs[static_cast<int>(cmd.verb)];
    if (cmd.verb != NsVerb::Unmount)
        again += " " + flags(cmd.flag);
    if (cmd.source)
        again += " " + quote(cmd.source);
    again += " " + quote(cmd.target);
    if (cmd.spec)
        again += " " + quote(cmd.spec);
    std::vector<char> buf2(again.size() + 1);
    NsCmd cmd2;
    must(nscmd_parse(again.data(), again.size(), buf2.data(), &cmd2) == nullptr, "written back parses");
    must(cmd2.verb == cmd.verb && cmd2.flag == cmd.flag, "same verb and flags");
    must(same_or_nil(cmd2.source) == same_or_nil(cmd.source), "same source");
    must(std::string(cmd2.target) == cmd.target, "same target");
    must(same_or_nil(cmd2.spec) == same_or_nil(cmd.spec), "same spec");
    return 0;
}
