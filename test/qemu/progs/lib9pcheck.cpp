// lib9pcheck: ramfs and exportfs, and lib9p under them, spoken to in raw 9P from inside
// Myrmex. Each check starts a server (`/boot/ramfs -i`, or exportfs) on one end of a pipe
// (its fds 0 and 1) and talks to it over the other with lib9's codec; some checks post
// ramfs in /srv and mount it. Prints
// "ok NAME" or "FAIL NAME: why" per check and "lib9pcheck: N failed". Each check runs
// in a child with its own name space, so a failure cannot disturb the next.
#include "checkrun.h"
#include "lib9/fcall.h"

namespace {

constexpr uint32_t MSIZE = 8192 + IOHDRSZ;

Str S(const char* s) { return Str{s, uint16_t(strlen(s))}; }

bool same(Str s, const char* want) { return s.n == strlen(want) && memcmp(s.p, want, s.n) == 0; }

// Runs /boot/PROG (argv[0]) with args, on pipe end fd as its fds 0 and 1 unless fd is
// -1; other, our end of that pipe, must not stay open in it or it would never see the
// hang-up.
int run_server(const char* const* argv, int fd = -1, int other = -1)
{
    int pid = rfork(RFPROC | RFFDG);
    if (pid < 0)
        sysfatal("rfork: %r");
    if (pid == 0) {
        if (fd >= 0) {
            dup(fd, 0);
            dup(fd, 1);
            close(fd);
            close(other);
        }
        char path[64];
        snprint(path, sizeof path, "/boot/%s", argv[0]);
        exec(path, argv);
        sysfatal("exec %s: %r", path);
    }
    return pid;
}

// A 9P client on one connection: one request at a time, each reply checked for its tag.
struct Client {
    int fd;
    uint16_t tag = 1;
    uint8_t out[MSIZE];
    uint8_t in[MSIZE];
    char ename[ERRMAX];
    Fcall r;

    // Sends t and reads the reply into r: nil, the Rerror's text, or what went wrong.
    const char* rpc(Fcall t)
    {
        t.tag = t.type == Tversion ? NOTAG : tag++;
        size_t n = convS2M(&t, out, sizeof out);
        if (n == 0)
            return "convS2M failed";
        if (::write(fd, out, long(n)) != long(n))
            return err();
        if (readn(fd, in, 4) != 4)
            return "no reply";
        uint32_t size = msg_size(in);
        if (size < 7 || size > sizeof in || readn(fd, in + 4, long(size - 4)) != long(size - 4))
            return "bad reply size";
        if (convM2S(in, size, &r) != size)
            return "undecodable reply";
        if (r.tag != t.tag)
            return "reply has the wrong tag";
        if (r.type == Rerror) {
            snprint(ename, sizeof ename, "%.*s", r.ename.n, r.ename.p);
            return ename;
        }
        if (r.type != t.type + 1)
            return "reply of the wrong type";
        return nullptr;
    }

    const char* version(const char* v = "9P2000")
    {
        Fcall t;
        t.type = Tversion;
        t.msize = MSIZE;
        t.version = S(v);
        return rpc(t);
    }
    const char* attach(uint32_t fid, const char* uname)
    {
        Fcall t;
        t.type = Tattach;
        t.fid = fid;
        t.afid = NOFID;
        t.uname = S(uname);
        t.aname = S("");
        return rpc(t);
    }
    const char* walk(uint32_t fid, uint32_t newfid, const char* name = nullptr)
    {
        Fcall t;
        t.type = Twalk;
        t.fid = fid;
        t.newfid = newfid;
        t.nwname = name ? 1 : 0;
        t.wname[0] = S(name ? name : "");
        return rpc(t);
    }
    const char* create(uint32_t fid, const char* name, uint32_t perm, uint8_t mode)
    {
        Fcall t;
        t.type = Tcreate;
        t.fid = fid;
        t.name = S(name);
        t.perm = perm;
        t.mode = mode;
        return rpc(t);
    }
    const char* open(uint32_t fid, uint8_t mode)
    {
        Fcall t;
        t.type = Topen;
        t.fid = fid;
        t.mode = mode;
        return rpc(t);
    }
    const char* write(uint32_t fid, uint64_t offset, const char* data)
    {
        Fcall t;
        t.type = Twrite;
        t.fid = fid;
        t.offset = offset;
        t.count = uint32_t(strlen(data));
        t.data = reinterpret_cast<const uint8_t*>(data);
        return rpc(t);
    }
    const char* read(uint32_t fid, uint64_t offset, uint32_t count)
    {
        Fcall t;
        t.type = Tread;
        t.fid = fid;
        t.offset = offset;
        t.count = count;
        return rpc(t);
    }
    const char* simple(uint8_t type, uint32_t fid)
    {
        Fcall t;
        t.type = type;
        t.fid = fid;
        return rpc(t);
    }
    const char* wstat(uint32_t fid, const Dir* d)
    {
        uint8_t buf[256];
        Fcall t;
        t.type = Twstat;
        t.fid = fid;
        t.nstat = uint16_t(convD2M(d, buf, sizeof buf));
        t.stat = buf;
        return rpc(t);
    }
    // Whether the last reply was an Rread of exactly want.
    bool got(const char* want)
    {
        return r.type == Rread && r.count == strlen(want) && memcmp(r.data, want, r.count) == 0;
    }
};

Client client;

// Starts a server (ramfs -i unless argv says otherwise) and says version and attach as
// glenda on fid 0.
const char* start(const char* const* argv = nullptr)
{
    int p[2];
    if (pipe(p) < 0)
        return err();
    static const char* const ramfs[] = {"ramfs", "-i", nullptr};
    run_server(argv ? argv : ramfs, p[1], p[0]);
    close(p[1]);
    client.fd = p[0];
    if (const char* e = client.version())
        return e;
    if (!same(client.r.version, "9P2000") || client.r.msize > MSIZE)
        return "bad Rversion";
    if (const char* e = client.attach(0, "glenda"))
        return e;
    if (!(client.r.qid.type & QTDIR))
        return "the root is not a directory";
    return nullptr;
}

#define OK(x)                           \
    do {                                \
        if (const char* _e = (x))       \
            return _e;                  \
    } while (0)

// Expects x to fail with want.
#define FAILS(x, want)                                   \
    do {                                                 \
        const char* _e = (x);                            \
        if (!_e || strcmp(_e, want) != 0)                \
            return _e ? _e : "succeeded: " #x;           \
    } while (0)

const char* version()
{
    OK(start());
    OK(client.version("9P2000.u"));
    if (!same(client.r.version, "9P2000"))
        return "9P2000.u not answered with 9P2000";
    OK(client.version("9P3000"));
    if (!same(client.r.version, "unknown"))
        return "9P3000 not answered with unknown";
    return nullptr;
}

const char* create_write_read()
{
    OK(start());
    OK(client.walk(0, 1));
    OK(client.create(1, "hello", 0664, ORDWR));
    OK(client.write(1, 0, "hello, world"));
    if (client.r.count != 12)
        return "short write";
    OK(client.write(1, 7, "there"));
    OK(client.read(1, 0, 100));
    if (!client.got("hello, there"))
        return "read back something else";
    OK(client.read(1, 12, 100));
    if (!client.got(""))
        return "read past the end";
    return nullptr;
}

const char* stat_wstat()
{
    OK(start());
    OK(client.walk(0, 1));
    OK(client.create(1, "hello", 0664, OWRITE));
    OK(client.write(1, 0, "0123456789"));
    OK(client.simple(Tstat, 1));
    Dir d;
    char strs[256];
    if (convM2D(client.r.stat, client.r.nstat, &d, strs, sizeof strs) == 0)
        return "bad Rstat";
    if (strcmp(d.name, "hello") != 0 || strcmp(d.uid, "glenda") != 0 || d.length != 10 || (d.mode & 0777) != 0664)
        return "wrong stat";
    nulldir(&d);
    d.name = "bye";
    d.length = 4;
    OK(client.wstat(1, &d));
    FAILS(client.walk(0, 2, "hello"), "file does not exist");
    OK(client.walk(0, 2, "bye"));
    OK(client.open(2, OREAD));
    OK(client.read(2, 0, 100));
    if (!client.got("0123"))
        return "wstat did not truncate";
    OK(client.walk(0, 3, "bye"));
    OK(client.open(3, OWRITE | OTRUNC));
    OK(client.read(2, 0, 100));
    if (!client.got(""))
        return "OTRUNC did not truncate";
    return nullptr;
}

const char* directories()
{
    OK(start());
    OK(client.walk(0, 1));
    OK(client.create(1, "d", DMDIR | 0775, OREAD));
    OK(client.walk(0, 2, "d"));
    OK(client.create(2, "inner", 0664, OWRITE));
    OK(client.walk(0, 3));
    OK(client.create(3, "other", 0664, OWRITE));
    OK(client.walk(0, 4));
    OK(client.open(4, OREAD));
    OK(client.read(4, 0, 8000));
    Dir d;
    char strs[256];
    uint32_t off = 0;
    const char* names[2] = {"d", "other"};
    for (int i = 0; i < 2; i++) {
        if (off + 2 > client.r.count)
            return "too few entries";
        size_t n = convM2D(client.r.data + off, client.r.count - off, &d, strs, sizeof strs);
        if (n == 0 || strcmp(d.name, names[i]) != 0)
            return "wrong entries";
        off += uint32_t(n);
    }
    if (off != client.r.count)
        return "too many entries";
    OK(client.walk(0, 5, "d"));
    FAILS(client.simple(Tremove, 5), "directory not empty");
    FAILS(client.simple(Tclunk, 5), "unknown fid");
    OK(client.simple(Tremove, 2));
    OK(client.walk(0, 5, "d"));
    OK(client.simple(Tremove, 5));
    FAILS(client.walk(0, 5, "d"), "file does not exist");
    return nullptr;
}

const char* errors()
{
    OK(start());
    FAILS(client.simple(Tstat, 77), "unknown fid");
    FAILS(client.attach(0, "glenda"), "duplicate fid");
    OK(client.walk(0, 1));
    OK(client.create(1, "private", 0600, OWRITE));
    FAILS(client.walk(1, 2, "x"), "cannot clone open fid");
    OK(client.walk(0, 2, "private"));
    FAILS(client.walk(2, 3, "x"), "walk in non-directory");
    OK(client.attach(10, "bob"));
    OK(client.walk(10, 11, "private"));
    FAILS(client.open(11, OREAD), "permission denied");
    OK(client.walk(10, 12));
    FAILS(client.create(12, "private", 0666, OWRITE), "file already exists");
    Fcall t;
    t.type = Tauth;
    t.afid = 20;
    t.uname = S("glenda");
    t.aname = S("");
    FAILS(client.rpc(t), "authentication not required");
    return nullptr;
}

// Garbage with a sound size field is answered, not fatal; then the session goes on.
const char* malformed()
{
    OK(start());
    uint8_t junk[] = {12, 0, 0, 0, Rstat, 9, 0, 1, 2, 3, 4, 5};
    if (::write(client.fd, junk, sizeof junk) != long(sizeof junk))
        return err();
    uint8_t reply[64];
    if (readn(client.fd, reply, 4) != 4 || msg_size(reply) > sizeof reply ||
        readn(client.fd, reply + 4, long(msg_size(reply) - 4)) != long(msg_size(reply) - 4))
        return "no reply to garbage";
    Fcall r;
    if (convM2S(reply, msg_size(reply), &r) == 0 || r.type != Rerror || r.tag != 9 || !same(r.ename, Ebotch))
        return "garbage not answered with Rerror";
    OK(client.walk(0, 1));
    return nullptr;
}

const char* orclose_and_hangup()
{
    OK(start());
    OK(client.walk(0, 1));
    OK(client.create(1, "tmp", 0664, ORDWR | ORCLOSE));
    OK(client.simple(Tclunk, 1));
    FAILS(client.walk(0, 2, "tmp"), "file does not exist");
    // Hanging up ends the server, successfully.
    close(client.fd);
    Waitmsg* w = wait();
    if (!w)
        return err();
    const char* msg = w->msg[0] ? "ramfs failed at the hangup" : nullptr;
    free(w);
    return msg;
}

const char* srv_post()
{
    static const char* const argv[] = {"ramfs", "-S", "lib9pcheck", nullptr};
    run_server(argv);
    Waitmsg* w = wait();  // ramfs returns once it has posted
    if (!w || w->msg[0])
        return "ramfs -S failed";
    free(w);
    client.fd = open("/srv/lib9pcheck", ORDWR);
    if (client.fd < 0)
        return err();
    OK(client.version());
    OK(client.attach(0, "glenda"));
    OK(client.walk(0, 1));
    OK(client.create(1, "posted", 0664, OWRITE));
    if (remove("/srv/lib9pcheck") < 0)
        return err();
    return nullptr;
}

const char* mounted()
{
    static const char* const argv[] = {"ramfs", "-m", "/tmp", nullptr};
    run_server(argv);
    Waitmsg* w = wait();
    if (!w || w->msg[0])
        return w ? w->msg : "wait failed";
    free(w);
    int fd = create("/tmp/file", ORDWR, 0664);
    if (fd < 0)
        return err();
    if (write(fd, "through the mount", 17) != 17 || seek(fd, 0, SEEKSET) != 0)
        return err();
    char buf[32];
    if (read(fd, buf, sizeof buf) != 17 || memcmp(buf, "through the mount", 17) != 0)
        return "read back something else";
    close(fd);
    Dir* d = dirstat("/tmp/file");
    if (!d || d->length != 17)
        return "bad stat";
    free(d);
    if (create("/tmp/dir", OREAD, DMDIR | 0775) < 0 || create("/tmp/dir/x", OWRITE, 0664) < 0)
        return err();
    if (remove("/tmp/dir") >= 0)
        return "removed a full directory";
    if (remove("/tmp/dir/x") < 0 || remove("/tmp/dir") < 0 || remove("/tmp/file") < 0)
        return err();
    if (unmount(nullptr, "/tmp") < 0)
        return err();
    return nullptr;
}

// exportfs on its fds 0 and 1, serving /dev: files read through it, and ".." at the
// root of the export stays there.
const char* exportfs_stdio()
{
    static const char* const argv[] = {"exportfs", "-r", "/dev", nullptr};
    OK(start(argv));
    OK(client.walk(0, 1, "sysname"));
    OK(client.open(1, OREAD));
    OK(client.read(1, 0, 64));
    if (!client.got("myrmex"))
        return "sysname read through exportfs is wrong";
    OK(client.walk(0, 2, ".."));
    OK(client.walk(2, 3, "sysname"));
    FAILS(client.walk(0, 4, "nothing"), "file does not exist");
    return nullptr;
}

}  // namespace

int main()
{
    argv0 = "lib9pcheck";
    check("version", version);
    check("create write read", create_write_read);
    check("stat and wstat", stat_wstat);
    check("directories", directories);
    check("errors", errors);
    check("malformed messages", malformed);
    check("ORCLOSE and hangup", orclose_and_hangup);
    check("srv post", srv_post);
    check("mount", mounted);
    check("exportfs on fds 0 and 1", exportfs_stdio);
    checks_done();
}
