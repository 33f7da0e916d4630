// Dialing (dial.h): a Plan 9 address, split at '!', becomes a connected socket or names
// descriptors already open. Nothing here speaks 9P.
#include "9pc/dial.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

namespace {

std::vector<std::string> fields(const std::string& s)
{
    std::vector<std::string> f;
    size_t i = 0, j;
    while ((j = s.find('!', i)) != std::string::npos) {
        f.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    f.push_back(s.substr(i));
    return f;
}

bool dial_unix(const std::string& path, Conn* c, std::string* err)
{
    sockaddr_un sa {};
    sa.sun_family = AF_UNIX;
    if (path.empty() || path.size() >= sizeof sa.sun_path) {
        *err = "bad unix socket path";
        return false;
    }
    std::memcpy(sa.sun_path, path.c_str(), path.size() + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) < 0) {
        *err = std::strerror(errno);
        if (fd >= 0)
            close(fd);
        return false;
    }
    c->rfd = c->wfd = fd;
    c->owned = true;
    return true;
}

bool dial_tcp(const std::string& host, std::string port, Conn* c, std::string* err)
{
    if (port == "9fs")  // not every host's services file knows it
        port = "564";
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res;
    if (int e = getaddrinfo(host.c_str(), port.c_str(), &hints, &res); e != 0) {
        *err = gai_strerror(e);
        return false;
    }
    int fd = -1;
    for (addrinfo* a = res; a; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) == 0)
            break;
        *err = std::strerror(errno);
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0)
        return false;
    c->rfd = c->wfd = fd;
    c->owned = true;
    return true;
}

bool dial_fd(const std::string& n, Conn* c, std::string* err)
{
    char* end;
    long fd = std::strtol(n.c_str(), &end, 10);
    if (n.empty() || *end || fd < 0 || fd > 1 << 20 || fcntl(int(fd), F_GETFD) < 0) {
        *err = "fd " + n + " is not open";
        return false;
    }
    c->rfd = c->wfd = int(fd);
    return true;
}

}  // namespace

bool dial(const std::string& addr, Conn* c, std::string* err)
{
    *c = Conn {};
    if (addr == "-") {
        c->rfd = 0;
        c->wfd = 1;
        c->stdio = true;
        return true;
    }
    std::vector<std::string> f = fields(addr);
    if (f.size() == 2 && f[0] == "unix")
        return dial_unix(f[1], c, err);
    if (f.size() == 2 && f[0] == "fd")
        return dial_fd(f[1], c, err);
    if (f.size() == 1)
        return dial_tcp(f[0], "564", c, err);
    if ((f.size() == 2 || f.size() == 3) && (f[0] == "tcp" || f[0] == "net"))
        return dial_tcp(f[1], f.size() == 3 ? f[2] : "564", c, err);
    *err = "bad address";
    return false;
}

void hangup(Conn& c)
{
    if (c.owned)
        close(c.rfd);
    c = Conn {};
}

std::string nsaddr(const std::string& service)
{
    std::string dir;
    if (const char* ns = std::getenv("NAMESPACE"); ns && *ns) {
        dir = ns;
    } else {
        const char* user = std::getenv("USER");
        std::string display = std::getenv("DISPLAY") ? std::getenv("DISPLAY") : ":0";
        if (display.size() > 2 && display.compare(display.size() - 2, 2, ".0") == 0)
            display.resize(display.size() - 2);
        dir = std::string("/tmp/ns.") + (user ? user : "none") + "." + display;
    }
    return "unix!" + dir + "/" + service;
}
