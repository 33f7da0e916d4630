// Network connections by name (Plan 9's dial(2)). netmkaddr completes an address; dial
// and announce ask the connection server (/net/cs) what clone files and messages an
// address means and try each until one works. A conversation is a directory of its
// network (/net/tcp/4): its ctl file takes the messages, its data file carries the
// bytes. announce returns the ctl of a conversation that waits for calls; listen waits
// for one (opening the listen file) and returns the ctl of the new conversation; accept
// opens its data, reject refuses it.
#include "libc.h"

namespace {

constexpr int Maxpath = NETPATHLEN;

// Opens file (NET/clone, or NET/N/listen, which waits for a call), the ctl of a
// conversation, and reads its number: conv gets NET/number, NET being net[0..netlen).
int open_conv(const char* file, const char* net, int netlen, char* conv)
{
    int cfd = open(file, ORDWR);
    if (cfd < 0)
        return -1;
    char num[32];
    long n = read(cfd, num, sizeof num - 1);
    if (n <= 0) {
        close(cfd);
        return -1;
    }
    num[n] = 0;
    snprint(conv, Maxpath, "%.*s/%s", netlen, net, num);
    return cfd;
}

// Through one clone file ("/net/tcp/clone"): a new conversation, told msg ("connect
// 1.2.3.4!564", "announce 564"). Returns its ctl and puts its directory in conv.
int converse(const char* clone, const char* msg, char* conv)
{
    const char* slash = strrchr(clone, '/');
    int cfd = open_conv(clone, clone, slash ? int(slash - clone) : 0, conv);
    if (cfd < 0)
        return -1;
    if (write(cfd, msg, strlen(msg)) < 0) {
        close(cfd);
        return -1;
    }
    return cfd;
}

// Asks /net/cs about addr and calls try(clone, msg) on each answer until one returns a
// file descriptor; the error is the last answer's.
template<class Try>
int each_translation(const char* addr, Try try_one)
{
    int cs = open("/net/cs", ORDWR);
    if (cs < 0) {
        werrstr("can't translate address: no connection server (/net/cs): %r");
        return -1;
    }
    if (write(cs, addr, strlen(addr)) < 0) {
        close(cs);
        return -1;
    }
    seek(cs, 0, 0);
    char line[256];
    long n;
    char err[ERRMAX] = "can't translate address";
    while ((n = read(cs, line, sizeof line - 1)) > 0) {
        line[n] = 0;
        char* msg = strchr(line, ' ');
        if (!msg)
            continue;
        *msg++ = 0;
        int fd = try_one(line, msg);
        if (fd >= 0) {
            close(cs);
            return fd;
        }
        rerrstr(err, sizeof err);
    }
    close(cs);
    werrstr("%s", err);
    return -1;
}

// The conversation number at the end of dir ("/net/tcp/4": "4").
const char* convnum(const char* dir)
{
    const char* slash = strrchr(dir, '/');
    return slash ? slash + 1 : dir;
}

}  // namespace

char* netmkaddr(const char* addr, const char* defnet, const char* defservice)
{
    static char buf[256];
    const char* bang = strchr(addr, '!');
    if (!bang) {  // host
        snprint(buf, sizeof buf, "%s!%s%s%s", defnet ? defnet : "net", addr, defservice ? "!" : "",
            defservice ? defservice : "");
    } else if (!strchr(bang + 1, '!') && defservice) {  // net!host
        snprint(buf, sizeof buf, "%s!%s", addr, defservice);
    } else {
        snprint(buf, sizeof buf, "%s", addr);
    }
    return buf;
}

int dial(const char* addr, const char* local, char* dir, int* cfdp)
{
    (void)local;  // choosing the local address is not supported yet
    return each_translation(addr, [&](const char* clone, const char* where) {
        char conv[Maxpath], msg[Maxpath + 16], data[Maxpath + 8];
        snprint(msg, sizeof msg, "connect %s", where);
        int cfd = converse(clone, msg, conv);
        if (cfd < 0)
            return -1;
        snprint(data, sizeof data, "%s/data", conv);
        int fd = open(data, ORDWR);
        if (fd < 0) {
            close(cfd);
            return -1;
        }
        if (dir)
            strcpy(dir, conv);
        if (cfdp)
            *cfdp = cfd;
        else
            close(cfd);
        return fd;
    });
}

int announce(const char* addr, char* dir)
{
    return each_translation(addr, [&](const char* clone, const char* where) {
        char conv[Maxpath], msg[Maxpath + 16];
        snprint(msg, sizeof msg, "announce %s", where);
        int cfd = converse(clone, msg, conv);
        if (cfd >= 0 && dir)
            strcpy(dir, conv);
        return cfd;
    });
}

int listen(const char* dir, char* newdir)
{
    char path[Maxpath + 8];
    snprint(path, sizeof path, "%s/listen", dir);
    const char* slash = strrchr(dir, '/');
    return open_conv(path, dir, slash ? int(slash - dir) : 0, newdir);
}

int accept(int ctl, const char* dir)
{
    char msg[64], data[Maxpath + 8];
    snprint(msg, sizeof msg, "accept %s", convnum(dir));
    write(ctl, msg, strlen(msg));  // a network that needs no accept may refuse it
    snprint(data, sizeof data, "%s/data", dir);
    return open(data, ORDWR);
}

int reject(int ctl, const char* dir, const char* cause)
{
    char msg[ERRMAX + 32];
    snprint(msg, sizeof msg, "reject %s %s", convnum(dir), cause ? cause : "rejected");
    return write(ctl, msg, strlen(msg)) < 0 ? -1 : 0;
}
