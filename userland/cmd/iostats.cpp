// iostats cmd [arg...]: runs cmd with its whole name space seen through a 9P server that
// counts the traffic, and when cmd and its children are done prints, per message type,
// how many requests there were and the bytes that went each way (iostats(4), as in "The
// Use of Name Spaces"). The server is exportfs's (exportsrv.cpp) serving this process's
// name space as it was; cmd gets it mounted on / in a name space of its own.
#include "libc.h"
#include "lib9p/serve.h"
#include "exportsrv.h"

namespace {

struct Counts {
    long requests, bytes_in, bytes_out;
};

Counts counts[Twstat + 1];  // by T-message type
uint8_t tagtype[65536];  // the request type of each outstanding tag
int outfd;

void send_counted(void*, const uint8_t* msg, size_t n, const uint8_t* data, size_t ndata)
{
    uint16_t tag = msg[5] | msg[6] << 8;
    counts[tagtype[tag]].bytes_out += n + ndata;
    write(outfd, msg, long(n));
    if (ndata)
        write(outfd, data, long(ndata));
}

// Whether the last system call was interrupted by a note (the server's alarm).
bool interrupted()
{
    char e[ERRMAX];
    rerrstr(e, sizeof e);
    return strcmp(e, Eintr) == 0;
}

// Serves s on fd until the last reference to the mount goes, counting as it goes. The
// Conn is not on the stack: the server's workers answer through it (see 9p(2)).
void serve_counted(Srv* s, int fd)
{
    outfd = fd;
    auto* c = new Conn(s, send_counted, nullptr);
    Msgreader in{new uint8_t[s->msize], s->msize};
    for (;;) {
        uint8_t* buf;
        long n = readmsg(fd, &in, &buf);
        if (n < 0 && s->wakeup && interrupted()) {
            s->wakeup(s);
            continue;
        }
        if (n <= 0)
            break;
        uint8_t type = buf[4];
        if (type >= Tversion && type <= Twstat && type % 2 == 0) {
            tagtype[buf[5] | buf[6] << 8] = type;
            counts[type].requests++;
            counts[type].bytes_in += n;
        }
        c->input(buf, size_t(n));
    }
    delete c;
    delete[] in.buf;
    s->end(s);
}

const char* const names[] = { "Tversion", "Tauth", "Tattach", "", "Tflush", "Twalk", "Topen", "Tcreate",
    "Tread", "Twrite", "Tclunk", "Tremove", "Tstat", "Twstat" };

void report()
{
    Counts total {};
    fprint(2, "%-10s %8s %12s %12s\n", "message", "count", "bytes in", "bytes out");
    for (int t = Tversion; t <= Twstat; t += 2) {
        Counts& k = counts[t];
        if (k.requests == 0)
            continue;
        fprint(2, "%-10s %8ld %12ld %12ld\n", names[(t - Tversion) / 2], k.requests, k.bytes_in, k.bytes_out);
        total.requests += k.requests;
        total.bytes_in += k.bytes_in;
        total.bytes_out += k.bytes_out;
    }
    fprint(2, "%-10s %8ld %12ld %12ld\n", "total", total.requests, total.bytes_in, total.bytes_out);
}

[[noreturn]] void usage()
{
    fprint(2, "usage: iostats cmd [arg...]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "iostats";
    ARGBEGIN {
    default:
        usage();
    } ARGEND
    if (argc < 1)
        usage();

    int p[2];
    if (pipe(p) < 0)
        sysfatal("pipe: %r");
    int cmd = rfork(RFPROC | RFFDG | RFNAMEG);
    if (cmd < 0)
        sysfatal("rfork: %r");
    if (cmd == 0) {
        close(p[1]);
        if (mount(p[0], -1, "/", MREPL, "") < 0)
            sysfatal("mount: %r");
        close(p[0]);
        execbin(argv);
        sysfatal("exec %s: %r", argv[0]);
    }
    close(p[0]);
    char root[] = "/";
    serve_counted(exportsrv(root), p[1]);  // until cmd's name space, the only mount, is gone
    Waitmsg* w;
    while ((w = wait()) == nullptr && interrupted()) {
        // a late alarm of the server's interrupted the wait
    }
    report();
    exits(w && w->msg[0] ? "cmd" : nullptr);
}
