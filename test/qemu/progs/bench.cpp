// bench: in-guest micro-benchmarks timed with nsec(), each printed beside a reference
// measured in the same run, one per line:
//   name value unit ratio reference
// emptyloop is the cost of a loop iteration; nullcall a system call that only checks
// its arguments (dup(-1, -1)), against emptyloop; piperoundtrip one byte sent to another
// process and back over two pipes, against nullcall; memcpy and pipe the bandwidth of
// copying 64 KB blocks within a process and of passing them through a pipe to another,
// the pipe against memcpy; 9pnullrpc an fstat of a ramfs file through the mount driver,
// against piperoundtrip; 9pread8k and 9pread64k 64 MB read from ramfs at those msizes,
// against pipe, and 9pread8kC the 8K one through mount -C (reads ahead); pipe8k the
// pipe's bandwidth in 8 KB writes; hubfs1 and hubfs3 8 KB messages through a hub to one
// reader, against pipe8k, and to three (the bytes all three receive), against three times
// hubfs1. "bench base 9p hub" runs only the groups named (the references are measured
// anyway). Each measurement runs at least Mintime so that a coarse clock (and nsec's own
// cost, a file read) stays small beside it. Numbers carry two decimals; a benchmark never
// fails on speed, only when the clock or a system call is broken.
#include "libc.h"
#include "lib9/fcall.h"
#include "ramfspipe.h"

namespace {

constexpr vlong Mintime = 500'000'000;  // ns
constexpr long Block = 64 * 1024;

struct Value {
    vlong x100;  // hundredths
};

void line(const char* name, Value v, const char* unit, Value ratio, const char* ref)
{
    print("%s %lld.%02lld %s %lld.%02lld %s\n", name, v.x100 / 100, v.x100 % 100, unit, ratio.x100 / 100,
        ratio.x100 % 100, ref);
}

Value ratio(Value a, Value b)
{
    return Value{b.x100 ? a.x100 * 100 / b.x100 : 0};
}

vlong now()
{
    vlong t = nsec();
    if (t == 0)
        sysfatal("no clock: nsec gives 0 (is /dev/time there?)");
    return t;
}

// Runs body(n) with n doubling until one run takes Mintime; returns ns per unit of n.
template<class F>
Value per_unit(F body)
{
    for (vlong n = 1024;; n *= 2) {
        vlong t0 = now();
        body(n);
        vlong ns = now() - t0;
        if (ns >= Mintime || n >= (1LL << 40))
            return Value{ns * 100 / n};
    }
}

// Bandwidth in MB/s (10^6 bytes) from ns per block of the given size.
Value bandwidth(Value ns_per_block, long block = Block)
{
    return Value{ns_per_block.x100 ? (vlong)block * 1000 * 100 * 100 / ns_per_block.x100 : 0};
}

Value empty_loop()
{
    return per_unit([](vlong n) {
        for (vlong i = 0; i < n; i++)
            asm volatile("");
    });
}

Value null_call()
{
    return per_unit([](vlong n) {
        for (vlong i = 0; i < n; i++)
            if (dup(-1, -1) >= 0)
                sysfatal("dup(-1, -1) succeeded");
    });
}

// A child that echoes every byte from in to out until in ends.
void echo_child(int in, int out)
{
    char c;
    while (read(in, &c, 1) == 1)
        if (write(out, &c, 1) != 1)
            break;
    exits(nullptr);
}

void reap(int pid)
{
    for (;;) {
        Waitmsg* w = wait();
        if (w == nullptr)
            sysfatal("wait: %r");
        bool ours = w->pid == pid;
        if (ours && w->msg[0] != 0)
            sysfatal("child: %s", w->msg);
        free(w);
        if (ours)
            return;
    }
}

Value pipe_round_trip()
{
    int to[2], from[2];
    if (pipe(to) < 0 || pipe(from) < 0)
        sysfatal("pipe: %r");
    int pid = fork();
    if (pid < 0)
        sysfatal("fork: %r");
    if (pid == 0) {
        close(to[1]);
        close(from[0]);
        echo_child(to[0], from[1]);
    }
    close(to[0]);
    close(from[1]);
    Value v = per_unit([&](vlong n) {
        char c = 'x';
        for (vlong i = 0; i < n; i++)
            if (write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1)
                sysfatal("pipe round trip: %r");
    });
    close(to[1]);
    close(from[0]);
    reap(pid);
    return v;
}

char* src;
char* dst;

Value memcpy_block()
{
    return per_unit([](vlong n) {
        for (vlong i = 0; i < n; i++) {
            memcpy(dst, src, Block);
            asm volatile("" ::: "memory");  // the copy must happen every time
        }
    });
}

// Each run forks a writer that sends n blocks; the reader times them all arriving.
Value pipe_block(long block = Block)
{
    return per_unit([block](vlong n) {
        int p[2];
        if (pipe(p) < 0)
            sysfatal("pipe: %r");
        int pid = fork();
        if (pid < 0)
            sysfatal("fork: %r");
        if (pid == 0) {
            close(p[0]);
            for (vlong i = 0; i < n; i++)
                if (write(p[1], src, block) != block)
                    sysfatal("pipe write: %r");
            exits(nullptr);
        }
        close(p[1]);
        vlong want = n * block;
        for (vlong got = 0; got < want;) {
            long r = read(p[0], dst, block);
            if (r <= 0)
                sysfatal("pipe read: %r");
            got += r;
        }
        close(p[0]);
        reap(pid);
    });
}

// 9P: ramfs (serving on a pipe) mounted on /n through the kernel's mount driver, in a
// namespace of the benchmark's own. msize 0 takes the kernel's default.
int ramfs_pid;

void mount_ramfs(int msize, int cache = 0)
{
    int fd = ramfs_pipe(&ramfs_pid);
    if (fd < 0)
        sysfatal("ramfs: %r");
    char version[16] = "9P2000";
    if (msize && fversion(fd, msize, version, sizeof version) < 0)
        sysfatal("fversion: %r");
    if (mount(fd, -1, "/n", MREPL | MCREATE | cache, "") < 0)
        sysfatal("mount ramfs: %r");
    close(fd);
}

void unmount_ramfs()
{
    if (unmount(nullptr, "/n") < 0)
        sysfatal("unmount: %r");
    reap(ramfs_pid);  // it ends when the last reference to its pipe goes
}

// A null RPC: fstat of an open ramfs file is one Tstat and its Rstat.
Value ninep_null_rpc()
{
    mount_ramfs(0);
    int fd = create("/n/f", ORDWR, 0666);
    if (fd < 0)
        sysfatal("create /n/f: %r");
    Value v = per_unit([fd](vlong n) {
        uchar buf[256];
        for (vlong i = 0; i < n; i++)
            if (fstat(fd, buf, sizeof buf) <= 0)
                sysfatal("fstat: %r");
    });
    close(fd);
    unmount_ramfs();
    return v;
}

// 64 MB read sequentially in 64 KB reads from an 8 MB ramfs file (eight passes); with
// MCACHE (mount -C) the mount driver asks for a read's pieces all at once.
Value ninep_read(int msize, int cache = 0)
{
    constexpr int FileBlocks = 128, ReadBlocks = 1024;
    mount_ramfs(msize, cache);
    int fd = create("/n/big", ORDWR, 0666);
    if (fd < 0)
        sysfatal("create /n/big: %r");
    for (int i = 0; i < FileBlocks; i++)
        if (write(fd, src, Block) != Block)
            sysfatal("write /n/big: %r");
    vlong t0 = now();
    for (int i = 0; i < ReadBlocks; i++)
        if (pread(fd, dst, Block, (vlong)(i % FileBlocks) * Block) != Block)
            sysfatal("read /n/big: %r");
    vlong ns = now() - t0;
    close(fd);
    unmount_ramfs();
    return Value{ns * 100 / ReadBlocks};
}

// hubfs: one writer sends n 8 KB messages through a hub to k readers, each of which
// counts n * 8 KB arriving. Paranoid mode holds the writer for the slowest reader, so
// nothing is lost and the time is that of delivery; trunc mode starts each run's
// readers at the write head. hubfs is posted as /srv/hubbench and mounted on /n with
// msize 64 KB, and readers ask for 64 KB, so one that falls behind catches up in one read.
constexpr long Msg = 8192;

void start_hubfs()
{
    int pid = fork();
    if (pid < 0)
        sysfatal("fork: %r");
    if (pid == 0) {
        const char* argv[] = { "hubfs", "-t", "-s", "hubbench", nullptr };
        exec("/bin/hubfs", argv);
        sysfatal("exec /bin/hubfs: %r");
    }
    reap(pid);  // it returns once the server is posted
    int fd = open("/srv/hubbench", ORDWR);
    char version[16] = "9P2000";
    if (fd < 0 || fversion(fd, 65536 + IOHDRSZ, version, sizeof version) < 0
        || mount(fd, -1, "/n", MREPL | MCREATE, "") < 0)
        sysfatal("mount /srv/hubbench: %r");
    close(fd);
    fd = create("/n/ctl", OWRITE, 0666);
    if (fd < 0 || write(fd, "fear", 4) != 4)
        sysfatal("/n/ctl: %r");
    close(fd);
    fd = create("/n/h", OWRITE, 0666);
    if (fd < 0)
        sysfatal("create /n/h: %r");
    close(fd);
}

void stop_hubfs()
{
    int fd = open("/n/ctl", OWRITE);
    if (fd < 0 || write(fd, "quit", 4) != 4)
        sysfatal("quit: %r");
    close(fd);
    if (unmount(nullptr, "/n") < 0)
        sysfatal("unmount: %r");
}

void hub_reader(int ready, vlong want)
{
    int fd = open("/n/h", OREAD);
    if (fd < 0 || write(ready, "r", 1) != 1)
        sysfatal("hub reader: %r");
    char* buf = (char*)malloc(Block);
    for (vlong got = 0; got < want;) {
        long r = read(fd, buf, Block);
        if (r < 0)
            sysfatal("hub read: %r");
        got += r;
    }
    exits(nullptr);
}

Value hub_delivery(int readers)
{
    int out = open("/n/h", OWRITE);
    if (out < 0)
        sysfatal("open /n/h: %r");
    Value v = per_unit([out, readers](vlong n) {
        int ready[2];
        if (pipe(ready) < 0)
            sysfatal("pipe: %r");
        for (int i = 0; i < readers; i++) {
            int pid = fork();
            if (pid < 0)
                sysfatal("fork: %r");
            if (pid == 0)
                hub_reader(ready[1], n * Msg);
        }
        char c;
        for (int i = 0; i < readers; i++)
            if (read(ready[0], &c, 1) != 1)
                sysfatal("ready: %r");
        for (vlong i = 0; i < n; i++)
            if (write(out, src, Msg) != Msg)
                sysfatal("hub write: %r");
        for (int i = 0; i < readers; i++) {
            Waitmsg* w = wait();
            if (w == nullptr)
                sysfatal("wait: %r");
            if (w->msg[0] != 0)
                sysfatal("hub reader: %s", w->msg);
            free(w);
        }
        close(ready[0]);
        close(ready[1]);
    });
    close(out);
    return Value{v.x100 / readers};  // ns per message delivered to one reader
}

// Runs every group, or only those named: bench [base] [9p] [hub].
bool wanted(int argc, char** argv, const char* group)
{
    if (argc < 2)
        return true;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], group) == 0)
            return true;
    return false;
}

// The references the later groups are measured against, printed by the base group.
struct Refs {
    Value rt, mem, pipebw;
};

Refs base_group(bool show)
{
    Refs r { pipe_round_trip(), bandwidth(memcpy_block()), bandwidth(pipe_block()) };
    if (!show)
        return r;
    Value loop = empty_loop();
    line("emptyloop", loop, "ns/iter", ratio(loop, loop), "emptyloop");
    Value call = null_call();
    line("nullcall", call, "ns/call", ratio(call, loop), "emptyloop");
    line("piperoundtrip", r.rt, "ns/rt", ratio(r.rt, call), "nullcall");
    line("memcpy", r.mem, "MB/s", ratio(r.mem, r.mem), "memcpy");
    line("pipe", r.pipebw, "MB/s", ratio(r.pipebw, r.mem), "memcpy");
    return r;
}

void ninep_group(const Refs& r)
{
    Value rpc = ninep_null_rpc();
    line("9pnullrpc", rpc, "ns/rpc", ratio(rpc, r.rt), "piperoundtrip");
    Value read8k = bandwidth(ninep_read(8192 + IOHDRSZ));
    line("9pread8k", read8k, "MB/s", ratio(read8k, r.pipebw), "pipe");
    Value read8kc = bandwidth(ninep_read(8192 + IOHDRSZ, MCACHE));
    line("9pread8kC", read8kc, "MB/s", ratio(read8kc, r.pipebw), "pipe");
    Value read64k = bandwidth(ninep_read(65536 + IOHDRSZ));
    line("9pread64k", read64k, "MB/s", ratio(read64k, r.pipebw), "pipe");
}

void hub_group(const Refs& r)
{
    Value pipe8k = bandwidth(pipe_block(Msg), Msg);
    line("pipe8k", pipe8k, "MB/s", ratio(pipe8k, r.mem), "memcpy");
    start_hubfs();
    Value hub1 = bandwidth(hub_delivery(1), Msg);
    line("hubfs1", hub1, "MB/s", ratio(hub1, pipe8k), "pipe8k");
    Value hub3 = bandwidth(hub_delivery(3), Msg);
    line("hubfs3", hub3, "MB/s", ratio(hub3, Value{3 * hub1.x100}), "3xhubfs1");
    stop_hubfs();
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "bench";
    src = (char*)malloc(Block);
    dst = (char*)malloc(Block);
    if (src == nullptr || dst == nullptr)
        sysfatal("out of memory");
    memset(src, 'b', Block);

    Refs refs = base_group(wanted(argc, argv, "base"));
    if (rfork(RFNAMEG) < 0)
        sysfatal("rfork: %r");
    if (wanted(argc, argv, "9p"))
        ninep_group(refs);
    if (wanted(argc, argv, "hub"))
        hub_group(refs);
    exits(nullptr);
}
