// Where 9pc finds its server: Plan 9 network addresses turned into file descriptors.
//   unix!PATH            a Unix-domain stream socket
//   tcp!HOST!PORT        TCP (tcp!HOST and a bare HOST mean port 564, Plan 9's 9fs)
//   fd!N                 descriptor N, already open, both ways (a serial line, a socketpair)
//   -                    standard input and output, already open
#pragma once
#include <string>

struct Conn {
    int rfd = -1;
    int wfd = -1;
    bool stdio = false;  // the connection is fds 0 and 1
    bool owned = false;  // dial made the socket, so hangup closes it
};

// Connects to addr: true, or false with the reason in *err.
bool dial(const std::string& addr, Conn* c, std::string* err);
// Closes what dial opened (descriptors that were already open stay open).
void hangup(Conn& c);
// The address of a service posted in the name space directory, as plan9port's 9p finds
// it when no address is given: $NAMESPACE, else /tmp/ns.$USER.$DISPLAY.
std::string nsaddr(const std::string& service);
