// The serving loop for user programs: whole messages from a file descriptor into a Conn,
// replies written back. A message may arrive in pieces (a pipe or a network stream), so
// the size field is read first and the rest collected after it. A size field the buffer
// cannot hold ends the connection: there is no way to find the next message after it. A
// note (an alarm) interrupting the wait is handed to the server's wakeup, and the partly
// read message is kept.
#include "libc.h"
#include "lib9p/serve.h"

namespace {

struct Out {
    int fd;
    bool broken;
};

// With chatty9p: the message msg[0..n) on standard error, marked with dir.
void chat(const char* dir, const uint8_t* msg, size_t n)
{
    Fcall f;
    char* s = convM2S(msg, n, &f) == n ? fcallstr(&f) : nullptr;
    fprint(2, "%s %s\n", dir, s ? s : "(malformed)");
    free(s);
}

// chat for a reply in two pieces (Conn::Send), put together for decoding.
void chat2(const char* dir, const uint8_t* msg, size_t n, const uint8_t* data, size_t ndata)
{
    auto* whole = static_cast<uint8_t*>(malloc(n + ndata));
    if (!whole)
        return;
    memmove(whole, msg, n);
    memmove(whole + n, data, ndata);
    chat(dir, whole, n + ndata);
    free(whole);
}

// A reply in two pieces takes two writes: every reader of 9P takes a message by its size
// field however the stream is cut, and the server's data is not copied again to join them.
void sendfd(void* arg, const uint8_t* msg, size_t n, const uint8_t* data, size_t ndata)
{
    Out* out = static_cast<Out*>(arg);
    if (chatty9p) {
        char dir[16];
        snprint(dir, sizeof dir, "-%d->", out->fd);
        chat2(dir, msg, n, data, ndata);
    }
    if (out->broken)
        return;
    if (write(out->fd, msg, long(n)) != long(n) || (ndata && write(out->fd, data, long(ndata)) != long(ndata)))
        out->broken = true;
}

// Reads from fd until buf holds want bytes; *have counts those already there, so a call
// interrupted by a note can be repeated. Returns want, 0 at end of file, or -1.
long fill(int fd, uint8_t* buf, long want, long* have)
{
    while (*have < want) {
        long n = read(fd, buf + *have, want - *have);
        if (n <= 0)
            return n;
        *have += n;
    }
    return want;
}

// read9pmsg that keeps its place across an interrupted read in *have (0 to start).
long readmsg(int fd, uint8_t* buf, uint32_t max, long* have)
{
    long n = fill(fd, buf, 4, have);
    if (n > 0) {
        uint32_t size = msg_size(buf);
        if (size < 7 || size > max) {
            *have = 0;
            werrstr("bad length in 9P2000 message header");
            return -1;
        }
        n = fill(fd, buf, long(size), have);
    }
    if (n == 0 && *have > 0) {
        werrstr("%s", Eshort);
        n = -1;
    }
    if (n > 0)
        *have = 0;
    return n;
}

bool interrupted()
{
    char e[ERRMAX];
    rerrstr(e, sizeof e);
    return strcmp(e, Eintr) == 0;
}

}  // namespace

int chatty9p;

long read9pmsg(int fd, uint8_t* buf, uint32_t max)
{
    long have = 0;
    return readmsg(fd, buf, max, &have);
}

int srv(Srv* s, int infd, int outfd)
{
    Out out{outfd, false};
    Conn c(s, sendfd, &out);
    uint8_t* buf = new uint8_t[s->msize];
    long n, have = 0;
    for (;;) {
        n = readmsg(infd, buf, s->msize, &have);
        if (n < 0 && s->wakeup && interrupted()) {
            s->wakeup(s);
            continue;
        }
        if (n <= 0 || out.broken)
            break;
        if (chatty9p) {
            char dir[16];
            snprint(dir, sizeof dir, "<-%d-", infd);
            chat(dir, buf, size_t(n));
        }
        c.input(buf, size_t(n));
    }
    delete[] buf;
    // A reply that cannot be written means the client has gone (a mount hangs up without
    // waiting for the Rclunk of its last fid): the end of the conversation, not an error.
    return n < 0 && !out.broken ? -1 : 0;
}

int postfd(const char* name, int fd)
{
    char path[NAMEMAX + 8];
    snprint(path, sizeof path, "/srv/%s", name);
    int sfd = create(path, OWRITE, 0600);
    if (sfd < 0)
        return -1;
    int r = fprint(sfd, "%d", fd) < 0 ? -1 : 0;
    close(sfd);
    return r;
}

int postmountsrv(Srv* s, const char* name, const char* mtpt, int flag)
{
    int p[2];
    if (pipe(p) < 0)
        return -1;
    if (name && postfd(name, p[0]) < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    // The server gets its own name space, so that it cannot see (and deadlock on) its own
    // mount, and its own note group, so that an interrupt meant for the shell spares it.
    int pid = rfork(RFPROC | RFFDG | RFNAMEG | RFNOTEG | RFNOWAIT);
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        close(p[0]);
        srv(s, p[1], p[1]);
        exits(nullptr);
    }
    close(p[1]);
    int r = mtpt && mount(p[0], -1, mtpt, flag, "") < 0 ? -1 : pid;
    close(p[0]);
    return r;
}
