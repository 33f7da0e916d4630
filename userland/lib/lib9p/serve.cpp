// The serving loop for user programs: whole messages from a file descriptor into a Conn,
// replies written back. A message may arrive in pieces (a pipe or a network stream), so
// the size field is read first and the rest collected with readn. A size field the buffer
// cannot hold ends the connection: there is no way to find the next message after it.
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

void sendfd(void* arg, const uint8_t* msg, size_t n)
{
    Out* out = static_cast<Out*>(arg);
    if (chatty9p) {
        char dir[16];
        snprint(dir, sizeof dir, "-%d->", out->fd);
        chat(dir, msg, n);
    }
    if (!out->broken && write(out->fd, msg, long(n)) != long(n))
        out->broken = true;
}

}  // namespace

int chatty9p;

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
        werrstr("bad length in 9P2000 message header");
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
    Out out{outfd, false};
    Conn c(s, sendfd, &out);
    uint8_t* buf = new uint8_t[s->msize];
    long n;
    while ((n = read9pmsg(infd, buf, s->msize)) > 0 && !out.broken) {
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
