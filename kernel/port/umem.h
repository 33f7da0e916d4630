// Access to the current process's user memory from system calls. Every user address a
// system call receives is checked here before the kernel touches it: inside the
// caller's segments, with the access the call needs, and not wrapping. A bad address is
// an error return (Plan 9 posts a note too; notes arrive with the namespace work).
#pragma once
#include <cstdint>
#include "port/result.h"

Result<void> validaddr(uint32_t va, uint32_t len, bool write);
// Copy the NUL-terminated user string at va into dst[0..n); too long is Elongname.
Result<void> copy_user_string(char* dst, uint32_t n, uint32_t va);

template <typename T = void>
T* uptr(uint32_t va) { return reinterpret_cast<T*>(va); }
