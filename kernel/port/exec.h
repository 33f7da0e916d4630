// Loading a program into a process (exec, and process 1 at boot).
#pragma once
#include <cstdint>
#include "port/result.h"

struct Proc;

// Replace p's address space with the program at path, started with the argc strings
// packed NUL-terminated in args[0..argslen). On error p is unchanged.
Result<void> exec_image(Proc* p, const char* path, const char* args, int argc, uint32_t argslen);
