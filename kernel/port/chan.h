// Chan and Dev: the kernel's 9P-shaped file model.
// A Chan names one file of one device (dev + devno + qid) and, once opened, carries the
// offset. It also remembers the name it was reached by (fd2path, ns). A Dev is one `#x`
// device; its operations mirror 9P: attach walk stat open create read write close
// remove wstat. Simple devices describe their directories with gen() alone and get walk,
// stat and directory reads from it.
#pragma once
#include <cstdint>
#include "lib9/dir.h"
#include "lib9/sys.h"
#include "port/result.h"

class Dev;
struct Mhead;
struct Mnt;

enum : int { CCEXEC = 1, CRCLOSE = 2 };  // Chan::flag

struct Chan {
    int ref = 1;
    Dev* dev = nullptr;
    uint32_t devno = 0;  // which instance of the device (e.g. #ec vs #e)
    Qid qid;
    int mode = 0;  // open mode, valid once open
    bool open = false;
    int flag = 0;
    uint64_t offset = 0;
    uint32_t aux = 0;  // device state
    void* auxp = nullptr;  // device state
    char* path = nullptr;  // the name it was reached by, owned
    Mhead* umh = nullptr;  // an open union directory: the members to read, in order
    int uri = 0;  // union read: index of the member being read
    Chan* umc = nullptr;  // union read: that member, open
    Mnt* mux = nullptr;  // a channel to a 9P server: the mount driver's connection on it
    char* srvname = nullptr;  // "#s/NAME" once posted in a srv device, owned
};

Chan* newchan(Dev* dev);  // nullptr if out of memory
Chan* cclone(Chan* c);  // an unopened copy naming the same file
void cincref(Chan* c);
void cclose(Chan* c);
bool chan_same_file(const Chan* a, const Chan* b);  // the identity mount points match on
void chan_setpath(Chan* c, const char* path);  // keeps a copy (best effort)
const char* chan_path(const Chan* c);  // never nullptr

// One counted reference to a Chan, given up at the end of its scope: what a system call
// holds on an fd's chan while it uses it, since another process sharing the fd table may
// close the fd meanwhile.
class ChanRef {
public:
    ChanRef() = default;
    explicit ChanRef(Chan* c) : m_c(c) {}  // takes over a reference the caller had
    ChanRef(ChanRef&& o) : m_c(o.release()) {}
    ChanRef& operator=(ChanRef&& o)
    {
        Chan* c = o.release();
        if (m_c)
            cclose(m_c);
        m_c = c;
        return *this;
    }
    ~ChanRef()
    {
        if (m_c)
            cclose(m_c);
    }
    Chan* operator->() const { return m_c; }
    Chan* get() const { return m_c; }
    Chan* release()  // the reference passes to the caller
    {
        Chan* c = m_c;
        m_c = nullptr;
        return c;
    }

private:
    Chan* m_c = nullptr;
};

// A directory entry being generated: the Dir plus room for a name made on the fly, or
// for all four strings of an entry decoded from a file server.
struct DirBuf {
    Dir d;
    char name[NAMEMAX + 1];
    char strs[NAMEMAX + 1 + 3 * 2 * KNAMELEN];
};

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

    virtual Result<Chan*> attach(const char* spec);  // the root directory, qid path 0
    // Entry i of directory dir into db; false past the last entry.
    virtual bool gen(Chan* dir, int i, DirBuf& db) = 0;
    // dir of c itself.
    virtual Result<void> dirstat(Chan* c, DirBuf& db) = 0;
    // Step c (unopened) to the child called name ("..": to the parent).
    virtual Result<void> walk(Chan* c, const char* name);
    // Open c. Usually returns c itself; a device may instead return another, already
    // open Chan to use in its place (#d, #s), and the caller then drops c.
    virtual Result<Chan*> open(Chan* c, int omode);  // default: mode bits from dirstat
    virtual Result<void> create(Chan* c, const char* name, int omode, uint32_t perm);
    virtual Result<long> read(Chan* c, void* buf, long n, uint64_t off) = 0;
    virtual Result<long> write(Chan* c, const void* buf, long n, uint64_t off);
    // One write of head[0..nhead) followed by body[0..nbody), each taken from where it
    // lies: the mount driver's messages with their data still in the caller's buffer.
    // The default joins them in a buffer of its own; a pipe queues them as one block.
    virtual Result<long> write2(Chan* c, const void* head, long nhead, const void* body, long nbody, uint64_t off);
    // Called when the last reference to c goes, opened or not (c->open says which).
    virtual void close(Chan*) {}
    // cclone made `to` from `from`: take whatever references the device state needs.
    virtual void clone(Chan*, Chan*) {}
    virtual Result<void> remove(Chan* c);
    virtual Result<void> wstat(Chan* c, const Dir& d);

    // stat(2): the encoded Dir of c (or BIT16SZ with the size when n is too small).
    Result<long> stat(Chan* c, uint8_t* buf, long n);
    // Fill the fields every entry of this device shares: type, dev, default times.
    void stamp(Chan* c, Dir& d);

protected:
    // Directory reads from gen(): whole entries only, off is a byte offset into them.
    Result<long> dirread(Chan* c, void* buf, long n, uint64_t off);
    // Fill db from a Dirtab entry, owned by the host owner.
    void dir_from_tab(const Dirtab& t, DirBuf& db);
    // The entry of a device's root directory c, named "#x" and the attach spec.
    void root_dir(Chan* c, DirBuf& db, uint32_t perm, const char* owner, const char* spec = "");

private:
    char m_dc;
    const char* m_name;
};

// A device whose whole tree is one directory described by a Dirtab (entry 0 is the
// directory itself).
class TabDev : public Dev {
public:
    constexpr TabDev(char dc, const char* name, const Dirtab* tab, int ntab)
        : Dev(dc, name), m_tab(tab), m_ntab(ntab) {}
    bool gen(Chan* dir, int i, DirBuf& db) override;
    Result<void> dirstat(Chan* c, DirBuf& db) override;

private:
    const Dirtab* m_tab;
    int m_ntab;
};

Dev* devtab_lookup(char dc);

const char* current_user();  // whose permissions an open is checked against
const char* eve();  // the host owner
uint32_t boot_seconds();  // when the kernel started, in seconds since the epoch
// Plan 9 permission check: may user open (omode) a file with this owner and mode?
Result<void> check_perm(const char* owner, uint32_t perm, int omode);
Result<long> read_string(void* buf, long n, uint64_t off, const char* s);  // serve a text file
