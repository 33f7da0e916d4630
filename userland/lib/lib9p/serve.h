// Serving 9P on file descriptors (Plan 9's srv and postmountsrv from 9p(2); postfd is in
// libc), for user programs: these make system calls, unlike the rest of lib9p.
#pragma once
#include "lib9p/9p.h"

// Reads one 9P message into buf[0..max): the size field first, then the rest, however
// many reads it takes. Returns its length, 0 at end of file, or -1 on an error or a size
// field that is too small or above max.
long read9pmsg(int fd, uint8_t* buf, uint32_t max);
// A reader of 9P messages that takes them by their size fields out of whatever each read
// returns (one read per message that arrives whole) and keeps a partly read one when a
// note interrupts a read. buf holds max bytes, the largest message accepted.
struct Msgreader {
    uint8_t* buf;
    uint32_t max;
    long start = 0;  // buf[start, have) was read and not yet taken
    long have = 0;
};
// The next whole message of in (reading more from fd as needed) in *msg, valid until the
// next call; returns its length, 0 at end of file, or -1 (after an interrupted read, call
// again to go on).
long readmsg(int fd, Msgreader* in, uint8_t** msg);
// Serves one client on infd/outfd until end of file or an I/O error; returns 0 or -1.
int srv(Srv* s, int infd, int outfd);
// Starts a server process on one end of a new pipe, posts the other as /srv/name unless
// name is nil, and mounts it on mtpt with flag (MREPL, MCREATE, ...) unless mtpt is nil.
// Returns the server's pid, or -1 with the error in errstr (the server may be running:
// a failed mount leaves a posted server in place).
int postmountsrv(Srv* s, const char* name, const char* mtpt, int flag);
// Serves the calls to dir, a conversation announce(2) made: a listener process sharing
// the caller's memory takes each call and starts another that serves it as srv does (a
// Conn of its own, Srv::lock keeping them apart), so every client reaches the same files.
// Returns the listener's pid, or -1 with the error in errstr.
int servecalls(Srv* s, const char* dir);
// Set chatty9p and srv reports every message it receives ("<-fd- ...") and sends
// ("-fd-> ...") on standard error, as fcallstr renders it.
extern int chatty9p;
// The message f as text, as Plan 9's fcallfmt prints it; malloc'd (free it), or nil.
char* fcallstr(const Fcall* f);
