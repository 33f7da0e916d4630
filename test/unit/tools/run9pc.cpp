// The 9pc runner (run9pc.h). One poll loop moves every byte: 9pc's input in, its output and
// errors out, and its 9P messages through a Conn, so a run needs no threads and cannot
// block on a full pipe. A run that has not finished in a minute is killed and fails.
#include "run9pc.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

constexpr auto Limit = std::chrono::seconds(60);

// fd moved above the descriptors 9pc is given, close-on-exec, so that dup2 onto 0-3
// never finds it already there (which would leave it close-on-exec in 9pc).
int high(int fd)
{
    REQUIRE(fd >= 0);
    int h = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    REQUIRE(h >= 0);
    close(fd);
    return h;
}

void nonblocking(int fd)
{
    REQUIRE(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0);
}

void closefd(int& fd)
{
    if (fd >= 0)
        close(fd);
    fd = -1;
}

// A listening socket for 9pc to dial, and the address that reaches it.
int listener(Via via, const std::string& dir, std::string* addr)
{
    if (via == Via::Tcp) {
        int fd = high(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        sockaddr_in sa {};
        sa.sin_family = AF_INET;
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof sa;
        REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&sa), len) == 0);
        REQUIRE(listen(fd, 1) == 0);
        REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len) == 0);
        *addr = "tcp!127.0.0.1!" + std::to_string(ntohs(sa.sin_port));
        return fd;
    }
    int fd = high(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_un sa {};
    sa.sun_family = AF_UNIX;
    std::string path = dir + "/memfs";
    std::strcpy(sa.sun_path, path.c_str());
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0);
    REQUIRE(listen(fd, 1) == 0);
    *addr = "unix!" + path;
    return fd;
}

struct Server {
    Server(Run* r, std::function<void(std::vector<uint8_t>&)>* m) : run(r), mangle(m) {}

    Run* run;
    std::function<void(std::vector<uint8_t>&)>* mangle;
    std::vector<uint8_t> out;  // replies not yet written
    bool hangup = false;  // mangle emptied a reply: close the connection

    static void sink(void* arg, const uint8_t* msg, size_t n, const uint8_t* data, size_t ndata)
    {
        auto* s = static_cast<Server*>(arg);
        std::vector<uint8_t> r(msg, msg + n);
        r.insert(r.end(), data, data + ndata);
        if (*s->mangle)
            (*s->mangle)(r);
        if (r.empty())
            s->hangup = true;
        s->out.insert(s->out.end(), r.begin(), r.end());
    }

    // Feeds the whole messages at the front of in to c; false if the stream is garbage.
    bool input(Conn& c, std::vector<uint8_t>& in)
    {
        while (in.size() >= 4) {
            uint32_t size = msg_size(in.data());
            if (size < 7 || size > (1u << 24))
                return false;
            if (in.size() < size)
                break;
            std::vector<uint8_t>& msg = run->keep.emplace_back(in.begin(), in.begin() + size);
            in.erase(in.begin(), in.begin() + size);
            Fcall f;
            if (convM2S(msg.data(), msg.size(), &f) == msg.size())
                run->requests.push_back(f);
            c.input(msg.data(), msg.size());
        }
        return true;
    }
};

// Reads what is there into s; false (and fd closed) at the end.
bool drain(int& fd, std::string& s)
{
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return true;
    if (n <= 0) {
        closefd(fd);
        return false;
    }
    s.append(buf, size_t(n));
    return true;
}

}  // namespace

Run Run9pc::operator()(std::vector<std::string> args)
{
    std::signal(SIGPIPE, SIG_IGN);
    Run run;
    char tmpl[] = "/tmp/run9pc.XXXXXX";
    REQUIRE(mkdtemp(tmpl));
    std::string dir = tmpl;

    int sock = -1, child = -1, lfd = -1;
    std::string addr;
    if (via == Via::Fd) {
        int sv[2];
        REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
        sock = high(sv[0]);
        child = high(sv[1]);
        addr = "fd!3";
    } else {
        lfd = listener(via, dir, &addr);
    }
    std::vector<std::string> argv = {NINEPC};
    if (via != Via::Namespace) {
        argv.push_back("-a");
        argv.push_back(addr);
    }
    argv.insert(argv.end(), args.begin(), args.end());

    int in[2], out[2], err[2];
    REQUIRE(pipe2(in, O_CLOEXEC) == 0);
    REQUIRE(pipe2(out, O_CLOEXEC) == 0);
    REQUIRE(pipe2(err, O_CLOEXEC) == 0);
    for (int* fd : {&in[0], &in[1], &out[0], &out[1], &err[0], &err[1]})
        *fd = high(*fd);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    if (child >= 0)
        posix_spawn_file_actions_adddup2(&fa, child, 3);
    std::vector<char*> cargv;
    for (std::string& a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    std::vector<std::string> env;
    for (char** e = environ; *e; e++)
        if (std::strncmp(*e, "NAMESPACE=", 10) != 0)
            env.push_back(*e);
    env.push_back("NAMESPACE=" + dir);
    std::vector<char*> cenv;
    for (std::string& e : env)
        cenv.push_back(e.data());
    cenv.push_back(nullptr);
    pid_t pid;
    REQUIRE(posix_spawn(&pid, NINEPC, &fa, nullptr, cargv.data(), cenv.data()) == 0);
    posix_spawn_file_actions_destroy(&fa);
    closefd(in[0]);
    closefd(out[1]);
    closefd(err[1]);
    closefd(child);
    nonblocking(in[1]);
    if (sock >= 0)
        nonblocking(sock);

    Server srvstate(&run, &mangle);
    std::unique_ptr<Conn> conn;
    if (sock >= 0)
        conn = std::make_unique<Conn>(srv, Server::sink, &srvstate);
    std::vector<uint8_t> inbuf;
    size_t fed = 0;
    if (input.empty())
        closefd(in[1]);
    auto deadline = std::chrono::steady_clock::now() + Limit;
    while (out[0] >= 0 || err[0] >= 0 || sock >= 0) {
        std::vector<pollfd> p;
        auto watch = [&](int fd, short ev) {
            if (fd >= 0)
                p.push_back(pollfd{fd, ev, 0});
        };
        watch(out[0], POLLIN);
        watch(err[0], POLLIN);
        watch(in[1], POLLOUT);
        watch(lfd, POLLIN);
        watch(sock, short(POLLIN | (srvstate.out.empty() ? 0 : POLLOUT)));
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        int n = poll(p.data(), p.size(), int(std::max<long>(left.count(), 0)));
        if (n == 0) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
            FAIL("9pc did not finish; stderr so far: " << run.err);
        }
        REQUIRE((n > 0 || errno == EINTR));
        for (const pollfd& q : p) {
            if (!q.revents)
                continue;
            if (q.fd == out[0])
                drain(out[0], run.out);
            else if (q.fd == err[0])
                drain(err[0], run.err);
            else if (q.fd == in[1]) {
                ssize_t w = write(in[1], input.data() + fed, input.size() - fed);
                if (w > 0)
                    fed += size_t(w);
                if (w < 0 || fed == input.size())
                    closefd(in[1]);
            } else if (q.fd == lfd) {
                sock = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
                REQUIRE(sock >= 0);
                nonblocking(sock);
                closefd(lfd);
                conn = std::make_unique<Conn>(srv, Server::sink, &srvstate);
            } else if (q.fd == sock) {
                if (q.revents & POLLOUT) {
                    ssize_t w = write(sock, srvstate.out.data(), srvstate.out.size());
                    if (w > 0)
                        srvstate.out.erase(srvstate.out.begin(), srvstate.out.begin() + w);
                }
                uint8_t buf[8192];
                ssize_t r = (q.revents & (POLLIN | POLLHUP | POLLERR)) ? read(sock, buf, sizeof buf) : 1;
                if (r < 0 && (errno == EAGAIN || errno == EINTR))
                    continue;
                if (r <= 0) {
                    closefd(sock);
                    continue;
                }
                if (q.revents & POLLIN) {
                    inbuf.insert(inbuf.end(), buf, buf + r);
                    if (!srvstate.input(*conn, inbuf) || (srvstate.hangup && srvstate.out.empty()))
                        closefd(sock);
                }
            }
        }
        if (srvstate.hangup && srvstate.out.empty())
            closefd(sock);
    }
    closefd(in[1]);
    closefd(lfd);
    conn.reset();
    int status;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    unlink((dir + "/memfs").c_str());
    rmdir(dir.c_str());
    return run;
}
