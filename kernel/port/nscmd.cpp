// Parsing of /proc/N/ns writes (see nscmd.h). Errors are those of Plan 9 with ANTS's
// writable ns: a wrong number of fields, an unknown verb or contradictory flags is a bad
// argument; a pipe (#|) named anywhere is an unknown device, since a pipe's data file
// cannot be reached from another process's name space.
#include "port/nscmd.h"
#include "lib9/error.h"
#include "lib9/sys.h"

namespace {

constexpr int MAXTOKENS = 5;

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool same(const char* a, const char* b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

// Splits text into at most MAXTOKENS tokens in buf; returns their number, MAXTOKENS + 1 if
// there are more, or -1 for an unclosed quote or a NUL.
int tokenize(const char* text, size_t n, char* buf, const char** tok)
{
    size_t i = 0;
    int nt = 0;
    for (;;) {
        while (i < n && blank(text[i]))
            i++;
        if (i == n)
            return nt;
        if (nt == MAXTOKENS)
            return MAXTOKENS + 1;
        tok[nt++] = buf;
        bool quoted = false;
        for (; i < n && (quoted || !blank(text[i])); i++) {
            char c = text[i];
            if (c == 0)
                return -1;
            if (c != '\'') {
                *buf++ = c;
            } else if (quoted && i + 1 < n && text[i + 1] == '\'') {
                *buf++ = '\'';
                i++;
            } else {
                quoted = !quoted;
            }
        }
        if (quoted)
            return -1;
        *buf++ = 0;
    }
}

// "-abcC": 0 and the flag word, or an error.
const char* flags(const char* s, int* flag)
{
    *flag = MREPL;
    for (s++; *s; s++) {
        switch (*s) {
        case 'a':
            *flag |= MAFTER;
            break;
        case 'b':
            *flag |= MBEFORE;
            break;
        case 'c':
            *flag |= MCREATE;
            break;
        case 'C':
            *flag |= MCACHE;
            break;
        }
    }
    return (*flag & MORDER) == MORDER ? Ebadarg : nullptr;
}

bool pipe_name(const char* s) { return s && s[0] == '#' && s[1] == '|'; }

}  // namespace

const char* nscmd_parse(const char* text, size_t n, char* buf, NsCmd* cmd)
{
    const char* tok[MAXTOKENS];
    int nt = tokenize(text, n, buf, tok);
    if (nt < 2 || nt > MAXTOKENS)
        return Ebadarg;
    NsVerb verb;
    if (same(tok[0], "bind"))
        verb = NsVerb::Bind;
    else if (same(tok[0], "mount"))
        verb = NsVerb::Mount;
    else if (same(tok[0], "unmount"))
        verb = NsVerb::Unmount;
    else
        return Ebadarg;

    *cmd = NsCmd { verb, MREPL, nullptr, nullptr, nullptr };
    int at = 1;
    if (nt >= 4 && tok[1][0] == '-') {
        if (verb == NsVerb::Unmount)
            return Ebadarg;
        if (const char* e = flags(tok[1], &cmd->flag))
            return e;
        at = 2;
    }
    int args = nt - at;  // names after the verb and flags
    switch (verb) {
    case NsVerb::Bind:
        if (args != 2)
            return Ebadarg;
        cmd->source = tok[at];
        cmd->target = tok[at + 1];
        break;
    case NsVerb::Mount:
        if (args != 2 && args != 3)
            return Ebadarg;
        cmd->source = tok[at];
        cmd->target = tok[at + 1];
        cmd->spec = args == 3 ? tok[at + 2] : "";
        break;
    case NsVerb::Unmount:
        if (args == 1) {
            cmd->target = tok[at];
        } else if (args == 2) {
            cmd->source = tok[at];
            cmd->target = tok[at + 1];
        } else {
            return Ebadarg;
        }
        break;
    }
    if (pipe_name(cmd->source) || pipe_name(cmd->target))
        return Ebadsharp;
    return nullptr;
}
