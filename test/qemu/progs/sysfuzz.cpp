// sysfuzz [-v] [-s seed] [-n calls]: the in-VM system-call fuzzer. It makes random system
// calls (every number 0..63, the unassigned ones too) with arguments drawn from pools of
// troublesome values: small and huge integers, -1, open and closed fds, nil, kernel and
// unmapped addresses, ranges that wrap past 4 GB, buffers that run off the end of mapped
// memory, over-long and malformed path names, unknown # devices. The kernel must answer
// every one without panicking, hanging or harming the caller; a panic shows on the
// console, a hang as a missing last line "sysfuzz: N calls, seed S, ok". A run is
// determined by its seed. -v prints every call before making it, to find a culprit.
//
// The fuzzer must not kill or block itself on purpose, so some calls are shaped: it never
// calls exits, noted, rendezvous or brk, execs only names that cannot be programs, forks
// only children that fuzz and exit, and keeps alarms, sleeps and semaphore waits from
// firing or blocking. It reads only fds whose files answer at once and writes only to
// environment variables, classifying every fd it gets by its Dir (device, name), so
// /dev/cons, #c/reboot, pipes and /proc/N/note|ctl are never written. It runs in its own
// name space, environment, note and srv groups, and mutates (create, remove, wstat)
// only names of its own.
#include <initializer_list>

#include "libc.h"

extern "C" long rawsys(ulong n, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5);

namespace {

constexpr ulong Kernel = 0xC0000000;
constexpr ulong Unmapped = 0x30000000;  // nothing of ours lives in [Unmapped, Unmapped+Span)
constexpr ulong Span = 0x10000000;
constexpr ulong Wrap = 0xFFFFF000;
constexpr ulong Page = 0x1000;

enum {
    Scratchsize = 64 * 1024,
    Maxfd = 128,  // fds tracked; a dup to a larger one is closed at once
    Sweep = 64,  // fds closed when an fd may have leaked
    Sweepevery = 1000,
    Progress = 5000,
    Childevery = 2000,  // about one forked fuzzer per this many calls
    Childcalls = 200,
    Reserve = 1 << 20,  // heap kept free so malloc never moves the break past the edge page
};

// ---------- deterministic randomness (xorshift64*)

uvlong state;

ulong rnd()
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (state * 0x2545F4914F6CDD1DULL) >> 32;
}

ulong below(ulong n)
{
    return n ? rnd() % n : 0;
}

bool one_in(ulong n)
{
    return below(n) == 0;
}

template<class T, usize N>
T pick(const T (&a)[N])
{
    return a[below(N)];
}

// ---------- memory handed to the kernel

// Buffers the kernel may fill with anything: the top of the heap, so that whatever runs
// past their end reaches the unmapped page at edge, never our own variables.
uchar* scratch;
char* edge;
const char readonly[64] = "sysfuzz: in the text segment, which the kernel must not write";
char longname[1200];  // one element far longer than NAMEMAX
char deepname[8192];  // a/a/a/...: too many elements
char hugename[70000];  // longer than any path the kernel takes
char pathbuf[600];  // a fresh random name for each call
char selfproc[4][64];  // "/proc/PID/status" and friends for our own pid
char initproc[4][64];  // the same for pid 1 (look, never touch)
uchar statbuf[512];  // a stat entry for wstat

ulong ptr(const void* p)
{
    return (ulong)(uintptr)p;
}

// Whether [p, p+n) lies in scratch (p may be anything, even near 4 GB).
bool in_scratch(ulong p, ulong n)
{
    return p >= ptr(scratch) && p - ptr(scratch) <= Scratchsize - n;
}

// Addresses of nothing of ours, so segfree, segdetach and segbrk cannot take our memory.
ulong foreign_address()
{
    switch (below(5)) {
    case 0:
        return below(Page);
    case 1:
        return Unmapped + below(Span);
    case 2:
        return Kernel + below(0x3FFFF000);
    case 3:
        return Wrap + below(Page);
    default:
        return pick({0ul, Unmapped, Kernel, 0xFFFFFFFFul});
    }
}

ulong bad_pointer()
{
    return below(4) == 0 ? 0 : foreign_address();
}

ulong length()
{
    switch (below(6)) {
    case 0:
        return below(64);
    case 1:
        return below(65536);
    case 2:
        return rnd();
    default:
        return pick({0ul, 1ul, 2ul, 8ul, 127ul, 128ul, 4096ul, 8192ul, 0x2000ul, 65535ul, 65536ul, 0x7FFFFFFFul,
            0x80000000ul, 0xFFFFFFFFul});
    }
}

// A buffer the kernel may read or write, and its length.
void buffer(ulong* p, ulong* n)
{
    switch (below(7)) {
    case 0:
    case 1: {  // inside scratch, any length
        ulong off = below(Scratchsize);
        *p = ptr(scratch + off);
        *n = one_in(2) ? Scratchsize - off : length();
        break;
    }
    case 2:  // straddling the end of mapped memory
        *p = ptr(edge - below(64));
        *n = below(256);
        break;
    case 3:  // wrapping past the top of the address space
        *p = Wrap + below(Page);
        *n = pick({0x2000ul, 0x10000ul, 0xFFFFFFFFul, 0x80000000ul});
        break;
    case 4:  // read-only memory
        *p = ptr(readonly + below(sizeof readonly));
        *n = below(128);
        break;
    default:
        *p = bad_pointer();
        *n = length();
    }
}

ulong integer()
{
    switch (below(4)) {
    case 0:
        return below(16);
    case 1:
        return rnd();
    case 2:
        return 1ul << below(32);
    default:
        return pick({0ul, 1ul, 2ul, 3ul, 0xFFFFFFFFul, 0x7FFFFFFFul, 0x80000000ul, 0xFFFFFFFEul});
    }
}

vlong offset()
{
    return pick({0ll, 0ll, 1ll, -1ll, -2ll, 4096ll, 1ll << 31, 1ll << 32, 1ll << 62, -(1ll << 62),
        0x7FFFFFFFFFFFFFFFll, (vlong)below(1 << 20)});
}

// ---------- names

// Names the fuzzer may create, remove, wstat and open for writing: its own.
const char* const mine[] = {"#e/sysfuzz", "#e/sysfuzz.a", "/env/sysfuzz", "/tmp/sysfuzz", "/tmp/sysfuzz/a",
    "sysfuzz.rel", "#e/sysfuzz/x"};

// Names it only looks at: stat, chdir, bind, open for reading.
const char* const looks[] = {"/", "/boot", "/boot/echo", "/boot/tests/notelf", "/dev", "/dev/cons", "/env", "/fd",
    "/srv", "/proc", "/tmp", "#/", "#/boot", "#c", "#c/cons", "#c/reboot", "#c/sysname", "#c/swap", "#c/pid",
    "#c/user", "#e", "#ec", "#ec/sysname", "#P", "#P/cputype", "#p", "#|", "#|/data", "#|/data1", "#s", "#z",
    "#d", "#d/0", "#d/3", "#x", "#x/y", "#", "#cc", "#c/", "#c/.", "#c/..", ".", "..", "", "/.", "/..", "/../..",
    "//boot//echo", "a/b/../c", "/nonexistent", "/boot/nonexistent/x", "\xff\xfe", "#\xff", "/\x01\x02",
    "/boot/\xc0\x80", "/proc/1", "/proc/0", "/proc/99999", "/proc/-1"};

// Names exec is given: none can be a program, whatever the name space has become (a
// bind only ever puts a directory on a directory).
const char* const nonprograms[] = {"", "/", ".", "..", "/boot", "#c", "#p", "#|", "#x", "#x/y", "#", "/proc"};

// A fresh name: under one of our own prefixes, or to look at, anywhere.
const char* random_name(bool ours)
{
    char* p = pathbuf;
    char* e = pathbuf + sizeof pathbuf - 1;
    static const char* const prefixes[] = {"/tmp/sysfuzz.", "#e/sysfuzz.", "sysfuzz.", "/", "#"};
    p = strecpy(p, e, prefixes[below(ours ? 3 : nelem(prefixes))]);
    for (ulong n = below(one_in(8) ? 400 : 12); n > 0 && p < e; n--)
        *p++ = one_in(4) ? pick({'/', '.', '#', '\xff', '\x80', ' '}) : 'a' + below(26);
    *p = 0;
    return pathbuf;
}

// A name unterminated before the end of mapped memory.
const char* unterminated()
{
    memset(edge - 16, 'a', 16);
    return edge - below(16) - 1;
}

enum Purpose { Look, Mutate, Exec };

ulong name(Purpose why)
{
    switch (below(12)) {
    case 0:
        return bad_pointer();
    case 1:
        return ptr(unterminated());
    case 2:
        return ptr(pick({longname, deepname, hugename}));
    default:
        break;
    }
    if (why == Exec)
        return ptr(pick(nonprograms));
    if (one_in(3))
        return ptr(random_name(why == Mutate));
    if (why == Mutate || one_in(2))
        return ptr(pick(mine));
    if (one_in(4))
        return ptr(one_in(2) ? selfproc[below(4)] : initproc[below(4)]);
    return ptr(pick(looks));
}

// ---------- fds

enum : uchar {
    Closed = 0,
    Open = 1,
    Rd = 2,  // reading never blocks
    Wr = 4,  // writing is harmless
};

uchar fds[Maxfd];

bool any_of(const char* s, std::initializer_list<const char*> names)
{
    for (const char* n : names)
        if (strcmp(s, n) == 0)
            return true;
    return false;
}

// What an open fd may be used for, judged by the file it is open on (not its name,
// which a bind may have changed).
uchar classify(int fd)
{
    Dir* d = dirfstat(fd);
    if (d == nullptr)
        return Open;
    uchar c = Open;
    bool dir = d->qid.type & QTDIR;
    switch (d->type) {
    case '/':
        c |= Rd;
        break;
    case 'e':  // our own environment group's, unless read-only (#ec: the boot keys)
        c |= Rd | (!dir && (d->mode & 0222) ? Wr : 0);
        break;
    case '|':
    case 's':
    case 'z':
    case 'd':
        c |= dir ? Rd : 0;  // a pipe or posted channel may block
        break;
    case 'c':  // cons and kprint wait for input; reboot and consctl are write-only
        c |= dir || any_of(d->name, {"hostowner", "null", "pid", "ppid", "swap", "sysname", "sysstat", "time", "user"})
            ? Rd
            : 0;
        break;
    case 'p':
        c |= dir || any_of(d->name, {"args", "fd", "ns", "status"}) ? Rd : 0;
        break;
    case 'P':
        c |= dir || strcmp(d->name, "cputype") == 0 ? Rd : 0;
        break;
    }
    free(d);
    return c;
}

void track(long fd, uchar c)
{
    if (fd >= Maxfd) {
        close(fd);
        return;
    }
    if (fd >= 0)
        fds[fd] = c;
}

// A kernel that leaked an fd from a failed call would leave one open that we believe
// closed, and might read (and block on): now and then close every fd not known open.
void sweep()
{
    for (int fd = 3; fd < Sweep; fd++)
        if (fds[fd] == Closed)
            close(fd);
}

enum Need { Any, Closable, Readable, Writable };

bool fits(uchar c, Need need)
{
    switch (need) {
    case Readable:
        return c & Rd;
    case Writable:
        return (c & (Rd | Wr)) == (Rd | Wr);  // mount, fversion and fauth also read
    default:
        return true;
    }
}

long fd(Need need)
{
    long f = below(3) == 0 ? (long)pick({-1ul, 0x7FFFFFFFul, 0x80000000ul, (ulong)Maxfd, 1000ul, rnd()})
                           : (long)below(21);
    bool open = f >= 0 && f < Maxfd && fds[f] != Closed;
    if (need == Closable ? f >= 0 && f <= 2 : open && !fits(fds[f], need)) {
        // Prefer an fd that fits, else one that is not open.
        long start = below(Maxfd);
        for (long i = 0; i < Maxfd; i++) {
            long g = (start + i) % Maxfd;
            if (g > 2 && fds[g] != Closed && fits(fds[g], need))
                return g;
        }
        for (long g = Maxfd - 1; g > 2; g--)
            if (fds[g] == Closed)
                return g;
        return -1;
    }
    return f;
}

// ---------- calls

ulong rfork_flags(bool child)
{
    static const int safe[] = {RFNAMEG, RFENVG, RFNOTEG, RFREND, RFCENVG, RFCSRVG, RFNOWAIT};
    ulong f = 0;
    for (int i = below(4); i > 0; i--)
        f |= pick(safe);
    if (child) {
        f &= ~RFNOWAIT;  // the parent reaps it
        f |= RFPROC | (one_in(3) ? RFCFDG : RFFDG);
        if (one_in(4))
            f |= pick({RFCNAMEG, RFNOMNT});
    } else {
        f |= one_in(4) ? RFFDG : 0;
        f |= one_in(8) ? 1ul << (15 + below(17)) : 0;  // bits no flag uses
    }
    if (f & RFCNAMEG)
        f &= ~RFNAMEG;
    if (f & RFCENVG)
        f &= ~RFENVG;
    return f;
}

void stat_entry(ulong* p, ulong* n)
{
    if (one_in(3)) {
        buffer(p, n);
        return;
    }
    Dir d;
    nulldir(&d);
    if (one_in(2))
        d.name = pick({"", "sysfuzz.b", ".", "..", "a/b", "#c", (const char*)longname});
    if (one_in(3))
        d.mode = pick({0u, 0777u, DMDIR | 0777u, DMAPPEND | 0666u, (uint32_t)rnd()});
    if (one_in(3))
        d.length = pick({0ull, 1ull, 1ull << 40, ~0ull});
    if (one_in(4))
        d.mtime = rnd();
    if (one_in(4))
        d.uid = pick({"", "none", "glenda", "sysfuzz"});
    if (one_in(4))
        d.gid = pick({"", "none", "sys"});
    ulong len = convD2M(&d, statbuf, sizeof statbuf);
    if (len > 0 && one_in(3))
        statbuf[below(len)] = rnd();  // a corrupt field
    *p = ptr(statbuf);
    *n = one_in(4) ? below(len + 8) : len;
}

struct Call {
    ulong n;
    ulong a[6];
};

// Arguments for a call number; false if this number is never made.
bool shape(Call* c)
{
    ulong* a = c->a;
    for (int i = 0; i < 6; i++)  // unassigned numbers: nothing that could be an open fd
        a[i] = one_in(3) ? bad_pointer() : pick({0xFFFFFFFFul, 0x80000000ul, 0x7FFFFFFFul, rnd() | 0x10000});
    ulong p, n;
    switch (c->n) {
    case sys::EXITS:
    case sys::NOTED:  // outside a note handler it would kill us
    case sys::RENDEZVOUS:  // blocks until a partner comes
    case sys::BRK:  // could give our own memory back
        return false;
    case sys::BIND:
        a[0] = name(Look);
        a[1] = name(Look);
        a[2] = one_in(4) ? integer() : below(MMASK + 1);
        break;
    case sys::CHDIR:
    case sys::REMOVE:
        a[0] = name(c->n == sys::CHDIR ? Look : Mutate);
        break;
    case sys::CLOSE:
        a[0] = fd(Closable);
        break;
    case sys::DUP:
        a[0] = fd(Any);
        a[1] = one_in(2) ? -1ul : fd(Closable);
        break;
    case sys::ALARM:  // never one that could go off during the run
        a[0] = pick({0ul, 1ul << 30, 0x7FFFFFFFul, 0xFFFFFFFFul});
        break;
    case sys::EXEC:
        a[0] = name(Exec);
        buffer(&p, &n);
        a[1] = p;
        if (one_in(2) && in_scratch(p, 16)) {
            auto* argv = (ulong*)(uintptr)(p & ~3ul);
            argv[0] = name(Look);
            argv[1] = bad_pointer();
            argv[2] = one_in(2) ? 0 : ptr(readonly);
            argv[3] = 0;
        }
        break;
    case sys::FAUTH:
        a[0] = fd(Writable);
        a[1] = name(Look);
        break;
    case sys::SEGBRK:
        a[0] = foreign_address();
        a[1] = one_in(2) ? foreign_address() : integer();
        break;
    case sys::OPEN:
    case sys::CREATE: {
        bool mutate = c->n == sys::CREATE || one_in(2);
        a[0] = name(mutate ? Mutate : Look);
        a[1] = mutate ? pick({OREAD, OWRITE, ORDWR, OEXEC}) | (one_in(3) ? pick({OTRUNC, ORCLOSE, OCEXEC}) : 0)
                      : OREAD | (one_in(4) ? OCEXEC : 0);
        if (mutate && one_in(16))
            a[1] = integer();
        a[2] = one_in(3) ? integer() : pick({0666u, 0777u, DMDIR | 0777u, DMAPPEND | 0666u, DMEXCL | 0600u});
        break;
    }
    case sys::SLEEP:
        a[0] = pick({0ul, 1ul, 2ul, 0xFFFFFFFFul, 0x80000000ul});
        break;
    case sys::RFORK:
        a[0] = rfork_flags(false);
        break;
    case sys::PIPE:
        buffer(&p, &n);
        a[0] = p;
        break;
    case sys::FD2PATH:
    case sys::FSTAT:
        a[0] = fd(Any);
        buffer(&a[1], &a[2]);
        break;
    case sys::NOTIFY:  // a handler would be jumped to: only ever none
        a[0] = 0;
        break;
    case sys::SEGATTACH:
        a[0] = integer();
        a[1] = one_in(3) ? name(Look) : ptr(pick({"memory", "shared", "bad", "", "memory\xff"}));
        a[2] = one_in(3) ? 0 : foreign_address() & (one_in(2) ? ~(Page - 1) : ~0ul);
        a[3] = pick({0ul, Page, below(1 << 20), 0xFFFFFFFFul, 0x40000000ul, length()});
        break;
    case sys::SEGDETACH:
        a[0] = foreign_address();
        break;
    case sys::SEGFREE: {  // a range that cannot reach our segments
        ulong va = foreign_address();
        ulong room = va >= Kernel ? 0xFFFFFFFFul - va : va >= Unmapped ? Unmapped + Span - va : Page - 1 - va;
        a[0] = va;
        a[1] = below(room + 1);
        break;
    }
    case sys::SEGFLUSH:
        buffer(&a[0], &a[1]);
        break;
    case sys::UNMOUNT:
        a[0] = one_in(3) ? 0 : name(Look);
        a[1] = name(Look);
        break;
    case sys::SEMACQUIRE:  // never blocking
        buffer(&p, &n);
        a[0] = p;
        a[1] = 0;
        break;
    case sys::SEMRELEASE:
        buffer(&p, &n);
        a[0] = p;
        a[1] = integer();
        break;
    case sys::SEEK: {
        buffer(&p, &n);
        vlong off = offset();
        a[0] = p;
        a[1] = fd(Any);
        a[2] = (ulong)off;
        a[3] = (ulong)(off >> 32);
        a[4] = one_in(4) ? integer() : below(3);
        break;
    }
    case sys::FVERSION:
        a[0] = fd(Writable);
        a[1] = pick({0ul, 8192ul, 256ul, 0xFFFFFFFFul, integer()});
        buffer(&a[2], &a[3]);
        break;
    case sys::ERRSTR:
    case sys::AWAIT:  // we have no child now: it answers at once
        buffer(&a[0], &a[1]);
        break;
    case sys::STAT:
        a[0] = name(Look);
        buffer(&a[1], &a[2]);
        break;
    case sys::WSTAT:
        a[0] = name(Mutate);
        stat_entry(&a[1], &a[2]);
        break;
    case sys::FWSTAT:
        a[0] = fd(Writable);
        stat_entry(&a[1], &a[2]);
        break;
    case sys::MOUNT:
        a[0] = fd(Writable);
        a[1] = one_in(2) ? -1ul : fd(Writable);
        a[2] = name(Look);
        a[3] = one_in(4) ? integer() : below(MMASK + 1);
        a[4] = name(Look);
        break;
    case sys::PREAD:
    case sys::PWRITE: {
        vlong off = offset();
        a[0] = fd(c->n == sys::PREAD ? Readable : Writable);
        buffer(&a[1], &a[2]);
        a[3] = (ulong)off;
        a[4] = (ulong)(off >> 32);
        break;
    }
    }
    return true;
}

// Updates what we know of our fds after call c returned r.
void account(const Call& c, long r)
{
    switch (c.n) {
    case sys::OPEN:
    case sys::CREATE:
    case sys::FAUTH:
        if (r >= 0)
            track(r, classify(r));
        break;
    case sys::DUP:
        if (r >= 0)
            track(r, c.a[0] < Maxfd && fds[c.a[0]] != Closed ? fds[c.a[0]] : classify(r));
        break;
    case sys::PIPE:
        if (r >= 0 && in_scratch(c.a[0], 8)) {
            auto* p = (int*)(uintptr)c.a[0];
            track(p[0], Open);
            track(p[1], Open);
        } else {
            sweep();  // where the fds went is unknown
        }
        break;
    case sys::CLOSE:
        if (r >= 0 && c.a[0] < Maxfd)
            fds[c.a[0]] = Closed;
        break;
    }
}

bool verbose;
long failures;

long make(const Call& c)
{
    if (verbose)
        print("call %lud %#lux %#lux %#lux %#lux %#lux %#lux\n", c.n, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4],
            c.a[5]);
    long r = rawsys(c.n, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4], c.a[5]);
    account(c, r);
    return r;
}

void fuzz(long calls)
{
    for (long i = 0; i < calls;) {
        Call c{below(sys::NSYSCALL), {}};
        if (!shape(&c))
            continue;
        make(c);
        i++;
    }
}

// A forked fuzzer: its own fd table (copied or empty), perhaps its own name space; it
// makes a few calls and exits, and the parent reaps it before going on, so await and
// rendezvous still find no partner.
void child()
{
    Call c{sys::RFORK, {rfork_flags(true)}};
    ulong seed = rnd();
    long pid = rawsys(c.n, c.a[0], 0, 0, 0, 0, 0);
    if (pid < 0)
        return;
    if (pid == 0) {
        state = seed | 1;
        if (c.a[0] & RFCFDG) {
            verbose = false;  // fd 1 may become anything
            memset(fds, Closed, sizeof fds);
        }
        fuzz(Childcalls);
        exits(nullptr);
    }
    if (verbose)
        print("child %ld rfork %#lux\n", pid, c.a[0]);
    for (;;) {
        Waitmsg* w = wait();
        if (w == nullptr) {
            print("sysfuzz: wait for child %ld: %r\n", pid);
            failures++;
            return;
        }
        bool ours = w->pid == pid;
        if (ours && w->msg[0] != 0) {
            print("sysfuzz: child %ld (rfork %#lux): %s\n", pid, c.a[0], w->msg);
            failures++;
        }
        free(w);
        if (ours)
            return;
    }
}

// Puts scratch at the top of the heap, ending at a page boundary with the page above
// unmapped, and leaves heap enough free below it that malloc never moves the break.
void setup_memory()
{
    free(malloc(Reserve));
    uintptr top = ((uintptr)sbrk(0) + Page - 1) & ~(Page - 1);
    if (brk((void*)(top + Scratchsize)) < 0)
        sysfatal("brk: %r");
    scratch = (uchar*)top;
    edge = (char*)(top + Scratchsize);
    if ((ulong)(uintptr)edge >= Unmapped)
        sysfatal("heap reaches %#lux", (ulong)(uintptr)edge);
}

void setup_names()
{
    memset(longname, 'x', sizeof longname - 1);
    longname[0] = '/';
    for (usize i = 0; i + 2 < sizeof deepname; i += 2)
        memmove(deepname + i, "a/", 2);
    memset(hugename, 'h', sizeof hugename - 1);
    static const char* const files[] = {"status", "ns", "note", "ctl"};
    int pid = getpid();
    for (int i = 0; i < 4; i++) {
        snprint(selfproc[i], sizeof selfproc[i], "/proc/%d/%s", pid, files[i]);
        snprint(initproc[i], sizeof initproc[i], "/proc/1/%s", files[i]);
    }
}

[[noreturn]] void usage()
{
    fprint(2, "usage: sysfuzz [-v] [-s seed] [-n calls]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "sysfuzz";
    ulong seed = 1;
    long calls = 100000;
    ARGBEGIN {
    case 'v':
        verbose = true;
        break;
    case 's':
        seed = strtoul(EARGF(usage()), nullptr, 0);
        break;
    case 'n':
        calls = strtol(EARGF(usage()), nullptr, 0);
        break;
    default:
        usage();
    } ARGEND
    if (argc != 0 || calls < 0)
        usage();

    // Our own groups: binds, env changes, srv removals and notes stay ours.
    if (rfork(RFNAMEG | RFENVG | RFNOTEG | RFCSRVG) < 0)
        sysfatal("rfork: %r");
    state = ((uvlong)seed << 1 | 1) * 0x9E3779B97F4A7C15ULL;
    setup_memory();
    setup_names();
    for (int i = 0; i < 3; i++)
        fds[i] = Open;  // the console: neither read (it blocks) nor written

    sweep();  // an fd inherited from whoever started us could be a pipe
    for (long done = 1; done <= calls; done++) {
        if (one_in(Childevery))
            child();
        else
            fuzz(1);
        if (done % Sweepevery == 0)
            sweep();
        if (done % Progress == 0)
            print("sysfuzz: %ld calls\n", done);
    }
    if (failures) {
        print("sysfuzz: %ld calls, seed %lud, %ld failures\n", calls, seed, failures);
        exits("failures");
    }
    print("sysfuzz: %ld calls, seed %lud, ok\n", calls, seed);
    exits(nullptr);
}
