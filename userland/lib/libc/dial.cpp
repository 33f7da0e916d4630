// Network connections by name (Plan 9's dial(2)): netmkaddr completes an address, dial
// asks the connection server (/net/cs) what clone files and connect messages an address
// means and tries each until one connects, returning the open data file. Until Myrmex
// has a network there is no /net/cs, and dial fails saying so.
#include "libc.h"

namespace {

// Connect through one clone file: clone is "/net/tcp/clone", msg "connect 1.2.3.4!564".
int call(const char* clone, const char* msg, char* dir, int* cfdp)
{
    int cfd = open(clone, ORDWR);
    if (cfd < 0)
        return -1;
    char num[32];
    long n = read(cfd, num, sizeof num - 1);
    if (n <= 0) {
        close(cfd);
        return -1;
    }
    num[n] = 0;
    char conn[128];
    const char* slash = strrchr(clone, '/');
    snprint(conn, sizeof conn, "%.*s/%s", int(slash - clone), clone, num);
    if (write(cfd, msg, strlen(msg)) < 0) {
        close(cfd);
        return -1;
    }
    char data[160];
    snprint(data, sizeof data, "%s/data", conn);
    int fd = open(data, ORDWR);
    if (fd < 0) {
        close(cfd);
        return -1;
    }
    if (dir)
        strcpy(dir, conn);
    if (cfdp)
        *cfdp = cfd;
    else
        close(cfd);
    return fd;
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
        int fd = call(line, msg, dir, cfdp);
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
