// The registers saved on every trap, in the order l.asm pushes them (Plan 9's 386 Ureg).
#pragma once
#include <cstdint>

struct Ureg {
    uint32_t di, si, bp, nsp, bx, dx, cx, ax;  // pusha
    uint32_t gs, fs, es, ds;
    uint32_t trap, ecode;
    uint32_t pc, cs, flags;  // pushed by the CPU
    uint32_t sp, ss;  // pushed by the CPU only when coming from user mode
};

inline bool user_mode(const Ureg* u) { return (u->cs & 3) == 3; }
