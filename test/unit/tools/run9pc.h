// Runs the 9pc command against a lib9p server inside the test: 9pc is spawned with its
// standard input, output and error on pipes, and its 9P connection (a socketpair on fd 3,
// a Unix socket, a TCP socket on 127.0.0.1, or a service in $NAMESPACE) is served by a
// Conn of the given Srv in this process, in one poll loop, until 9pc exits.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "lib9/fcall.h"
#include "lib9p/9p.h"

struct Run {
    int status = -1;  // exit status, or 128 + signal
    std::string out, err;
    std::vector<Fcall> requests;  // every T-message the server received (bytes in `keep`)
    std::vector<std::vector<uint8_t>> keep;
};

enum class Via { Fd, Unix, Tcp, Namespace };

struct Run9pc {
    explicit Run9pc(Srv* s) : srv(s) {}

    Srv* srv;
    Via via = Via::Fd;
    std::string input;  // 9pc's standard input
    // Called with each reply before it goes out; may change its bytes (or empty them to
    // send nothing and hang up).
    std::function<void(std::vector<uint8_t>&)> mangle;

    // Runs `9pc -a ADDRESS args...` (without -a for Via::Namespace, whose service is
    // called "memfs": paths start with "memfs/").
    Run operator()(std::vector<std::string> args);
};
