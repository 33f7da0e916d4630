// Checks on what a 9P server says, before the mount driver believes any of it: a reply
// must answer its request (type, tag), and its counts must stay within what was asked.
// Pure functions over decoded messages, shared with the host tests and the fuzzer.
#pragma once
#include <cstdint>
#include "lib9/fcall.h"

// nullptr if r is an acceptable reply to t (an Rerror always is), else the error the
// caller gets instead.
const char* mnt_check(const Fcall& t, const Fcall& r);
// nullptr if r is an acceptable answer to a Tversion offering msize and version.
const char* mnt_check_version(const Fcall& r, uint32_t msize, const char* version);
// nullptr if buf[0..n) is whole, well-formed directory entries (a directory read).
const char* mnt_check_dirs(const uint8_t* buf, uint32_t n);
