// nsdiff (userland/cmd/nsdiff.cpp): the mount tables of /proc/N/ns and the commands cpns,
// addns and subns derive from two of them. Hand-written cases show where a line-by-line
// text diff (ANTS's) goes wrong; the property tests run the commands on a host model of
// the kernel's name space (nsmodel.h) and check the outcome, walks included.
#include "../../../userland/cmd/nsdiff.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "libregexp/regexp.h"
#include "nsmodel.h"

namespace {

// Process 1's name space as the kernel lists it (test/qemu/test_ns.py).
const char* const Proc1 = R"(bind  #c /dev
bind  #ec /env
bind -bc #e /env
bind -c #s /srv
bind  / /
bind  #d /fd
bind  #p /proc
bind  /net /net
bind  /bin /bin
bind -a /boot /bin
cd /
)";

void parse(NsTable& t, const std::string& text)
{
    int bad = 0;
    INFO(text);
    REQUIRE(t.parse(text.data(), long(text.size()), &bad));
}

// The commands op gives, each as its text, or "skip TEXT: WHY".
std::vector<std::string> diff(NsOp op, const std::string& model, const std::string& target)
{
    NsTable m, t;
    parse(m, model);
    parse(t, target);
    NsSteps c;
    ns_diff(op, m, t, c);
    std::vector<std::string> v;
    for (int i = 0; i < c.count(); i++)
        v.push_back(c[i].why ? std::string("skip ") + c[i].text + ": " + c[i].why : c[i].text);
    return v;
}

using Cmds = std::vector<std::string>;

char* dup(const char* s)
{
    char* p = new char[strlen(s) + 1];
    strcpy(p, s);
    return p;
}

}  // namespace

TEST_CASE("nsdiff: parsing process 1's name space")
{
    NsTable t;
    parse(t, Proc1);
    REQUIRE(t.count() == 10);
    CHECK(!t[0].mount);
    CHECK(t[0].flags == 0);
    CHECK(std::string(t[0].src) == "#c");
    CHECK(std::string(t[0].on) == "/dev");
    CHECK(std::string(t[0].spec) == "");
    CHECK(t[2].flags == (NsBefore | NsCreate));
    CHECK(t[3].flags == NsCreate);
    CHECK(t[9].flags == NsAfter);
    for (int i = 0; i < t.count(); i++)
        CHECK(t[i].seq == i);
}

TEST_CASE("nsdiff: parsing mounts: srv files, specs, the trailing blank of an empty spec, -C")
{
    NsTable t;
    parse(t, "mount  #s/boot /root \nmount -bC #s/one /n/x main/active\nmount -a /net/tcp/7/data /n/y ");
    REQUIRE(t.count() == 3);
    CHECK(t[0].mount);
    CHECK(std::string(t[0].src) == "#s/boot");
    CHECK(std::string(t[0].on) == "/root");
    CHECK(std::string(t[0].spec) == "");
    CHECK(t[1].flags == (NsBefore | NsCache));
    CHECK(std::string(t[1].spec) == "main/active");
    CHECK(std::string(t[2].src) == "/net/tcp/7/data");
    CHECK(t[2].flags == NsAfter);
}

TEST_CASE("nsdiff: parsing passes over cd and empty lines, wherever they are")
{
    NsTable t;
    parse(t, "\ncd /usr/glenda\nbind  /a /b\n\ncd /\n");
    REQUIRE(t.count() == 1);
    CHECK(t[0].seq == 0);
}

TEST_CASE("nsdiff: malformed lines are refused with their number")
{
    const char* bad[] = {
        "bind /a /b",  // the flag field is missing: two blanks are needed
        "bind  /a /b /c",
        "bind -q /a /b",
        "bind - /a /b",
        "bind  /a ",
        "mount  #s/x",
        "mount  #s/x /n spec more",
        "umount  /a /b",
        "cd",
        "bind  /a\t/b",
    };
    for (const char* line : bad) {
        std::string text = std::string("bind  /x /y\n") + line + "\ncd /\n";
        NsTable t;
        int where = 0;
        INFO(line);
        CHECK(!t.parse(text.data(), long(text.size()), &where));
        CHECK(where == 2);
        CHECK(t.count() == 0);
    }
    NsTable t;
    int where = 0;
    std::string nul("bind  /a /b\0c\n", 14);
    CHECK(!t.parse(nul.data(), long(nul.size()), &where));
    CHECK(where == 1);
}

TEST_CASE("nsdiff: equal name spaces give no commands")
{
    for (NsOp op : { NsOp::Copy, NsOp::Add, NsOp::Sub })
        CHECK(diff(op, Proc1, Proc1).empty());
}

TEST_CASE("nsdiff: reordered union members: the text diff sees nothing, cpns rebuilds the union")
{
    const char* model = "bind  #c /dev\nbind  /bin /bin\nbind -a /boot /bin\nbind -a /n/x/bin /bin\ncd /\n";
    const char* target = "bind  #c /dev\nbind  /bin /bin\nbind -a /n/x/bin /bin\nbind -a /boot /bin\ncd /\n";
    CHECK(diff(NsOp::Add, model, target).empty());
    CHECK(diff(NsOp::Sub, model, target).empty());
    CHECK(diff(NsOp::Copy, model, target)
        == Cmds { "unmount /bin", "bind /bin /bin", "bind -a /boot /bin", "bind -a /n/x/bin /bin" });
}

TEST_CASE("nsdiff: a mount point beneath a mount that changes is unmounted first and made again")
{
    const char* model = "mount  #s/two /n/x \nbind  /tmp /n/x/y\n";
    const char* target = "mount  #s/one /n/x \nbind  /tmp /n/x/y\n";
    // The text diff replaces the mount and leaves /n/x/y made through the old one.
    CHECK(diff(NsOp::Sub, model, target) == Cmds { "unmount /n/x" });
    CHECK(diff(NsOp::Add, model, target) == Cmds { "mount #s/two /n/x" });
    CHECK(diff(NsOp::Copy, model, target)
        == Cmds { "unmount /n/x/y", "unmount /n/x", "mount #s/two /n/x", "bind /tmp /n/x/y" });
}

TEST_CASE("nsdiff: a bind whose source lies under a changed mount is made again after it")
{
    const char* model = "mount  #s/two /n/x \nbind  /n/x/bin /bin\nbind  #c /dev\n";
    const char* target = "mount  #s/one /n/x \nbind  /n/x/bin /bin\nbind  #c /dev\n";
    CHECK(diff(NsOp::Copy, model, target)
        == Cmds { "unmount /bin", "unmount /n/x", "mount #s/two /n/x", "bind /n/x/bin /bin" });
}

TEST_CASE("nsdiff: the same entries made in another order across mount points walk differently")
{
    // In the model /a/b was made before /a had a union; in the target, through it.
    const char* model = "bind  /x /a/b\nbind  /a /a\nbind -b /y /a\n";
    const char* target = "bind  /a /a\nbind -b /y /a\nbind  /x /a/b\n";
    CHECK(diff(NsOp::Copy, model, target)
        == Cmds { "unmount /a/b", "unmount /a", "bind /x /a/b", "bind /a /a", "bind -b /y /a" });
}

TEST_CASE("nsdiff: cpns unmounts a mount point made after an entry it replays")
{
    // /p's source was found before /a was bound: /a must not be there when /p is made.
    const char* model = "bind  /a/b /p\nbind  /s /a\n";
    const char* target = "bind  /s /a\n";
    CHECK(diff(NsOp::Copy, model, target) == Cmds { "unmount /a", "bind /a/b /p", "bind /s /a" });
}

TEST_CASE("nsdiff: cpns unmounts the newer mount point above one it must name")
{
    // /a/b was made before /a: named now, it would be found through /a's union.
    const char* model = "bind  /y /a\n";
    const char* target = "bind  /x /a/b\nbind  /y /a\n";
    CHECK(diff(NsOp::Copy, model, target) == Cmds { "unmount /a", "unmount /a/b", "bind /y /a" });
}

TEST_CASE("nsdiff: cpns leaves clean mount points alone, and bind / / changes no walk")
{
    std::string target = Proc1;
    target.insert(target.find("bind  #ec"), "bind -a /lib/dev /dev\n");
    CHECK(diff(NsOp::Copy, Proc1, target) == Cmds { "unmount /dev", "bind #c /dev" });
    CHECK(diff(NsOp::Sub, Proc1, target) == Cmds { "unmount /lib/dev /dev" });
    CHECK(diff(NsOp::Copy, target, Proc1) == Cmds { "unmount /dev", "bind #c /dev", "bind -a /lib/dev /dev" });
    CHECK(diff(NsOp::Add, target, Proc1) == Cmds { "bind -a /lib/dev /dev" });
}

TEST_CASE("nsdiff: a changed root remakes everything beneath it")
{
    std::string model = Proc1;
    model.replace(model.find("bind  / /"), 9, "bind  /root /");
    CHECK(diff(NsOp::Copy, model, Proc1)
        == Cmds { "unmount /bin", "unmount /net", "unmount /proc", "unmount /fd", "unmount /", "unmount /srv",
            "unmount /env", "unmount /dev", "bind #c /dev", "bind #ec /env", "bind -bc #e /env", "bind -c #s /srv",
            "bind /root /", "bind #d /fd", "bind #p /proc", "bind /net /net", "bind /bin /bin", "bind -a /boot /bin" });
}

TEST_CASE("nsdiff: addns adds what the target lacks, in the model's order")
{
    const char* model = "bind  #c /dev\nbind  /bin /bin\nbind -a /boot /bin\nbind -a /x /bin\n"
                        "mount  #s/one /n/x spec\nbind  /a /p\nbind -a /b /p\ncd /\n";
    const char* target = "bind  #c /dev\nbind  /bin /bin\nbind -a /boot /bin\nmount  #s/two /n/x \n"
                         "bind -a /y /n/x\nbind  /c /p\nbind -a /b /p\ncd /\n";
    // Replacing /p's union loses its -a member, so that is added again.
    CHECK(diff(NsOp::Add, model, target)
        == Cmds { "bind -a /x /bin", "mount #s/one /n/x spec", "bind /a /p", "bind -a /b /p" });
    CHECK(diff(NsOp::Add, "bind  /a /b\n", "bind  /c /d\nbind  /a /b\n").empty());
}

TEST_CASE("nsdiff: subns takes away what the model lacks, newest first")
{
    const char* model = "bind  #c /dev\nbind  /bin /bin\nbind -a /boot /bin\nbind -b /z /n/y\ncd /\n";
    const char* target = "bind  #c /dev\nbind  /bin /bin\nbind -a /boot /bin\nbind -a /x /bin\n"
                         "mount  #s/two /n/x \nmount -a #s/one /n/y \nbind -b /z /n/y\ncd /\n";
    CHECK(diff(NsOp::Sub, model, target) == Cmds { "unmount #s/one /n/y", "unmount /n/x", "unmount /x /bin" });
    CHECK(diff(NsOp::Sub, target, model).empty());
    // unmount /p/q /p would walk through /p's union to /y/q: /p is made again instead.
    CHECK(diff(NsOp::Sub, "bind  /y /p\n", "bind  /y /p\nbind -a /p/q /p\n") == Cmds { "unmount /p", "bind /y /p" });
    // /a/b was made before /a: its name now leads elsewhere.
    CHECK(diff(NsOp::Sub, "bind  /x /a/b\nbind  /y /a\n", "bind  /x /a/b\nbind -a /z /a/b\nbind  /y /a\n")
        == Cmds { "skip unmount /z /a/b: a mount above it was made after it" });
}

TEST_CASE("nsdiff: pipes, ssl and tls, and mounts not from /srv are skipped with the reason")
{
    const char* model = "bind  #|/data /mnt/pipe\nmount  /net/tcp/7/data /n/remote \nmount -a #s/one /n/remote \n"
                        "bind  #D/ssl/3/data /mnt/ssl\nbind  #a/tls/0/data /mnt/tls\nmount  #z/zipfs /n/z \n";
    CHECK(diff(NsOp::Add, model, "cd /\n")
        == Cmds {
            "skip bind #|/data /mnt/pipe: a pipe cannot be named",
            "skip mount /net/tcp/7/data /n/remote: not mounted from a srv file",
            "mount -a #s/one /n/remote",
            "skip bind #D/ssl/3/data /mnt/ssl: an ssl or tls connection cannot be reopened",
            "skip bind #a/tls/0/data /mnt/tls: an ssl or tls connection cannot be reopened",
            "mount #z/zipfs /n/z",
        });
    // Removing every entry of a mount point needs only its name.
    CHECK(diff(NsOp::Sub, "cd /\n", model)
        == Cmds { "unmount /n/z", "unmount /mnt/tls", "unmount /mnt/ssl", "unmount /n/remote", "unmount /mnt/pipe" });
    // One that cannot be named goes with its mount point, and those that stay are made
    // again, unless they cannot be made as they were.
    CHECK(diff(NsOp::Sub, "mount  #s/one /n/r \n", "mount  #s/one /n/r \nbind -a #|/data /n/r\n")
        == Cmds { "unmount /n/r", "mount #s/one /n/r" });
    CHECK(diff(NsOp::Sub, "mount -a #s/one /n/remote \n", model)[3]
        == "skip unmount /net/tcp/7/data /n/remote: not mounted from a srv file");
    CHECK(diff(NsOp::Sub, "bind  #|/data /mnt/p\n", "bind  #|/data /mnt/p\nbind -a #|/data1 /mnt/p\n")
        == Cmds { "skip unmount #|/data1 /mnt/p: a pipe cannot be named" });
}

TEST_CASE("nsdiff: names with quotes or blanks are rc-quoted, and -t's echo quotes the whole command")
{
    CHECK(diff(NsOp::Add, "bind  /usr/o'brien /n/ob\nbind -c /a\tb /c\n", "")
        == Cmds { "bind '/usr/o''brien' /n/ob", "bind -c '/a\tb' /c" });
    char* echo = ns_echo("bind '/usr/o''brien' /n/ob", "42");
    CHECK(std::string(echo) == "echo 'bind ''/usr/o''''brien'' /n/ob' >/proc/42/ns");
    delete[] echo;
}

TEST_CASE("nsdiff: -r drops rio's files (an unmount anything with rio), -x and -o select by regexp")
{
    NsSteps c;
    for (const char* s : { "bind /mnt/term/dev /dev", "mount #s/rio /mnt/wsys", "bind -a /rio/bin /bin",
             "bind #c/cons /dev/cons", "bind /lib/prio /n/p", "mount #s/one /n/x" })
        c.add(dup(s), nullptr, false);
    c.add(dup("unmount /lib/prio /n/p"), nullptr, true);
    c.add(dup("unmount /n/x"), nullptr, true);
    auto kept = [&](const NsFilter& f) {
        Cmds v;
        for (int i = 0; i < c.count(); i++)
            if (ns_keep(f, c[i]))
                v.push_back(c[i].text);
        return v;
    };
    CHECK(kept(NsFilter {}).size() == 8);
    NsFilter r;
    r.rio = true;
    CHECK(kept(r) == Cmds { "bind /lib/prio /n/p", "mount #s/one /n/x", "unmount /n/x" });
    Reprog* mounts = regcomp("^mount ");
    Reprog* n = regcomp("/n/");
    NsFilter x;
    x.exclude = mounts;
    CHECK(kept(x).size() == 6);
    NsFilter o;
    o.only = n;
    CHECK(kept(o) == Cmds { "bind /lib/prio /n/p", "mount #s/one /n/x", "unmount /lib/prio /n/p", "unmount /n/x" });
    o.exclude = mounts;
    o.rio = true;
    CHECK(kept(o) == Cmds { "bind /lib/prio /n/p", "unmount /n/x" });
    free(mounts);
    free(n);
}

namespace {

// Scripts of random commands over a few names that nest, and variations of them, so that
// two name spaces share much and differ in places.
class Gen {
public:
    explicit Gen(unsigned seed) : m_rng(seed) {}

    std::vector<std::string> script()
    {
        std::vector<std::string> v;
        for (int n = 3 + pick(8); n > 0; n--)
            v.push_back(command());
        return v;
    }
    std::vector<std::string> vary(std::vector<std::string> v)
    {
        for (int n = pick(4); n > 0; n--) {
            int i = pick(int(v.size()) + 1);
            switch (pick(4)) {
            case 0:
                if (i < int(v.size()))
                    v.erase(v.begin() + i);
                break;
            case 1: v.insert(v.begin() + i, command()); break;
            case 2:
                if (i < int(v.size()))
                    v[i] = command();
                break;
            case 3:
                if (i + 1 < int(v.size()))
                    std::swap(v[i], v[i + 1]);
                break;
            }
        }
        return v;
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    template<size_t N> std::string any(const char* const (&a)[N]) { return a[pick(int(N))]; }

    std::string command()
    {
        static const char* const ons[] = { "/", "/a", "/a/b", "/a/b/c", "/n", "/n/x", "/n/x/y", "/bin", "/dev" };
        static const char* const srcs[] = { "/a", "/a/b", "/a/b/c", "/n/x", "/n/x/y", "/bin", "/s1", "/s2",
            "/s2/d", "/dev", "#c", "#e" };
        static const char* const srvs[] = { "#s/one", "#s/two", "#z/three" };
        static const char* const flags[] = { "", "", "-a", "-b", "-c", "-ac", "-bC" };
        std::string on = any(ons);
        switch (pick(12)) {
        case 0: return "unmount " + on;
        case 1: return "unmount " + any(srcs) + " " + on;
        case 2: return "bind " + any(flags) + " " + on + " " + on;
        case 3:
        case 4:
        case 5: return "mount " + any(flags) + " " + any(srvs) + " " + on + (pick(2) ? " spec" : "");
        default: return "bind " + any(flags) + " " + any(srcs) + " " + on;
        }
    }

    std::mt19937 m_rng;
};

nsmodel::Ns build(const std::vector<std::string>& script)
{
    nsmodel::Ns ns;
    for (const std::string& c : script)
        (void)ns.write(c);  // commands the kernel refuses change nothing
    return ns;
}

std::vector<std::string> entries(const std::string& text)
{
    std::vector<std::string> v;
    for (size_t i = 0, j; i < text.size(); i = j + 1) {
        j = text.find('\n', i);
        std::string l = text.substr(i, j - i);
        if (l.rfind("cd ", 0) != 0)
            v.push_back(l);
    }
    return v;
}

// The k'th field of a listing line (verb, flags, source, mount point, spec): the flags
// field is there even when empty.
std::string field(const std::string& line, int k)
{
    size_t i = 0;
    for (; k > 0; k--)
        i = line.find(' ', i) + 1;
    return line.substr(i, line.find(' ', i) - i);
}

std::string mount_point(const std::string& line)
{
    return field(line, 3);
}

// Its own listing, replayed into an empty name space, walks the same: ns can describe it.
bool replays(const nsmodel::Ns& ns)
{
    nsmodel::Ns r;
    for (const std::string& l : entries(ns.text()))
        if (r.write(l) != "")
            return false;
    return r.text(true) == ns.text(true);
}

bool under(const std::string& path, const std::string& dir)
{
    if (dir == "/")
        return path[0] == '/';
    return path.rfind(dir, 0) == 0 && (path.size() == dir.size() || path[dir.size()] == '/');
}

// How the entries on a mount point X lie among those of a mount point above it, Q, that
// changes walks (any but `bind Q Q`):
//   interleaved: Q changed between two entries on X. The later ones may be on another X,
//   found through the new Q, while the first is hidden; the listing names both X, and
//   neither cpns nor addns nor subns can tell them apart.
//   spanning: Q changed both before and after X was made. Once Q is unmounted, X cannot
//   be named as it was made, so cpns cannot unmount it.
//   copied: a union bound elsewhere was copied with each member's flags plus the bind's
//   (kernel/port/pgrp.cpp copymounts), so X lists a replacing entry after others, or one
//   with both -a and -b: its entries do not say how to make it one by one.
// cpns(1) BUGS describes the first two; cpns copes with the third, addns and subns not.
struct Shape {
    bool interleaved = false, spanning = false, copied = false;
};

Shape shape(const nsmodel::Ns& ns)
{
    std::map<std::string, std::vector<int>> seqs;
    std::map<std::string, std::vector<std::string>> lines;
    std::vector<std::string> v = entries(ns.text());
    for (int i = 0; i < int(v.size()); i++) {
        seqs[mount_point(v[i])].push_back(i);
        lines[mount_point(v[i])].push_back(v[i]);
    }
    Shape sh;
    for (auto& [x, xs] : seqs) {
        for (size_t i = 0; i < xs.size(); i++) {
            std::string flags = field(lines[x][i], 1);
            sh.copied |= (i > 0 && flags.find_first_of("ab") == std::string::npos)
                || (flags.find('a') != std::string::npos && flags.find('b') != std::string::npos);
        }
        for (auto& [q, qs] : seqs) {
            const std::string& l = lines[q][0];
            bool transparent = qs.size() == 1 && field(l, 0) == "bind" && field(l, 2) == q
                && field(l, 1).find_first_of("ab") == std::string::npos;
            if (q == x || !under(x, q) || transparent)
                continue;
            for (int s : qs)
                sh.interleaved |= s > xs.front() && s < xs.back();
            sh.spanning |= qs.front() < xs.front() && qs.back() > xs.front();
        }
    }
    return sh;
}

// The commands to run; only subns may have to skip some (generated entries can all be
// made again).
Cmds commands(NsOp op, const nsmodel::Ns& model, const nsmodel::Ns& target, int* skipped = nullptr)
{
    Cmds v;
    for (const std::string& c : diff(op, model.text(), target.text())) {
        if (c.rfind("skip ", 0) != 0) {
            v.push_back(c);
            continue;
        }
        INFO(c);
        REQUIRE(skipped != nullptr);
        ++*skipped;
    }
    return v;
}

// Pairs of name spaces the generator made that ns describes (their listings replay to
// what they are) and that have the shapes want allows.
template<class W, class F> void pairs(unsigned seed, int count, W want, F check)
{
    Gen g(seed);
    int tried = 0, made = 0;
    while (made < count && tried < 50 * count) {
        tried++;
        std::vector<std::string> base = g.script();
        nsmodel::Ns a = build(g.vary(base)), b = build(g.vary(base));
        if (!replays(a) || !replays(b) || !want(shape(a), shape(b)))
            continue;
        made++;
        INFO("model:\n" << a.text(true) << "target:\n" << b.text(true));
        check(a, b);
    }
    REQUIRE(made == count);
}

}  // namespace

TEST_CASE("nsdiff: the host model lists process 1's name space as the kernel does")
{
    nsmodel::Ns ns = build({ "bind '#c' /dev", "bind #ec /env", "bind -bc #e /env", "bind -c #s /srv", "bind / /",
        "bind #d /fd", "bind #p /proc", "bind /net /net", "bind /bin /bin", "bind -a /boot /bin" });
    CHECK(ns.text() == Proc1);
    CHECK(replays(ns));
    CHECK(ns.write("unmount /boot /bin") == "");
    CHECK(ns.write("unmount /boot /bin") == "not in union");
    CHECK(ns.write("unmount /bin /bin") == "");
    CHECK(ns.write("unmount /bin") == "not mounted");
    CHECK(ns.write("bind -ab /x /y") == "bad arg in system call");
    CHECK(ns.write("bind -b /x /y") == "");
    CHECK(ns.text().find("bind  /y /y\nbind -b /x /y\n") != std::string::npos);
}

TEST_CASE("nsdiff: property: after cpns's commands the target has the model's mount table, and walks the same")
{
    int changed = 0, textdiff_wrong = 0;
    auto want = [](Shape, Shape target) { return !target.interleaved && !target.spanning; };
    pairs(1, 3000, want, [&](const nsmodel::Ns& a, const nsmodel::Ns& b) {
        Cmds c = commands(NsOp::Copy, a, b);
        if (a.text() == b.text())
            REQUIRE(c.empty());
        changed += !c.empty();
        nsmodel::Ns t = b;
        for (const std::string& cmd : c) {
            INFO(cmd);
            REQUIRE(t.write(cmd) == "");
        }
        REQUIRE(t.table() == a.table());
        REQUIRE(commands(NsOp::Copy, a, t).empty());

        // ANTS's way, subns then addns, errors ignored.
        nsmodel::Ns u = b;
        int skipped = 0;
        for (const std::string& cmd : commands(NsOp::Sub, a, b, &skipped))
            (void)u.write(cmd);
        for (const std::string& cmd : diff(NsOp::Add, a.text(), u.text()))
            (void)u.write(cmd);
        textdiff_wrong += u.table() != a.table();
    });
    CHECK(changed > 2000);
    CHECK(textdiff_wrong > 300);
}

TEST_CASE("nsdiff: property: addns leaves every model entry in the target, and the target's unless replaced")
{
    auto want = [](Shape model, Shape) { return !model.interleaved && !model.copied; };
    pairs(2, 3000, want, [](const nsmodel::Ns& a, const nsmodel::Ns& b) {
        nsmodel::Ns t = b;
        std::set<std::string> replaced, copied;
        for (const std::string& cmd : commands(NsOp::Add, a, b)) {
            INFO(cmd);
            std::vector<std::string> f;
            for (size_t i = 0, j; i <= cmd.size(); i = j + 1) {
                j = std::min(cmd.find(' ', i), cmd.size());
                f.push_back(cmd.substr(i, j - i));
            }
            if (f[1][0] != '-')
                f.insert(f.begin() + 1, "");
            if (f[0] == "mount" && f.size() == 4)
                f.push_back("");
            if (f[1].find_first_of("ab") == std::string::npos)
                replaced.insert(f[3]);
            // Binding what is a mount point in the target copies its union instead.
            if (f[0] == "bind" && t.mounted(f[2]))
                copied.insert(f[0] + " " + f[1] + " " + f[2] + " " + f[3]);
            REQUIRE(t.write(cmd) == "");
        }
        std::vector<std::string> after = entries(t.text());
        std::multiset<std::string> have(after.begin(), after.end());
        for (const std::string& l : entries(a.text())) {
            INFO(l);
            if (!copied.count(l))
                REQUIRE(have.count(l) > 0);
        }
        for (const std::string& l : entries(b.text())) {
            INFO(l);
            if (!replaced.count(mount_point(l)))
                REQUIRE(have.count(l) > 0);
        }
    });
}

TEST_CASE("nsdiff: property: subns leaves a part of the target, with nothing the model lacks")
{
    int failed = 0, skipped = 0;
    auto want = [](Shape, Shape target) { return !target.interleaved && !target.copied; };
    pairs(3, 3000, want, [&](const nsmodel::Ns& a, const nsmodel::Ns& b) {
        nsmodel::Ns t = b;
        bool ok = true;
        int skips = 0;
        for (const std::string& cmd : commands(NsOp::Sub, a, b, &skips))
            ok &= t.write(cmd) == "";
        failed += !ok;
        skipped += skips > 0;
        ok &= skips == 0;
        std::vector<std::string> before = entries(b.text()), after = entries(t.text()), model = entries(a.text());
        std::multiset<std::string> left(before.begin(), before.end());
        std::set<std::string> wanted(model.begin(), model.end());
        for (const std::string& l : after) {
            INFO(l);
            REQUIRE(left.count(l) > 0);
            left.erase(left.find(l));
            if (ok)
                REQUIRE(wanted.count(l) > 0);
        }
    });
    CHECK(failed == 0);
    CHECK(skipped < 1000);  // most runs name everything they remove
}
