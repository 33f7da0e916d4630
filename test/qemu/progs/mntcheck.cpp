// mntcheck: the kernel's mount driver against toysrv, an honest and then a lying 9P
// server on a pipe. Prints "ok NAME" or "FAIL NAME: why" per check and "mntcheck: N
// failed". Each check runs in a child with its own namespace; its server is a grandchild
// whose exit message says how many messages it answered.
#include "asleep.h"
#include "checkrun.h"
#include "lib9/fcall.h"
#include "ramfspipe.h"
#include "toysrv.h"

namespace {

void on_note(void*, char* note)
{
    noted(strcmp(note, "alarm") == 0 || strcmp(note, "interrupt") == 0 ? NCONT : NDFLT);
}

int server_pid;

// A toysrv on a new pipe; returns the client's end.
int serve(int badness, unsigned seed)
{
    int p[2];
    if (pipe(p) < 0)
        sysfatal("pipe: %r");
    server_pid = rfork(RFPROC | RFFDG);
    if (server_pid < 0)
        sysfatal("rfork: %r");
    if (server_pid == 0) {
        close(p[0]);
        static char msg[32];
        snprint(msg, sizeof msg, "n=%ld", toysrv(p[1], seed, badness));
        exits(msg);
    }
    close(p[1]);
    return p[0];
}

// Wait for the server to end (it does at end of file); returns its count, -1 if it failed.
long server_done()
{
    for (;;) {
        Waitmsg* w = wait();
        if (!w) {
            if (strcmp(err(), "interrupted") == 0)
                continue;
            return -1;
        }
        long n = -1;
        const char* count = strstr(w->msg, ": n=");  // "mntcheck PID: n=COUNT"
        if (w->pid == server_pid && count)
            n = atol(count + 4);
        bool ours = w->pid == server_pid;
        free(w);
        if (ours)
            return n;
    }
}

long read_file(const char* path, char* buf, long n)
{
    int fd = open(path, OREAD);
    if (fd < 0)
        return -1;
    long m = readn(fd, buf, n);
    close(fd);
    return m;
}

const char* mount_toy(int badness = 0, unsigned seed = 1, int cache = 0)
{
    int fd = serve(badness, seed);
    if (mount(fd, -1, "/n", MREPL | MCREATE | cache, "") < 0)
        return err();
    close(fd);
    return nullptr;
}

const char* files()
{
    if (const char* e = mount_toy())
        return e;
    Dir* d = dirstat("/n/data");
    if (!d)
        return err();
    bool right = d->length == 64 && strcmp(d->name, "data") == 0 && d->mode == 0666 && d->type == 'M'
        && strcmp(d->uid, "toy") == 0;
    free(d);
    if (!right)
        return "stat of /n/data is wrong";
    char buf[128];
    long n = read_file("/n/data", buf, sizeof buf);
    if (n != 64 || memcmp(buf, "0123456789abcdef0123", 20) != 0)
        return "read of /n/data is wrong";
    int fd = open("/n/data", OWRITE);
    if (fd < 0 || write(fd, "hello", 5) != 5)
        return "write to /n/data failed";
    close(fd);
    fd = open("/n", OREAD);
    Dir* ents;
    long ne = fd < 0 ? -1 : dirreadall(fd, &ents);
    if (ne != 4) {
        snprint(errbuf, sizeof errbuf, "directory read of /n gave %ld entries: %r", ne);
        return errbuf;
    }
    bool order = strcmp(ents[0].name, "data") == 0 && strcmp(ents[1].name, "slow") == 0
        && strcmp(ents[3].name, "fids") == 0 && ents[0].type == 'M';
    free(ents);
    close(fd);
    if (!order)
        return "directory entries are wrong";
    return nullptr;
}

const char* errors()
{
    if (const char* e = mount_toy())
        return e;
    if (open("/n/nothing", OREAD) >= 0 || strcmp(err(), "file does not exist") != 0)
        return "open of a missing file did not fail with the server's error";
    if (open("/n/data/x", OREAD) >= 0 || strcmp(err(), "not a directory") != 0)
        return "walk through a file did not fail";
    if (create("/n/new", OWRITE, 0666) >= 0 || strcmp(err(), "permission denied") != 0)
        return "create did not fail with the server's error";
    if (remove("/n/data") >= 0 || strcmp(err(), "permission denied") != 0)
        return "remove did not fail with the server's error";
    if (open("/n/fids", OREAD) < 0)
        return "the mount broke after errors";
    return nullptr;
}

// Unmounting and closing the last reference ends the conversation: the server sees end of
// file, having been told to clunk every fid it was given.
const char* release()
{
    if (const char* e = mount_toy())
        return e;
    char before[16] = {}, after[16] = {};
    if (read_file("/n/fids", before, sizeof before - 1) <= 0)
        return err();
    for (int i = 0; i < 100; i++) {
        int fd = open("/n/data", OREAD);
        if (fd < 0)
            return err();
        close(fd);
    }
    if (read_file("/n/fids", after, sizeof after - 1) <= 0)
        return err();
    if (strcmp(before, after) != 0)
        return "fids were not clunked";
    if (unmount(nullptr, "/n") < 0)
        return err();
    if (server_done() <= 0)
        return "the server did not see end of file";
    return nullptr;
}

const char* version()
{
    int fd = serve(0, 1);
    char v[16] = "9P2000";
    if (fversion(fd, 64 * 1024 + IOHDRSZ, v, sizeof v) != 6 || strcmp(v, "9P2000") != 0)
        return "fversion did not agree on 9P2000";
    char old[16] = "9P1999";
    if (fversion(fd, 0, old, sizeof old) >= 0 || strcmp(err(), "bad 9P version specification") != 0)
        return "fversion accepted 9P1999";
    if (fauth(fd, "") >= 0 || strcmp(err(), "authentication not required") != 0)
        return "fauth did not pass on the server's error";
    if (mount(fd, -1, "/n", MREPL, "") < 0)
        return err();
    static char big[64 * 1024];
    int dfd = open("/n/data", OREAD);
    if (dfd < 0 || read(dfd, big, sizeof big) != 64)
        return "read with a 64K msize failed";
    return nullptr;
}

const char* bad_fds()
{
    if (mount(77, -1, "/n", MREPL, "") >= 0 || strcmp(err(), "fd out of range or not open") != 0)
        return "mount of a closed fd";
    int fd = open("/dev/cons", OREAD);
    if (mount(fd, -1, "/n", MREPL, "") >= 0 || strcmp(err(), "inappropriate use of fd") != 0)
        return "mount of a read-only fd";
    int sfd = serve(0, 1);
    if (mount(sfd, fd, "/n", MREPL, "") >= 0 || strcmp(err(), "inappropriate use of fd") != 0)
        return "mount with a non-auth afd";
    if (rfork(RFNOMNT) < 0)
        return err();
    if (mount(sfd, -1, "/n", MREPL, "") >= 0 || strcmp(err(), "mount/attach disallowed") != 0)
        return "mount under RFNOMNT";
    return nullptr;
}

// An interrupted read is flushed; the server forgets it and the mount goes on working.
const char* flush()
{
    notify(on_note);
    if (const char* e = mount_toy())
        return e;
    int fd = open("/n/slow", OREAD);
    if (fd < 0)
        return err();
    char buf[8];
    alarm(200);
    if (read(fd, buf, sizeof buf) >= 0 || strcmp(err(), "interrupted") != 0)
        return "read of slow was not interrupted";
    if (read_file("/n/data", buf, sizeof buf) != 8)
        return "the mount broke after a flush";
    return nullptr;
}

// A walk asleep in a union's first member, while another process sharing the name space
// unmounts the union, goes on in the union as it was when it began: the interrupted
// walk in toysrv fails, and the one in #e, the second member, finds the file. (The walk
// once went on through the freed union, whose memory new binds take here.)
long walkgot;
char walkbuf[8];

const char* walk_under_unmount()
{
    if (const char* e = mount_toy())
        return e;
    int fd = create("/env/slowwalk", OWRITE, 0666);
    if (fd < 0 || write(fd, "here", 4) != 4)
        return "cannot make /env/slowwalk";
    close(fd);
    if (bind("#e", "/n", MAFTER) < 0)
        return err();
    walkgot = -2;
    int pid = rfork(RFPROC | RFMEM);
    if (pid < 0)
        return err();
    if (pid == 0) {
        notify(on_note);
        int f = open("/n/slowwalk", OREAD);
        walkgot = f < 0 ? -1 : read(f, walkbuf, sizeof walkbuf);
        exits(nullptr);
    }
    if (!asleep(pid))
        return "the walk did not sleep in toysrv";
    if (unmount(nullptr, "/n") < 0)
        return err();
    for (int i = 0; i < 20; i++)
        if (bind("#e", "/n", i ? MAFTER : MREPL) < 0)
            return err();
    postnote(PNPROC, pid, "interrupt");
    for (;;) {
        Waitmsg* w = wait();
        if (!w)
            return "the walker was not waited for";
        bool ours = w->pid == pid;
        free(w);
        if (ours)
            break;
    }
    if (walkgot != 4 || memcmp(walkbuf, "here", 4) != 0)
        return "the walk did not go on in the union it began in";
    return nullptr;
}

// Through mount -C a read longer than the iounit has all its Treads out at once; an
// interrupt flushes every one of them and the mount goes on working.
const char* cached_flush()
{
    notify(on_note);
    if (const char* e = mount_toy(0, 1, MCACHE))
        return e;
    int fd = open("/n/slow", OREAD);
    if (fd < 0)
        return err();
    static char buf[5 * 8192];
    alarm(200);
    if (read(fd, buf, sizeof buf) >= 0 || strcmp(err(), "interrupted") != 0)
        return "read ahead of slow was not interrupted";
    if (read_file("/n/data", buf, sizeof buf) != 64 || memcmp(buf, "0123", 4) != 0)
        return "the mount broke after flushing reads ahead";
    return nullptr;
}

// ramfs on a pipe at msize 8K, mounted -C: long reads go ahead in 8K pieces and give
// exactly the file's bytes, stopping at its end wherever that falls among the pieces; a
// sequential reader, whose next read goes ahead too, sees a write made between its reads.
const char* cached_read()
{
    constexpr long Size = 100000;
    int pid;
    int fd = ramfs_pipe(&pid);
    char version[16] = "9P2000";
    if (fd < 0 || fversion(fd, 8192 + IOHDRSZ, version, sizeof version) < 0
        || mount(fd, -1, "/n", MREPL | MCREATE | MCACHE, "") < 0)
        return err();
    close(fd);
    static uchar want[Size], got[Size];
    for (long i = 0; i < Size; i++)
        want[i] = uchar(i * 7 + i / 251);
    fd = create("/n/f", ORDWR, 0666);
    if (fd < 0 || write(fd, want, Size) != Size)
        return "writing the file failed";
    static const struct {
        long off, count, expect;
    } reads[] = {
        { 0, 65536, 65536 }, { 5, 40000, 40000 }, { 65536, 65536, Size - 65536 },
        { 99000, 3 * 8192 + 100, 1000 }, { Size, 65536, 0 }, { 8192, 8192, 8192 },
    };
    for (auto& r : reads) {
        memset(got, 0, sizeof got);
        long n = pread(fd, got, r.count, r.off);
        if (n != r.expect) {
            snprint(errbuf, sizeof errbuf, "read of %ld at %ld gave %ld, not %ld: %r", r.count, r.off, n, r.expect);
            return errbuf;
        }
        if (memcmp(got, want + r.off, n) != 0) {
            snprint(errbuf, sizeof errbuf, "read of %ld at %ld gave the wrong bytes", r.count, r.off);
            return errbuf;
        }
    }
    // Sequential reads: each sends the next one's Treads. A write between two of them
    // lands where the next was read ahead, and that read must see it.
    constexpr long Step = 20000;
    for (long off = 0; off <= Size; off += Step) {
        if (off == 2 * Step) {
            want[off + 3] ^= 0xff;
            if (pwrite(fd, want + off + 3, 1, off + 3) != 1)
                return "writing between reads failed";
        }
        long n = pread(fd, got, Step, off);
        if (n != (off < Size ? Step : 0) || memcmp(got, want + off, n) != 0) {
            snprint(errbuf, sizeof errbuf, "sequential read at %ld gave %ld bytes, not the file's", off, n);
            return errbuf;
        }
    }
    close(fd);
    return nullptr;
}

// A flush the server never answers: a second note gives up on it.
const char* abandon()
{
    notify(on_note);
    if (const char* e = mount_toy())
        return e;
    int me = getpid();
    int fd = open("/n/stuck", OREAD);
    if (fd < 0)
        return err();
    if (rfork(RFPROC | RFNOWAIT | RFFDG) == 0) {
        for (int i = 0; i < 2; i++) {
            sleep(300);
            postnote(PNPROC, me, "interrupt");
        }
        exits(nullptr);
    }
    char buf[8];
    if (read(fd, buf, sizeof buf) >= 0 || strcmp(err(), "interrupted") != 0)
        return "read of stuck was not interrupted";
    if (read_file("/n/data", buf, sizeof buf) != 8)
        return "the mount broke after an abandoned flush";
    return nullptr;
}

// Killing the server fails the read waiting on it and every later call.
const char* hangup()
{
    if (const char* e = mount_toy())
        return e;
    int reader = rfork(RFPROC | RFFDG);
    if (reader == 0) {
        char buf[8];
        int fd = open("/n/slow", OREAD);
        if (fd < 0 || read(fd, buf, sizeof buf) >= 0)
            exits("read of slow did not fail");
        exits(strcmp(err(), "i/o on hungup channel") == 0 ? nullptr : err());
    }
    sleep(300);
    postnote(PNPROC, server_pid, "kill");
    const char* why = nullptr;
    for (int i = 0; i < 2; i++) {
        Waitmsg* w = wait();
        if (!w)
            return err();
        if (w->pid == reader && w->msg[0])
            why = "the waiting reader did not get a hangup error";
        free(w);
    }
    if (why)
        return why;
    if (open("/n/data", OREAD) >= 0 || strcmp(err(), "i/o on hungup channel") != 0)
        return "a call after the hangup did not fail with a hangup error";
    return nullptr;
}

// A server posted in /srv: two mounts of it share one conversation, ns names them by
// the srv entry, and removing the entry after unmounting ends the conversation.
const char* srv_mounts()
{
    int fd = serve(0, 1);
    char name[64], want[128], ns[2048];
    snprint(name, sizeof name, "/srv/mntcheck.%d", getpid());
    int sfd = create(name, OWRITE, 0600);
    if (sfd < 0 || fprint(sfd, "%d", fd) < 0)
        return err();
    close(sfd);
    close(fd);
    static const char* const mtpts[] = { "/n", "/mnt" };
    for (const char* where : mtpts) {
        int c = open(name, ORDWR);
        if (c < 0 || mount(c, -1, where, MREPL | MCREATE, "") < 0)
            return err();
        close(c);
    }
    char buf[8];
    if (read_file("/n/data", buf, sizeof buf) != 8 || read_file("/mnt/data", buf, sizeof buf) != 8)
        return "reads through the two mounts failed";
    snprint(want, sizeof want, "mount -c #s/mntcheck.%d /n \n", getpid());
    snprint(name, sizeof name, "/proc/%d/ns", getpid());
    long n = read_file(name, ns, sizeof ns - 1);
    if (n <= 0)
        return err();
    ns[n] = 0;
    if (!strstr(ns, want))
        return "ns does not name the mount by its srv entry";
    if (unmount(nullptr, "/n") < 0 || unmount(nullptr, "/mnt") < 0)
        return err();
    snprint(name, sizeof name, "/srv/mntcheck.%d", getpid());
    if (remove(name) < 0)
        return err();
    if (server_done() <= 0)
        return "the server did not see end of file";
    return nullptr;
}

unsigned rng = 12345;

unsigned next_rand()
{
    rng = rng * 1103515245 + 12345;
    return rng >> 8;
}

// One random operation on the mounted toy; the answers are not checked, only survived.
void random_op()
{
    static const char* const paths[] = { "/n/data", "/n/fids", "/n", "/n/missing", "/n/data/x", "/n/slow" };
    const char* path = paths[next_rand() % 6];
    char buf[512];
    static char big[3 * 8192];  // longer than the iounit: read ahead on a mount -C
    switch (next_rand() % 5) {
    case 0:
        free(dirstat(path));
        break;
    case 1: {
        int fd = open(path, OREAD);
        if (fd >= 0) {
            if (next_rand() % 2)
                read(fd, big, sizeof big);
            else
                read(fd, buf, sizeof buf);
            Dir* d;
            if (strcmp(path, "/n") == 0 && dirread(fd, &d) > 0)
                free(d);
            close(fd);
        }
        break;
    }
    case 2: {
        int fd = open(path, OWRITE);
        if (fd >= 0) {
            write(fd, buf, 1 + next_rand() % sizeof buf);
            close(fd);
        }
        break;
    }
    case 3: {
        int fd = open(path, OREAD);
        if (fd >= 0) {
            free(dirfstat(fd));
            close(fd);
        }
        break;
    }
    default:
        remove(path);
        break;
    }
}

// Interrupts the process every 150 ms, so that no call can wait on the liar for long: a
// second interrupt gives up even on a flush it never answers.
int start_watchdog()
{
    int me = getpid();
    int pid = rfork(RFPROC | RFNOWAIT | RFFDG);
    if (pid == 0) {
        for (;;) {
            sleep(150);
            postnote(PNPROC, me, "interrupt");
        }
    }
    return pid;
}

// Many conversations with a lying server, every other one mounted -C; afterwards the
// kernel still mounts and reads.
const char* liar()
{
    notify(on_note);
    int watchdog = start_watchdog();
    long exchanges = 0;
    for (int conn = 1; exchanges < 5000; conn++) {
        int fd = serve(6, conn);
        bool mounted = mount(fd, -1, "/n", MREPL | (conn % 2 ? MCACHE : 0), "") >= 0;
        close(fd);
        for (int i = 0; mounted && i < 40; i++)
            random_op();
        if (mounted)
            unmount(nullptr, "/n");
        long n = server_done();
        if (n < 0)
            return "a server did not end";
        exchanges += n;
    }
    postnote(PNPROC, watchdog, "kill");
    if (const char* e = mount_toy())
        return e;
    char buf[64];
    if (read_file("/n/data", buf, sizeof buf) != 64 || memcmp(buf, "0123", 4) != 0)
        return "an honest mount afterwards does not work";
    return nullptr;
}

}  // namespace

int main()
{
    argv0 = "mntcheck";
    check("files", files);
    check("errors", errors);
    check("release", release);
    check("version", version);
    check("bad_fds", bad_fds);
    check("flush", flush);
    check("cached_flush", cached_flush);
    check("walk_under_unmount", walk_under_unmount);
    check("cached_read", cached_read);
    check("abandon", abandon);
    check("hangup", hangup);
    check("srv_mounts", srv_mounts);
    check("liar", liar);
    checks_done();
}
