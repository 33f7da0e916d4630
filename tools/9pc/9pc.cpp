// 9pc: read and write files on a 9P server from the host, as plan9port's 9p(1) does:
//   9pc [-n] [-a address] [-A aname] [-u user] [-m msize] cmd args...
// with cmds read, write [-l], create, rm, stat and ls [-ld]. Without -a, a path's first
// name is a service in the name space directory (dial.h). Each path is reached over one
// connection per address: Tversion, Tattach, then a walk from the root for every call.
// Diagnostics are Plan 9's: "9pc: what: error", the error being the server's Rerror text;
// the exit status is non-zero if anything failed.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include "9pc/client.h"
#include "9pc/dial.h"
#include "9pc/dirfmt.h"
#include "9pc/fs.h"
#include "lib9/sys.h"

namespace {

const char* address;  // -a
const char* aname = "";  // -A
std::string uname;  // -u
uint32_t msize = 8192 + IOHDRSZ;  // -m
bool failed;

[[noreturn]] void usage()
{
    std::fprintf(stderr,
        "usage: 9pc [-n] [-a address] [-A aname] [-u user] [-m msize] cmd args...\n"
        "possible cmds:\n"
        "\tread name\n"
        "\twrite [-l] name\n"
        "\tcreate name...\n"
        "\trm name...\n"
        "\tstat name\n"
        "\tls [-ld] name...\n"
        "without -a, name elem/path means /path on server unix!$ns/elem\n");
    std::exit(1);
}

[[noreturn]] void fatal(const std::string& what, const std::string& err)
{
    std::fprintf(stderr, "9pc: %s: %s\n", what.c_str(), err.c_str());
    std::exit(1);
}

void complain(const std::string& what, const std::string& err)
{
    std::fprintf(stderr, "9pc: %s: %s\n", what.c_str(), err.c_str());
    failed = true;
}

// Plan 9's ARGBEGIN: flags cluster (-ld), a flag's value is the rest of its word or the
// next word; "--" ends the flags, and so does "-" or a word not starting with '-'.
class Args {
public:
    Args(int argc, char** argv) : m_argc(argc), m_argv(argv) {}

    int flag()
    {
        if (m_p && *m_p)
            return *m_p++;
        if (m_argc == 0 || m_argv[0][0] != '-' || m_argv[0][1] == 0)
            return 0;
        if (std::strcmp(m_argv[0], "--") == 0) {
            shift();
            return 0;
        }
        m_p = m_argv[0] + 1;
        shift();
        return *m_p++;
    }
    const char* value()
    {
        const char* v = m_p && *m_p ? m_p : m_argc > 0 ? m_argv[0] : nullptr;
        if (!(m_p && *m_p) && v)
            shift();
        m_p = nullptr;
        if (!v)
            usage();
        return v;
    }
    int argc() const { return m_argc; }
    char** argv() const { return m_argv; }

private:
    void shift()
    {
        m_argc--;
        m_argv++;
    }

    int m_argc;
    char** m_argv;
    const char* m_p = nullptr;
};

// The connection the last path used, kept for the next path to the same address.
struct Session {
    std::string addr;
    Conn conn;
    std::unique_ptr<Client> client;
} session;

// The client serving arg (dialling and attaching unless the last path's server is the
// one), and in *path the rest of arg, the path on that server.
Client& mount(const std::string& arg, std::string* path)
{
    std::string addr;
    if (address) {
        addr = address;
        *path = arg;
    } else {
        size_t slash = arg.find('/');
        addr = nsaddr(arg.substr(0, slash));
        *path = slash == std::string::npos ? "" : arg.substr(slash + 1);
    }
    if (session.client && session.addr == addr)
        return *session.client;
    session.client.reset();
    hangup(session.conn);
    std::string err;
    if (!dial(addr, &session.conn, &err))
        fatal("dial " + addr, err);
    session.addr = addr;
    session.client = std::make_unique<Client>(session.conn.rfd, session.conn.wfd);
    Client& c = *session.client;
    if (!c.version(msize))
        fatal("version", c.err());
    if (!c.attach(uname.c_str(), aname))
        fatal("attach", c.err());
    return c;
}

bool writeout(const void* buf, size_t n)
{
    auto* p = static_cast<const char*>(buf);
    while (n > 0) {
        ssize_t m = write(1, p, n);
        if (m < 0 && errno == EINTR)
            continue;
        if (m <= 0)
            return false;
        p += m;
        n -= size_t(m);
    }
    return true;
}

// One path argument for a command that takes exactly one.
std::string one(Args& a)
{
    if (a.flag() != 0 || a.argc() != 1)
        usage();
    return a.argv()[0];
}

void xread(Args& a)
{
    std::string name = one(a), path;
    Client& c = mount(name, &path);
    File f;
    if (!fsopen(c, path, OREAD, &f))
        fatal("open " + name, c.err());
    std::vector<uint8_t> buf(f.iounit);
    long n;
    while ((n = fsread(c, f, buf.data(), buf.size())) > 0)
        if (!writeout(buf.data(), size_t(n)))
            fatal("write", std::strerror(errno));
    if (n < 0)
        fatal("read " + name, c.err());
    fsclose(c, f);
}

// Sends standard input to f: as it comes, or with -l a line (newline included) per write.
void xwrite(Args& a)
{
    bool byline = false;
    for (int ch; (ch = a.flag()) != 0;)
        if (ch == 'l')
            byline = true;
        else
            usage();
    if (a.argc() != 1)
        usage();
    std::string name = a.argv()[0], path;
    Client& c = mount(name, &path);
    File f;
    if (!fsopen(c, path, OWRITE | OTRUNC, &f))
        fatal("open " + name, c.err());
    std::string pending;
    bool did = false;
    char buf[8192];
    ssize_t n;
    auto send = [&](const char* p, size_t len) {
        did = true;
        if (!fswrite(c, f, reinterpret_cast<const uint8_t*>(p), len))
            fatal("write " + name, c.err());
    };
    while ((n = read(0, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fatal("read standard input", std::strerror(errno));
        if (!byline) {
            send(buf, size_t(n));
            continue;
        }
        pending.append(buf, size_t(n));
        size_t start = 0, nl;
        while ((nl = pending.find('\n', start)) != std::string::npos) {
            send(pending.data() + start, nl + 1 - start);
            start = nl + 1;
        }
        pending.erase(0, start);
    }
    if (!pending.empty() || !did)  // an empty input is one empty write, as 9p(1) makes
        send(pending.data(), pending.size());
    if (!fsclose(c, f))
        fatal("close " + name, c.err());
}

void xcreate(Args& a)
{
    if (a.flag() != 0 || a.argc() < 1)
        usage();
    for (int i = 0; i < a.argc(); i++) {
        std::string name = a.argv()[i], path;
        Client& c = mount(name, &path);
        File f;
        if (!fscreate(c, path, 0666, OREAD, &f)) {
            complain("create " + name, c.err());
            continue;
        }
        fsclose(c, f);
    }
}

void xrm(Args& a)
{
    if (a.flag() != 0 || a.argc() < 1)
        usage();
    for (int i = 0; i < a.argc(); i++) {
        std::string name = a.argv()[i], path;
        Client& c = mount(name, &path);
        if (!fsremove(c, path))
            complain("remove " + name, c.err());
    }
}

void xstat(Args& a)
{
    std::string name = one(a), path;
    Client& c = mount(name, &path);
    Stat st;
    if (!fsdirstat(c, path, &st))
        fatal("stat " + name, c.err());
    std::printf("%s\n", dirline(st).c_str());
}

void print(const std::vector<Stat>& entries, bool lflag)
{
    if (lflag) {
        for (const std::string& l : lslines(entries, std::time(nullptr)))
            std::printf("%s\n", l.c_str());
        return;
    }
    for (const Stat& st : entries)
        std::printf("%s\n", quoted(st.name).c_str());
}

// Lists each directory's entries sorted by name, or the file (or with -d the directory) itself.
void xls(Args& a)
{
    bool lflag = false, dflag = false;
    for (int ch; (ch = a.flag()) != 0;) {
        if (ch == 'l')
            lflag = true;
        else if (ch == 'd')
            dflag = true;
        else
            usage();
    }
    if (a.argc() < 1)
        usage();
    for (int i = 0; i < a.argc(); i++) {
        std::string name = a.argv()[i], path;
        Client& c = mount(name, &path);
        Stat st;
        if (!fsdirstat(c, path, &st)) {
            complain("stat " + name, c.err());
            continue;
        }
        if (!(st.mode & DMDIR) || dflag) {
            print({st}, lflag);
            continue;
        }
        File f;
        std::vector<Stat> entries;
        if (!fsopen(c, path, OREAD, &f)) {
            complain("open " + name, c.err());
            continue;
        }
        bool ok = fsdirreadall(c, f, &entries);
        if (!ok)
            complain("read " + name, c.err());
        fsclose(c, f);
        std::sort(entries.begin(), entries.end(), [](const Stat& x, const Stat& y) { return x.name < y.name; });
        if (ok)
            print(entries, lflag);
    }
}

struct Cmd {
    const char* name;
    void (*run)(Args&);
    bool stdio;  // uses standard input or output, so cannot run over "-a -"
};

const Cmd cmds[] = {
    {"read", xread, true},
    {"write", xwrite, true},
    {"create", xcreate, false},
    {"rm", xrm, false},
    {"stat", xstat, true},
    {"ls", xls, true},
};

}  // namespace

int main(int argc, char** argv)
{
    std::signal(SIGPIPE, SIG_IGN);  // a server that hangs up is an error to report
    const char* user = std::getenv("USER");
    uname = user && *user ? user : "none";
    Args a(argc - 1, argv + 1);
    for (int ch; (ch = a.flag()) != 0;) {
        switch (ch) {
        case 'a':
            address = a.value();
            break;
        case 'A':
            aname = a.value();
            break;
        case 'u':
            uname = a.value();
            break;
        case 'm': {
            char* end;
            const char* v = a.value();
            unsigned long m = std::strtoul(v, &end, 10);
            if (*v == 0 || *end || m <= IOHDRSZ || m > 1u << 24)
                usage();
            msize = uint32_t(m);
            break;
        }
        case 'n':  // no authentication: 9pc never authenticates
            break;
        default:
            usage();
        }
    }
    if (a.argc() < 1)
        usage();
    const Cmd* cmd = nullptr;
    for (const Cmd& c : cmds)
        if (std::strcmp(c.name, a.argv()[0]) == 0)
            cmd = &c;
    if (!cmd)
        usage();
    if (cmd->stdio && address && std::strcmp(address, "-") == 0)
        fatal(cmd->name, "standard input and output carry 9P");
    Args rest(a.argc() - 1, a.argv() + 1);
    cmd->run(rest);
    if (std::fflush(stdout) != 0 || std::ferror(stdout))
        fatal("write", std::strerror(errno));
    if (session.client)
        hangup(session.conn);
    return failed ? 1 : 0;
}
