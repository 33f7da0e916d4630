// x86 port I/O and a few privileged instructions.
#pragma once
#include <cstdint>

inline uint8_t inb(uint16_t port) { uint8_t v; asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
inline void outb(uint16_t port, uint8_t v) { asm volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
inline void outw(uint16_t port, uint16_t v) { asm volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
inline void wrmsr(uint32_t msr, uint32_t v) { asm volatile("wrmsr" : : "c"(msr), "a"(v), "d"(0)); }
inline uint32_t getcr0() { uint32_t v; asm volatile("mov %%cr0, %0" : "=r"(v)); return v; }
inline void putcr0(uint32_t v) { asm volatile("mov %0, %%cr0" : : "r"(v)); }
inline uint32_t getcr2() { uint32_t v; asm volatile("mov %%cr2, %0" : "=r"(v)); return v; }
inline uint32_t getcr3() { uint32_t v; asm volatile("mov %%cr3, %0" : "=r"(v)); return v; }
inline void putcr3(uint32_t v) { asm volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
inline uint32_t getcr4() { uint32_t v; asm volatile("mov %%cr4, %0" : "=r"(v)); return v; }
inline void putcr4(uint32_t v) { asm volatile("mov %0, %%cr4" : : "r"(v)); }
inline void invlpg(uint32_t va) { asm volatile("invlpg (%0)" : : "r"(va) : "memory"); }
inline uint64_t rdtsc() { uint32_t lo, hi; asm volatile("rdtsc" : "=a"(lo), "=d"(hi)); return (uint64_t)hi << 32 | lo; }
