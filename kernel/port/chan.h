// Chan and Dev: the kernel's 9P-shaped file model.
// A Chan names one file of one device (dev + qid) and, once opened, carries the offset.
// A Dev is one `#x` device; its operations mirror 9P (attach walk open read write
// close). Name evaluation takes the process whose root and dot it starts from as a
// parameter, never an implicit current process.
#pragma once
#include <cstdint>
#include "lib9/dir.h"
#include "port/result.h"

class Dev;
struct Proc;

struct Chan {
    int ref = 1;
    Dev* dev = nullptr;
    uint32_t devno = 0;  // which instance of the device (e.g. #ec vs #e)
    Qid qid;
    int mode = 0;  // open mode, valid once open
    bool open = false;
    uint64_t offset = 0;
    uint32_t aux = 0;  // device state
};

Chan* newchan(Dev* dev);  // nullptr if out of memory
Chan* cclone(Chan* c);  // an unopened copy naming the same file
void cincref(Chan* c);
void cclose(Chan* c);

// A static directory entry for simple devices (Plan 9's Dirtab).
struct Dirtab {
    const char* name;
    Qid qid;
    uint64_t length;
    uint32_t perm;
};

class Dev {
public:
    constexpr Dev(char dc, const char* name) : m_dc(dc), m_name(name) {}
    char dc() const { return m_dc; }
    const char* name() const { return m_name; }

    virtual Result<Chan*> attach(const char* spec);
    virtual Result<void> walk(Chan* c, const char* name) = 0;  // c is unopened; step it to name
    virtual Result<void> open(Chan* c, int omode) = 0;
    virtual Result<long> read(Chan* c, void* buf, long n, uint64_t off) = 0;
    virtual Result<long> write(Chan* c, const void* buf, long n, uint64_t off);
    virtual void close(Chan*) {}

protected:
    // Helpers for devices described by a Dirtab: entry 0 is the device's root directory.
    static Result<void> tab_walk(Chan* c, const Dirtab* tab, int ntab, const char* name);
    static Result<void> tab_open(Chan* c, const Dirtab* tab, int ntab, int omode);

private:
    char m_dc;
    const char* m_name;
};

Dev* devtab_lookup(char dc);

Result<void> check_open_mode(uint32_t perm, int omode);  // mode bits against the open mode
Result<long> read_string(void* buf, long n, uint64_t off, const char* s);  // serve a text file

// File descriptors
constexpr int NFD = 128;
struct Fgrp {
    int ref = 1;
    Chan* fd[NFD] = {};
};
Fgrp* fgrp_new();
Fgrp* fgrp_copy(Fgrp* f);  // nullptr if out of memory
void fgrp_release(Fgrp* f);
Result<int> fd_install(Fgrp* f, Chan* c, int at = -1);  // takes the reference; at -1 = lowest free
Result<Chan*> fd_get(Fgrp* f, int fd, int want_mode = -1);  // borrows; want_mode -1 = any

// Resolve a path for p (from its root, its dot, or a #x device) and open it if omode >= 0.
Result<Chan*> namec(Proc* p, const char* path, int omode);
