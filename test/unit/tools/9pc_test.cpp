// tools/9pc run against memfs (lib9p's test server, ../lib9p/harness.h) by run9pc: each
// command, each kind of address, the diagnostics a user sees, and replies that break the
// protocol, which a careful client refuses instead of using.
#include "run9pc.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <regex>

#include "../lib9p/harness.h"

namespace {

std::string contents(Memfs& fs, const char* path)
{
    File* f = walkfile(fs.srv.tree->root, path);
    REQUIRE(f);
    std::string s = *static_cast<std::string*>(f->aux);
    closefile(f);
    return s;
}

bool exists(Memfs& fs, const char* path)
{
    File* f = walkfile(fs.srv.tree->root, path);
    if (f)
        closefile(f);
    return f != nullptr;
}

// The counts of the requests of one type a run sent.
std::vector<uint32_t> counts(const Run& r, uint8_t type)
{
    std::vector<uint32_t> v;
    for (const Fcall& f : r.requests)
        if (f.type == type)
            v.push_back(type == Twalk ? f.nwname : f.count);
    return v;
}

// A mangle that decodes replies of one type, lets edit change them, and encodes them again.
std::function<void(Bytes&)> recode(uint8_t type, std::function<void(Fcall&)> edit)
{
    return [type, edit](Bytes& b) {
        Fcall f;
        REQUIRE(convM2S(b.data(), b.size(), &f) == b.size());
        if (f.type != type)
            return;
        Bytes old = b;  // f points into it
        REQUIRE(convM2S(old.data(), old.size(), &f) == old.size());
        edit(f);
        b = encode(f);
    };
}

struct Fixture {
    Memfs fs;
    Run9pc run{&fs.srv};
    Fixture() { memfile(fs, "/a", "glenda", 0664, "hello, world\n"); }
    Run operator()(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"-u", "glenda"});
        return run(args);
    }
};

}  // namespace

TEST_CASE("9pc: read prints a file and stat its entry", "[9pc]")
{
    Fixture t;
    Run r = t({"read", "a"});
    CHECK(r.err == "");
    CHECK(r.status == 0);
    CHECK(r.out == "hello, world\n");
    r = t({"stat", "/a"});
    CHECK(r.status == 0);
    INFO(r.out);
    CHECK(std::regex_match(r.out,
        std::regex(R"('a' 'glenda' 'glenda' '[a-z]*' q \([0-9a-f]{16} \d+ \) m 0664 at \d+ mt \d+ l 13 t 0 d 0\n)")));
    r = t({"stat", "/"});
    INFO(r.out);
    CHECK(std::regex_search(r.out, std::regex(R"( q \([0-9a-f]{16} \d+ d\) m 020000000775 )")));
}

TEST_CASE("9pc: read takes as many messages as msize and iounit ask", "[9pc]")
{
    Fixture t;
    std::string big;
    for (int i = 0; i < 20000; i++)
        big += char('a' + i % 26);
    memfile(t.fs, "/big", "glenda", 0664, big.c_str());
    Run r = t({"-m", "1024", "read", "big"});
    CHECK(r.status == 0);
    CHECK(r.out == big);
    std::vector<uint32_t> reads = counts(r, Tread);
    CHECK(reads.size() == 21);  // 20 full reads of 1000 bytes, then the empty one
    for (uint32_t c : reads)
        CHECK(c == 1024 - IOHDRSZ);

    t.run.mangle = recode(Ropen, [](Fcall& f) { f.iounit = 5; });
    r = t({"read", "a"});
    CHECK(r.out == "hello, world\n");
    for (uint32_t c : counts(r, Tread))
        CHECK(c == 5);
}

TEST_CASE("9pc: write replaces a file with standard input, -l a line per message", "[9pc]")
{
    Fixture t;
    t.run.input = "new\n";
    Run r = t({"write", "a"});
    CHECK(r.err == "");
    CHECK(r.status == 0);
    CHECK(contents(t.fs, "a") == "new\n");

    t.run.input = "one\ntwo\nthree";
    r = t({"write", "-l", "a"});
    CHECK(r.status == 0);
    CHECK(contents(t.fs, "a") == "one\ntwo\nthree");
    CHECK(counts(r, Twrite) == std::vector<uint32_t>{4, 4, 5});

    t.run.input = "";
    r = t({"write", "a"});
    CHECK(r.status == 0);
    CHECK(contents(t.fs, "a") == "");
    CHECK(counts(r, Twrite) == std::vector<uint32_t>{0});

    std::string big(50000, 'x');
    for (size_t i = 0; i < big.size(); i += 7)
        big[i] = char(i);
    t.run.input = big;
    r = t({"-m", "2048", "write", "a"});
    CHECK(r.status == 0);
    CHECK(contents(t.fs, "a") == big);
    for (uint32_t c : counts(r, Twrite))
        CHECK(c <= 2048 - IOHDRSZ);
}

TEST_CASE("9pc: create, ls and rm", "[9pc]")
{
    Fixture t;
    memfile(t.fs, "/d", "glenda", DMDIR | 0775);
    memfile(t.fs, "/d/f", "glenda", 0664, "in d");
    Run r = t({"create", "y", "x", "d/g"});
    CHECK(r.err == "");
    CHECK(r.status == 0);
    CHECK(exists(t.fs, "x"));
    CHECK(contents(t.fs, "d/g") == "");

    CHECK(t({"ls", "/"}).out == "a\nd\nx\ny\n");
    CHECK(t({"ls", "d", "a"}).out == "f\ng\na\n");
    CHECK(t({"ls", "-d", "d"}).out == "d\n");
    r = t({"ls", "-l", "/"});
    CHECK(r.status == 0);
    std::regex line(R"((d|-)-rw[-x]rw[-x]r-[-x] M 0 glenda glenda +\d+ [A-Z][a-z]{2} [ \d]\d ( \d{4}|\d\d:\d\d) [adxy])");
    size_t n = 0;
    for (size_t i = 0, j; (j = r.out.find('\n', i)) != std::string::npos; i = j + 1, n++) {
        INFO(r.out.substr(i, j - i));
        CHECK(std::regex_match(r.out.substr(i, j - i), line));
    }
    CHECK(n == 4);
    CHECK(t({"ls", "-ld", "/d/f"}).out.find(" 4 ") != std::string::npos);

    r = t({"rm", "x", "d/f"});
    CHECK(r.status == 0);
    CHECK(t({"ls", "/", "d"}).out == "a\nd\ny\ng\n");

    r = t({"create", "a", "z"});
    CHECK(r.status == 1);
    CHECK(r.err == "9pc: create a: file already exists\n");
    CHECK(exists(t.fs, "z"));
    r = t({"rm", "nope", "z", "d"});
    CHECK(r.status == 1);
    CHECK(r.err == "9pc: remove nope: file does not exist\n9pc: remove d: directory not empty\n");
    CHECK(!exists(t.fs, "z"));
    CHECK(t({"create", "no/such"}).err == "9pc: create no/such: file does not exist\n");
    CHECK(t({"ls", "missing", "a"}).out == "a\n");
}

TEST_CASE("9pc: diagnostics carry the server's error text", "[9pc]")
{
    Fixture t;
    memfile(t.fs, "/ro", "glenda", 0444, "fixed");
    Run r = t({"read", "missing"});
    CHECK(r.status == 1);
    CHECK(r.out == "");
    CHECK(r.err == "9pc: open missing: file does not exist\n");
    t.run.input = "x";
    r = t({"write", "ro"});
    CHECK(r.status == 1);
    CHECK(r.err == "9pc: open ro: permission denied\n");
    CHECK(contents(t.fs, "ro") == "fixed");
    CHECK(t({"read", "a/b"}).err == "9pc: open a/b: file does not exist\n");
    CHECK(t({"stat", "x"}).err == "9pc: stat x: file does not exist\n");
    CHECK(t({"ls", "x"}).err == "9pc: stat x: file does not exist\n");

    r = t.run({});
    CHECK(r.status == 1);
    CHECK(r.err.rfind("usage: 9pc [-n] [-a address]", 0) == 0);
    CHECK(t({"frob", "a"}).err.rfind("usage:", 0) == 0);
    CHECK(t({"read", "a", "b"}).err.rfind("usage:", 0) == 0);
    CHECK(t({"-m", "10", "read", "a"}).err.rfind("usage:", 0) == 0);
    CHECK(t({"-a", "-", "read", "a"}).err == "9pc: read: standard input and output carry 9P\n");
    CHECK(t({"-a", "nosuch!net!x", "read", "a"}).err == "9pc: dial nosuch!net!x: bad address\n");
    r = t({"-a", "unix!/nonexistent/socket", "read", "a"});
    CHECK(r.err == "9pc: dial unix!/nonexistent/socket: No such file or directory\n");
}

TEST_CASE("9pc: fd!N, unix!PATH, tcp!127.0.0.1!PORT and a service in $NAMESPACE", "[9pc]")
{
    for (Via via : {Via::Fd, Via::Unix, Via::Tcp, Via::Namespace}) {
        Fixture t;
        t.run.via = via;
        Run r = t({"read", via == Via::Namespace ? "memfs/a" : "a"});
        INFO("via " << int(via) << ": " << r.err);
        CHECK(r.status == 0);
        CHECK(r.out == "hello, world\n");
    }
    Fixture t;
    t.run.via = Via::Namespace;
    CHECK(t({"ls", "memfs"}).out == "a\n");
    CHECK(t({"-A", "", "-n", "ls", "memfs/"}).out == "a\n");
}

TEST_CASE("9pc: a long path is walked MAXWELEM names at a time", "[9pc]")
{
    Fixture t;
    std::string path;
    for (int i = 0; i < 20; i++) {
        path += "/d" + std::to_string(i);
        memfile(t.fs, path.c_str(), "glenda", DMDIR | 0775);
    }
    memfile(t.fs, (path + "/f").c_str(), "glenda", 0664, "deep");
    Run r = t({"read", path + "/f"});
    CHECK(r.out == "deep");
    CHECK(counts(r, Twalk) == std::vector<uint32_t>{16, 5});
    r = t({"read", path + "/nope"});
    CHECK(r.err == "9pc: open " + path + "/nope: file does not exist\n");
    std::vector<uint32_t> clunks = counts(r, Tclunk);  // the fid the first walk made is clunked
    CHECK(clunks.size() == 1);
}

TEST_CASE("9pc: replies that break the protocol are refused", "[9pc]")
{
    Fixture t;
    auto refused = [&](std::vector<std::string> args, const std::string& want) {
        Run r = t(args);
        INFO(r.err);
        CHECK(r.status == 1);
        CHECK(r.out == "");
        CHECK(r.err == want);
    };
    t.run.mangle = recode(Rread, [](Fcall& f) { f.tag++; });
    refused({"read", "a"}, "9pc: read a: 9P protocol botch: reply to another tag\n");
    t.run.mangle = recode(Rwalk, [](Fcall& f) { f.type = Rclunk; });
    refused({"read", "a"}, "9pc: open a: 9P protocol botch: reply of another type\n");
    t.run.mangle = recode(Rversion, [](Fcall& f) { f.msize = 100000; });
    refused({"read", "a"}, "9pc: version: 9P protocol botch: Rversion msize above the offer\n");
    t.run.mangle = recode(Rversion, [](Fcall& f) { f.version = S("9P2000.L"); });
    refused({"read", "a"}, "9pc: version: server does not speak 9P2000 (it offers '9P2000.L')\n");
    t.run.mangle = recode(Rversion, [](Fcall& f) { f.msize = 20; });
    refused({"read", "a"}, "9pc: version: msize too small\n");
    t.run.mangle = [](Bytes& b) {
        if (b[4] == Rattach)
            b[3] = 0x40;
    };
    refused({"read", "a"}, "9pc: attach: bad length in 9P2000 message header\n");
    t.run.mangle = recode(Rattach, [](Fcall& f) {
        f.type = Tflush;
        f.oldtag = 1;
    });
    refused({"read", "a"}, "9pc: attach: 9P protocol botch: T-message from the server\n");
    t.run.mangle = [](Bytes& b) {
        if (b[4] != Rwalk)
            return;
        b.push_back(0);  // one byte more than its fields
        b[0] = uint8_t(b.size());
    };
    refused({"read", "a"}, "9pc: open a: 9P protocol botch: malformed reply\n");
    t.run.mangle = recode(Rwalk, [](Fcall& f) { f.nwqid = 0; });
    refused({"read", "a"}, "9pc: open a: 9P protocol botch: Rwalk of no qids\n");
    t.run.mangle = recode(Rwalk, [](Fcall& f) { f.wqid[f.nwqid++] = f.wqid[0]; });
    refused({"read", "a"}, "9pc: open a: too many QIDs returned by walk\n");
    memfile(t.fs, "/d", "glenda", DMDIR | 0775);
    memfile(t.fs, "/d/f", "glenda", 0664);
    t.run.mangle = recode(Rwalk, [](Fcall& f) { f.wqid[0].type = QTFILE; });
    refused({"read", "d/f"}, "9pc: open d/f: 9P protocol botch: walk through a file\n");

    static const uint8_t extra[64] = {};
    t.run.mangle = [](Bytes& b) {
        recode(Ropen, [](Fcall& f) { f.iounit = 5; })(b);
        recode(Rread, [](Fcall& f) {
            f.data = extra;
            f.count = 6;
        })(b);
    };
    refused({"read", "a"}, "9pc: read a: 9P protocol botch: Rread of more than was asked\n");
    t.run.mangle = recode(Rwrite, [](Fcall& f) { f.count++; });
    t.run.input = "data";
    refused({"write", "a"}, "9pc: write a: 9P protocol botch: Rwrite of more than was sent\n");
    t.run.mangle = recode(Rwrite, [](Fcall& f) { f.count = 0; });
    refused({"write", "a"}, "9pc: write a: i/o count too small\n");
    t.run.input = "";
    t.run.mangle = recode(Rstat, [](Fcall& f) { f.nstat -= 1; });
    refused({"stat", "a"}, "9pc: stat a: invalid directory entry received from server\n");
    t.run.mangle = recode(Rread, [](Fcall& f) { f.count -= 3; });  // cuts an entry short
    refused({"ls", "/"}, "9pc: read /: invalid directory entry received from server\n");
    t.run.mangle = [](Bytes& b) {
        if (b[4] == Rwalk)
            b.clear();
    };
    refused({"read", "a"}, "9pc: open a: i/o on hungup channel\n");
}
