// ELF32 executable headers: what exec needs from a program file, fully validated.
// Pure logic (no kernel calls) so the host tests can feed it hostile files.
#pragma once
#include <cstddef>
#include <cstdint>

struct ElfLoad {
    uint32_t vaddr;  // where the segment starts in memory
    uint32_t offset;  // of its bytes in the file
    uint32_t filesz;  // bytes taken from the file
    uint32_t memsz;  // bytes in memory; the rest is zero
    bool writable;
    bool executable;
};

constexpr int MAXLOADS = 4;

struct ElfImage {
    uint32_t entry;
    ElfLoad load[MAXLOADS];  // in address order; read-only ones first, at most one writable, last
    int nload;
};

// Checks that file[0..len) is a static i386 executable whose loadable segments lie in
// [lo, hi) and fills img; nullptr on success, else Plan 9's "exec header invalid".
const char* elf_parse(const uint8_t* file, size_t len, uint32_t lo, uint32_t hi, ElfImage* img);
