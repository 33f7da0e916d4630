// mkcorpus DIR: writes the fuzz targets' seed corpora, one valid encoded message (or
// message pair) a file: DIR/fcall_fuzz/ gets a message of every 9P2000 type and two bare
// stat entries; DIR/mntcheck_fuzz/ gets a request followed by a reply that answers it, for
// every request, plus an Rerror, a partial walk and a directory read; DIR/rc_fuzz/ gets rc
// source covering its syntax. The committed seeds
// in test/fuzz/corpus were made by it; the fuzz.corpus test checks they still match.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lib9/dir.h"
#include "lib9/fcall.h"

namespace {

using Bytes = std::vector<uint8_t>;

Str S(const char* s) { return Str{s, uint16_t(std::strlen(s))}; }

Bytes encode(const Fcall& f)
{
    Bytes b(sizeS2M(&f));
    if (b.empty() || convS2M(&f, b.data(), b.size()) != b.size()) {
        std::fprintf(stderr, "mkcorpus: cannot encode type %d\n", f.type);
        std::exit(1);
    }
    return b;
}

Bytes entry(const char* name, uint32_t mode, const Qid& qid)
{
    Dir d;
    d.type = 'M';
    d.dev = 1;
    d.qid = qid;
    d.mode = mode;
    d.atime = d.mtime = 1700000000;
    d.length = mode & DMDIR ? 0 : 6;
    d.name = name;
    d.uid = d.gid = d.muid = "glenda";
    Bytes b(sizeD2M(&d));
    convD2M(&d, b.data(), b.size());
    return b;
}

const Qid qroot{0, 0, QTDIR};
const Qid qusr{1, 3, QTDIR};
const Qid qlib{2, 0, QTDIR};
const Qid qprofile{3, 7, QTFILE};
const Qid qauth{4, 0, QTAUTH};
const char hello[] = "hello\n";
const Bytes stat_profile = entry("profile", 0664, qprofile);
const Bytes stat_dirs = [] {
    Bytes b = entry("lib", DMDIR | 0775, qlib);
    Bytes f = stat_profile;
    b.insert(b.end(), f.begin(), f.end());
    return b;
}();
const Bytes stat_null = [] {
    Dir d;
    nulldir(&d);
    d.name = "renamed";
    Bytes b(sizeD2M(&d));
    convD2M(&d, b.data(), b.size());
    return b;
}();

Fcall msg(uint8_t type, uint16_t tag = 1)
{
    Fcall f;
    f.type = type;
    f.tag = tag;
    return f;
}

Fcall tversion()
{
    Fcall f = msg(Tversion, NOTAG);
    f.msize = 8192;
    f.version = S("9P2000");
    return f;
}

Fcall twalk(int n)
{
    static const char* names[] = {"usr", "glenda", "lib", "profile"};
    Fcall f = msg(Twalk);
    f.fid = 0;
    f.newfid = 1;
    f.nwname = uint16_t(n);
    for (int i = 0; i < n; i++)
        f.wname[i] = S(names[i]);
    return f;
}

Fcall rwalk(int n)
{
    static const Qid qids[] = {qusr, qusr, qlib, qprofile};
    Fcall f = msg(Rwalk);
    f.nwqid = uint16_t(n);
    for (int i = 0; i < n; i++)
        f.wqid[i] = qids[i];
    return f;
}

Fcall with_fid(uint8_t type, uint32_t fid = 1)
{
    Fcall f = msg(type);
    f.fid = fid;
    return f;
}

Fcall with_qid(uint8_t type, const Qid& qid)
{
    Fcall f = msg(type);
    f.qid = qid;
    return f;
}

Fcall tread(uint32_t count)
{
    Fcall f = with_fid(Tread);
    f.count = count;
    return f;
}

Fcall rread(const uint8_t* data, size_t count)
{
    Fcall f = msg(Rread);
    f.data = data;
    f.count = uint32_t(count);
    return f;
}

Fcall with_stat(Fcall f, const Bytes& stat)
{
    f.stat = stat.data();
    f.nstat = uint16_t(stat.size());
    return f;
}

struct Seeds {
    std::filesystem::path dir;

    void put(const char* name, const Bytes& b) const
    {
        std::ofstream out(dir / name, std::ios::binary);
        out.write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
        if (!out.flush()) {
            std::fprintf(stderr, "mkcorpus: cannot write %s\n", (dir / name).c_str());
            std::exit(1);
        }
    }
    void put(const char* name, const Fcall& f) const { put(name, encode(f)); }
    void put(const char* name, const Fcall& t, const Fcall& r) const
    {
        Bytes b = encode(t);
        Bytes rb = encode(r);
        b.insert(b.end(), rb.begin(), rb.end());
        put(name, b);
    }
};

Bytes text(const char* s)
{
    return Bytes(s, s + std::strlen(s));
}

Seeds seeds_in(const std::filesystem::path& top, const char* target)
{
    std::filesystem::create_directories(top / target);
    return Seeds{top / target};
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: mkcorpus dir\n");
        return 1;
    }
    auto data = reinterpret_cast<const uint8_t*>(hello);
    Fcall rversion = tversion();
    rversion.type = Rversion;
    Fcall tauth = msg(Tauth);
    tauth.afid = 9;
    tauth.uname = S("glenda");
    Fcall tattach = with_fid(Tattach, 0);
    tattach.afid = NOFID;
    tattach.uname = S("glenda");
    tattach.aname = S("main");
    Fcall rerror = msg(Rerror);
    rerror.ename = S("file does not exist");
    Fcall tflush = msg(Tflush, 2);
    tflush.oldtag = 1;
    Fcall topen = with_fid(Topen);
    Fcall ropen = with_qid(Ropen, qprofile);
    ropen.iounit = 8168;
    Fcall tcreate = with_fid(Tcreate);
    tcreate.name = S("new");
    tcreate.perm = 0664;
    tcreate.mode = 1;
    Fcall twrite = with_fid(Twrite);
    twrite.offset = 6;
    twrite.data = data;
    twrite.count = 6;
    Fcall rwrite = msg(Rwrite);
    rwrite.count = 6;

    Seeds f = seeds_in(argv[1], "fcall_fuzz");
    f.put("Tversion", tversion());
    f.put("Rversion", rversion);
    f.put("Tauth", tauth);
    f.put("Rauth", with_qid(Rauth, qauth));
    f.put("Tattach", tattach);
    f.put("Rattach", with_qid(Rattach, qroot));
    f.put("Rerror", rerror);
    f.put("Tflush", tflush);
    f.put("Rflush", msg(Rflush, 2));
    f.put("Twalk", twalk(4));
    f.put("Twalk.clone", twalk(0));
    f.put("Rwalk", rwalk(4));
    f.put("Rwalk.clone", rwalk(0));
    f.put("Topen", topen);
    f.put("Ropen", ropen);
    f.put("Tcreate", tcreate);
    f.put("Rcreate", with_qid(Rcreate, qprofile));
    f.put("Tread", tread(8168));
    f.put("Rread", rread(data, 6));
    f.put("Rread.dirs", rread(stat_dirs.data(), stat_dirs.size()));
    f.put("Twrite", twrite);
    f.put("Rwrite", rwrite);
    f.put("Tclunk", with_fid(Tclunk));
    f.put("Rclunk", msg(Rclunk));
    f.put("Tremove", with_fid(Tremove));
    f.put("Rremove", msg(Rremove));
    f.put("Tstat", with_fid(Tstat));
    f.put("Rstat", with_stat(msg(Rstat), stat_profile));
    f.put("Twstat", with_stat(with_fid(Twstat), stat_null));
    f.put("Rwstat", msg(Rwstat));
    f.put("stat", stat_profile);
    f.put("stat.null", stat_null);

    Seeds m = seeds_in(argv[1], "mntcheck_fuzz");
    m.put("version", tversion(), rversion);
    m.put("auth", tauth, with_qid(Rauth, qauth));
    m.put("attach", tattach, with_qid(Rattach, qroot));
    m.put("error", tattach, rerror);
    m.put("flush", tflush, msg(Rflush, 2));
    m.put("walk", twalk(4), rwalk(4));
    m.put("walk.clone", twalk(0), rwalk(0));
    m.put("walk.partial", twalk(4), rwalk(2));
    m.put("open", topen, ropen);
    m.put("create", tcreate, with_qid(Rcreate, qprofile));
    m.put("read", tread(8168), rread(data, 6));
    m.put("read.dirs", tread(8168), rread(stat_dirs.data(), stat_dirs.size()));
    m.put("write", twrite, rwrite);
    m.put("clunk", with_fid(Tclunk), msg(Rclunk));
    m.put("remove", with_fid(Tremove), msg(Rremove));
    m.put("stat", with_fid(Tstat), with_stat(msg(Rstat), stat_profile));
    m.put("wstat", with_stat(with_fid(Twstat), stat_null), msg(Rwstat));

    Seeds r = seeds_in(argv[1], "rc_fuzz");
    r.put("words", text("echo a'b'$c $#x $\"x $x(1 2-) `{ls} <{cat} ^b (a b)^c\n"));
    r.put("redirs", text("cat <a >b >>[2]c <>d >[2=1] >[1=] |[2] tr |[2=3] wc\n"));
    r.put("control", text("if(~ $x *.c [a-z]?) echo y\nif not echo n\n"
                          "for(i in 1 2) while(! ~ $i 2) @{i=2}\nswitch($x){case a\n\techo a\ncase *\n}\n"));
    r.put("fn", text("fn f {x=1 y=(a b) echo $* && echo || ! echo &}\nfn f\n"));
    r.put("heredoc", text("cat <<EOF | cat <<'X'\n$x^y\nEOF\nlit $x\nX\n"));
    r.put("errors", text("echo a=b\necho >[x]\nif not x\necho 'open\n"));

    Seeds ns = seeds_in(argv[1], "nscmd_fuzz");
    ns.put("bind", text("bind -bc '#c' /dev\n"));
    ns.put("mount", text("mount -aC /srv/slashn /n 'main/active'\n"));
    ns.put("unmount", text("unmount /tmp /n/x"));
    ns.put("quotes", text("bind 'it''s here' /n/x"));
    ns.put("errors", text("mount #|/data0 /n/x"));
    return 0;
}
