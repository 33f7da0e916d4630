// Environment groups (Plan 9's Egrp): the variables a process sees in #e, shared between
// processes unless rfork copies (RFENVG) or empties (RFCENVG) them.
#pragma once
#include <cstdint>

struct Evalue {
    char* name;
    char* value;  // not NUL-terminated: values are byte strings (rc keeps lists NUL-separated)
    uint32_t len;
    uint64_t path;  // qid path, unique for the life of the kernel
    uint32_t vers;  // bumped by every write
    Evalue* next;
};

struct Egrp {
    int ref = 1;
    Evalue* list = nullptr;  // in creation order
    int count = 0;
    uint32_t bytes = 0;  // of all values, against MAXENVBYTES
};

constexpr uint32_t MAXENVBYTES = 4u << 20;  // per group: the kernel heap is not a disk
constexpr int MAXENVVARS = 4096;

Egrp* egrp_new();
Egrp* egrp_copy(Egrp* from);  // nullptr if out of memory
void egrp_release(Egrp* e);
