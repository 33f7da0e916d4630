// The serving loop for user programs: whole messages from a file descriptor into a Conn,
// replies written back. srv reads as much as its buffer holds and takes messages out of
// it by their size fields, so a message that arrives in one write costs one read, and one
// that arrives in pieces (a network stream) is collected across reads. A long Twrite's
// request may keep the buffer (Conn::input), its data never copied; reading goes on in
// a new one. A size field the
// buffer cannot hold ends the connection: there is no way to find the next message after
// it. A note (an alarm) interrupting the wait is handed to the server's wakeup, and the
// partly read message is kept. Replies may come from other processes (respond in 9p.h):
// sendfd runs under Srv::lock, which keeps a reply's two writes together.
#include "libc.h"
#include "lib9p/serve.h"

namespace {

constexpr char Ebadlength[] = "bad length in 9P2000 message header";

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

// A request kept in's buffer (Conn::input): what is left to take goes to a new one.
void renew(Msgreader* in)
{
    auto* buf = new uint8_t[in->max];
    long left = in->have - in->start;
    memmove(buf, in->buf + in->start, left);
    in->buf = buf;
    in->start = 0;
    in->have = left;
}

bool interrupted()
{
    char e[ERRMAX];
    rerrstr(e, sizeof e);
    return strcmp(e, Eintr) == 0;
}

}  // namespace

int chatty9p;

long readmsg(int fd, Msgreader* in, uint8_t** msg)
{
    for (;;) {
        long avail = in->have - in->start;
        if (avail >= 4) {
            uint32_t size = msg_size(in->buf + in->start);
            if (size < 7 || size > in->max) {
                werrstr("%s", Ebadlength);
                return -1;
            }
            if (avail >= long(size)) {
                *msg = in->buf + in->start;
                in->start += size;
                return long(size);
            }
        }
        if (in->start > 0) {
            memmove(in->buf, in->buf + in->start, avail);
            in->start = 0;
            in->have = avail;
        }
        long n = read(fd, in->buf + in->have, long(in->max) - in->have);
        if (n == 0 && in->have > 0) {
            werrstr("%s", Eshort);
            return -1;
        }
        if (n <= 0)
            return n;
        in->have += n;
    }
}

long read9pmsg(int fd, uint8_t* buf, uint32_t max)
{
    long n = readn(fd, buf, 4);
    if (n <= 0)
        return n;
    if (n < 4) {
        werrstr("%s", Eshort);
        return -1;
    }
    uint32_t size = msg_size(buf);
    if (size < 7 || size > max) {
        werrstr("%s", Ebadlength);
        return -1;
    }
    n = readn(fd, buf + 4, long(size - 4));
    if (n < 0)
        return -1;
    if (n != long(size - 4)) {
        werrstr("%s", Eshort);
        return -1;
    }
    return long(size);
}

int srv(Srv* s, int infd, int outfd)
{
    // Neither the Conn nor sendfd's Out lie on this stack, which is this process's alone:
    // other processes may respond.
    auto* out = new Out{outfd, false};
    auto* c = new Conn(s, sendfd, out);
    Msgreader in{new uint8_t[s->msize], s->msize};
    long n;
    for (;;) {
        uint8_t* msg;
        n = readmsg(infd, &in, &msg);
        if (n < 0 && s->wakeup && interrupted()) {
            s->wakeup(s);
            continue;
        }
        if (n <= 0 || out->broken)
            break;
        if (chatty9p) {
            char dir[16];
            snprint(dir, sizeof dir, "<-%d-", infd);
            chat(dir, msg, size_t(n));
        }
        if (c->input(msg, size_t(n), in.buf))
            renew(&in);
    }
    delete c;
    delete[] in.buf;
    if (s->end)
        s->end(s);
    // A reply that cannot be written means the client has gone (a mount hangs up without
    // waiting for the Rclunk of its last fid): the end of the conversation, not an error.
    bool broken = out->broken;
    delete out;
    return n < 0 && !broken ? -1 : 0;
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
        if (s->start)
            s->start(s);
        srv(s, p[1], p[1]);
        exits(nullptr);
    }
    close(p[1]);
    int r = mtpt && mount(p[0], -1, mtpt, flag, "") < 0 ? -1 : pid;
    close(p[0]);
    return r;
}

int servecalls(Srv* s, const char* dir)
{
    int pid = rfork(RFPROC | RFMEM | RFFDG | RFNOWAIT);
    if (pid != 0)
        return pid;
    for (;;) {
        char ndir[NETPATHLEN];
        int lcfd = listen(dir, ndir);
        if (lcfd < 0)
            sysfatal("listen %s: %r", dir);
        int fd = accept(lcfd, ndir);
        close(lcfd);
        if (fd < 0)
            continue;
        if (rfork(RFPROC | RFMEM | RFFDG | RFNOWAIT) == 0) {
            srv(s, fd, fd);
            exits(nullptr);
        }
        close(fd);
    }
}
