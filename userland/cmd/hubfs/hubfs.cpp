// hubfs [-Dtz] [-q bytes] [-l maxmsg] [-b bytes/s] [-i ns] [-r s] [-s srvname] [-m mtpt]
// [-a addr]: the hub file server of hubfs(4) (the server itself is hubsrv.cpp). It
// posts itself in /srv, mounts itself, or both, and returns at once, leaving the server
// running in its own process with standard input and output on /dev/null. The rate
// limits hold writes against the clock: an alarm wakes the serving loop when one is due.
#include "libc.h"
#include "lib9p/file.h"
#include "lib9p/serve.h"
#include "hub.h"

namespace {

Hubcfg cfg;
const char* srvname;
char adir[NETPATHLEN];  // the announced conversation, with -a
volatile int64_t due;  // when the earliest write held by the rate limits is due; 0: none

void arm()
{
    int64_t ms = (due - nsec()) / 1'000'000 + 1;
    alarm(ulong(ms < 1 ? 1 : ms));
}

void wake_at(int64_t t)
{
    if (due == 0 || t < due) {
        due = t;
        arm();
    }
}

// An alarm that came while the server was busy, not waiting for a message, interrupted
// nothing: arming again makes sure one interrupts the next wait.
void onnote(void*, char* note)
{
    if (strcmp(note, "alarm") != 0)
        noted(NDFLT);
    if (due)
        arm();
    noted(NCONT);
}

// Network clients are served by other processes sharing this one's memory (servecalls).
void listen_calls(Srv* s)
{
    if (servecalls(s, adir) < 0)
        sysfatal("listen %s: %r", adir);
}

void quit()
{
    if (srvname) {
        char path[NAMEMAX + 8];
        snprint(path, sizeof path, "/srv/%s", srvname);
        remove(path);
    }
    if (adir[0])  // the listener and the processes serving calls go too
        postnote(PNGROUP, getpid(), "kill");
    exits(nullptr);
}

long number(const char* s, long long min, long long max = 0x7fffffff)
{
    char* end;
    long long v = strtoll(s, &end, 10);
    if (*end || v < min || v > max)
        sysfatal("bad number %s", s);
    return long(v);
}

[[noreturn]] void usage()
{
    fprint(2, "usage: hubfs [-Dtz] [-q bytes] [-l maxmsg] [-b bytes/s] [-i ns] [-r s] "
              "[-s srvname] [-m mtpt] [-a addr]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "hubfs";
    const char* mtpt = nullptr;
    const char* addr = nullptr;
    ARGBEGIN {
    case 'D':
        chatty9p = 1;
        break;
    case 't':
        cfg.trunc = true;
        break;
    case 'z':
        cfg.allowtrunc = true;
        break;
    case 'q':
        cfg.bufsize = uint32_t(number(EARGF(usage()), 16, 64 << 20));
        break;
    case 'l':
        cfg.maxmsg = uint32_t(number(EARGF(usage()), 1));
        break;
    case 'b':
        cfg.bps = uint64_t(number(EARGF(usage()), 1));
        break;
    case 'i':
        cfg.mingap = number(EARGF(usage()), 1);
        break;
    case 'r':
        cfg.reset = int64_t(number(EARGF(usage()), 1)) * 1'000'000'000;
        break;
    case 's':
        srvname = EARGF(usage());
        break;
    case 'm':
        mtpt = EARGF(usage());
        break;
    case 'a':
        addr = EARGF(usage());
        break;
    default:
        usage();
    } ARGEND
    if (argc != 0)
        usage();
    if (!srvname && !mtpt && !addr)
        sysfatal("must specify -a, -s, or -m option");
    if (addr) {
        const char* a = netmkaddr(addr, "tcp", nullptr);
        if (announce(a, adir) < 0)
            sysfatal("announce %s: %r", a);
    }
    cfg.name = srvname ? srvname : mtpt;
    cfg.now = nsec;
    cfg.wake_at = wake_at;
    cfg.quit = quit;

    int null = open("/dev/null", ORDWR);
    if (null >= 0) {
        dup(null, 0);
        dup(null, 1);
        if (null > 1)
            close(null);
    }
    notify(onnote);
    Srv* s = hubsrv(&cfg, getuser());
    s->tree->now = [] { return uint32_t(time(nullptr)); };
    if (!srvname && !mtpt) {  // network clients only: the listener is the server
        if (rfork(RFPROC | RFFDG | RFNAMEG | RFNOTEG | RFNOWAIT) == 0)
            listen_calls(s);
        exits(nullptr);
    }
    if (addr)
        s->start = listen_calls;
    if (postmountsrv(s, srvname, mtpt, MREPL | MCREATE) < 0)
        sysfatal("%r");
    exits(nullptr);
}
