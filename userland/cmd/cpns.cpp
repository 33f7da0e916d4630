// cpns, addns, subns [-t] [-r] [-x pat] [-o pat] model target: make process target's name
// space like process model's (cpns), add to it the model's entries it lacks (addns), or
// take from it the entries the model lacks (subns). One source built three times, NSOP
// (from CMakeLists.txt) choosing the tool. The tables come from /proc/N/ns and the diff
// from nsdiff; each command goes to /proc/target/ns in a write of its own, or with -t is
// printed as the rc command that would write it. Nothing else is written anywhere.
#include "libc.h"
#include "libregexp/regexp.h"
#include "nsdiff.h"

namespace {

constexpr NsOp op = NSOP;

[[noreturn]] void usage()
{
    fprint(2, "usage: %s [-t] [-r] [-x pat] [-o pat] model target\n", argv0);
    exits("usage");
}

Reprog* compile(const char* pat)
{
    Reprog* re = regcomp(pat);
    if (re == nullptr) {
        fprint(2, "%s: bad regular expression %s: %r\n", argv0, pat);
        exits("regexp");
    }
    return re;
}

// The whole of /proc/pid/ns, NUL-terminated, its length in *len; nil on error.
char* readns(const char* pid, long* len)
{
    char name[64];
    snprint(name, sizeof name, "/proc/%s/ns", pid);
    return readfile(name, len);
}

bool exists(const char* pid)
{
    if (*pid == 0)
        return false;
    for (const char* p = pid; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    char name[64];
    snprint(name, sizeof name, "/proc/%s", pid);
    Dir* d = dirstat(name);
    free(d);
    return d != nullptr;
}

void load(NsTable& t, const char* pid)
{
    long n;
    char* text = readns(pid, &n);
    if (text == nullptr) {
        fprint(2, "%s: /proc/%s/ns: %r\n", argv0, pid);
        exits("open");
    }
    int bad;
    bool ok = t.parse(text, n, &bad);
    free(text);
    if (!ok) {
        fprint(2, "%s: /proc/%s/ns:%d: unrecognized format\n", argv0, pid, bad);
        exits("format");
    }
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = op == NsOp::Copy ? "cpns" : op == NsOp::Add ? "addns" : "subns";
    bool tflag = false;
    NsFilter filter;
    ARGBEGIN {
    case 't':
        tflag = true;
        break;
    case 'r':
        filter.rio = true;
        break;
    case 'x':
        filter.exclude = compile(EARGF(usage()));
        break;
    case 'o':
        filter.only = compile(EARGF(usage()));
        break;
    default:
        usage();
    } ARGEND
    if (argc != 2)
        usage();
    const char* model = argv[0];
    const char* target = argv[1];
    const char* pids[] = { model, target };
    for (const char* pid : pids) {
        if (!exists(pid)) {
            fprint(2, "process %s does not exist!\n", pid);
            exits("no.proc");
        }
    }

    NsTable m, t;
    load(m, model);
    load(t, target);
    NsSteps cmds;
    ns_diff(op, m, t, cmds);
    if (cmds.count() == 0 && op != NsOp::Copy) {
        if (op == NsOp::Add)
            fprint(2, "no binds in %s not in %s to add\n", model, target);
        else
            fprint(2, "no binds in %s not in %s to subtract\n", target, model);
        exits("no.binds");
    }

    int fd = -1;
    if (!tflag) {
        char name[64];
        snprint(name, sizeof name, "/proc/%s/ns", target);
        fd = open(name, OWRITE);
        if (fd < 0) {
            fprint(2, "%s: can't open %s: %r\n", argv0, name);
            exits("open");
        }
    }
    Fmt out;
    char outbuf[4096];
    fmtfdinit(&out, 1, outbuf, sizeof outbuf);
    bool failed = false;
    for (int i = 0; i < cmds.count(); i++) {
        const NsStep& c = cmds[i];
        if (!ns_keep(filter, c))
            continue;
        if (c.why) {
            fprint(2, "%s: skipping %s: %s\n", argv0, c.text, c.why);
            continue;
        }
        if (tflag) {
            char* echo = ns_echo(c.text, target);
            fmtprint(&out, "%s\n", echo);
            delete[] echo;
            continue;
        }
        char* line = smprint("%s\n", c.text);
        long n = line ? strlen(line) : 0;
        if (line == nullptr || write(fd, line, n) != n) {
            fprint(2, "%s: %s: %r\n", argv0, c.text);
            failed = true;
        }
        free(line);
    }
    if (fmtfdflush(&out) < 0)
        sysfatal("write error: %r");
    exits(failed ? "errors" : nullptr);
}
