// The Myrmex C library: Plan 9's libc(2) names and semantics for C++ user programs.
// Everything declared here has C linkage: the system-call stubs are assembly, and the
// compiler itself emits calls to memcpy/memset/memmove/memcmp. Dir with its stat(5) codec
// (convM2D, nulldir, ...) and cleanname come from lib9, shared with the kernel.
#pragma once

#include "u.h"
#include "lib9/cleanname.h"
#include "lib9/dir.h"
#include "lib9/error.h"
#include "lib9/sys.h"

#define nelem(x) (sizeof(x) / sizeof((x)[0]))

enum : int {
    UTFmax = 4,  // longest UTF-8 encoding of a rune
    Runeself = 0x80,  // runes below this are their own one-byte encoding
    Runeerror = 0xFFFD,  // what undecodable UTF-8 reads as
    Runemax = 0x10FFFF,
};

// Precision control of the floating-point control register (getfcr, setfcr).
enum : ulong {
    FPPSGL = 0,
    FPPDBL = 0x200,
    FPPEXT = 0x300,
    FPPMASK = 0x300,
};

extern "C" {

// memory and strings (string.cpp, mem.cpp)
void* memcpy(void* to, const void* from, usize n);
void* memmove(void* to, const void* from, usize n);
void* memset(void* p, int c, usize n);
int memcmp(const void* a, const void* b, usize n);
void* memchr(const void* p, int c, usize n);
usize strlen(const char* s);
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, usize n);
char* strcpy(char* to, const char* from);
char* strncpy(char* to, const char* from, usize n);
char* strecpy(char* to, char* e, const char* from);  // copies into [to, e), returns the NUL
char* strcat(char* to, const char* from);
char* strchr(const char* s, int c);
char* strrchr(const char* s, int c);
char* strdup(const char* s);
char* strstr(const char* s, const char* find);

// UTF-8 (utf.cpp)
int chartorune(Rune* r, const char* s);
int runetochar(char* s, const Rune* r);
int runelen(long r);
int utflen(const char* s);
char* utfrune(const char* s, long r);
char* utfecpy(char* to, char* e, const char* from);
long runestrlen(const Rune* s);

// numbers (strtol.cpp); atoi and friends take 0x and 0 prefixes as Plan 9's do
int atoi(const char* s);
long atol(const char* s);
vlong atoll(const char* s);
long strtol(const char* s, char** end, int base);
ulong strtoul(const char* s, char** end, int base);
vlong strtoll(const char* s, char** end, int base);
uvlong strtoull(const char* s, char** end, int base);

// floating point (fltconv.cpp, fcr.cpp); print's %e %f %g are in fltfmt.cpp
double strtod(const char* s, char** end);
double atof(const char* s);
ulong getfcr();
void setfcr(ulong fcr);

// splitting (tokenize.cpp)
int tokenize(char* s, char** args, int maxargs);
int getfields(char* s, char** args, int maxargs, int multiflag, const char* delims);

// rc quoting of whole strings (quote.cpp); the results are malloc'd
char* quotestrdup(const char* s);  // quoted as %q would print it
char* unquotestrdup(const char* s);  // quotes removed, '' inside quotes kept as one

// allocation (malloc.cpp, sbrk.cpp)
void* malloc(usize n);
void* mallocz(usize n, int clr);
void* calloc(usize n, usize size);
void* realloc(void* p, usize n);
void free(void* p);
int brk(void* addr);
void* sbrk(ulong n);

// formatted output (fmt.cpp, print.cpp)
struct Fmt {
    char* start;  // buffer being filled
    char* to;  // next free byte
    char* stop;  // end of the buffer; reaching it calls flush
    int (*flush)(Fmt*);  // empties the buffer; returns 0 to abandon formatting
    void* farg;  // flush's own data (the fd of fprint)
    int nfmt;  // bytes produced so far
    va_list args;  // the arguments still to be formatted
    Rune r;  // the verb or flag being handled
    int width;
    int prec;
    ulong flags;
};

enum : ulong {
    FmtWidth = 1,
    FmtLeft = FmtWidth << 1,
    FmtPrec = FmtLeft << 1,
    FmtSharp = FmtPrec << 1,
    FmtSpace = FmtSharp << 1,
    FmtSign = FmtSpace << 1,
    FmtZero = FmtSign << 1,
    FmtUnsigned = FmtZero << 1,
    FmtShort = FmtUnsigned << 1,
    FmtLong = FmtShort << 1,
    FmtVLong = FmtLong << 1,
    FmtByte = FmtVLong << 1,
    FmtFlag = FmtByte << 1,  // first bit free for installed flags
};

// An installed verb function returns 0 when done, -1 on error, 1 if it was a flag
// (formatting then continues with the next character of the same conversion).
int fmtinstall(int c, int (*f)(Fmt*));
int dofmt(Fmt* f, const char* fmt);
int fmtprint(Fmt* f, const char* fmt, ...);
int fmtvprint(Fmt* f, const char* fmt, va_list args);
int fmtstrcpy(Fmt* f, const char* s);
int fmtfdinit(Fmt* f, int fd, char* buf, int size);
int fmtfdflush(Fmt* f);
int fmtstrinit(Fmt* f);
char* fmtstrflush(Fmt* f);

int print(const char* fmt, ...);
int fprint(int fd, const char* fmt, ...);
int vfprint(int fd, const char* fmt, va_list args);
int snprint(char* buf, int len, const char* fmt, ...);
int vsnprint(char* buf, int len, const char* fmt, va_list args);
char* seprint(char* buf, char* e, const char* fmt, ...);
char* vseprint(char* buf, char* e, const char* fmt, va_list args);
char* smprint(const char* fmt, ...);
char* vsmprint(const char* fmt, va_list args);

// errors (errstr.cpp; errstr itself is a system call)
int errstr(char* buf, uint n);
void rerrstr(char* buf, uint n);
void werrstr(const char* fmt, ...);

// processes (exits.cpp, calls.cpp, wait.cpp, sysfatal.cpp, getpid.cpp, postnote.cpp)
struct Waitmsg {
    int pid;
    ulong time[3];  // user, system and real time in milliseconds
    char* msg;  // "" for success
};

enum : int { PNPROC = 1, PNGROUP = 2 };  // postnote: to one process, or to its note group

[[noreturn]] void exits(const char* msg);
[[noreturn]] void _exits(const char* msg);
[[noreturn]] void abort();
[[noreturn]] void sysfatal(const char* fmt, ...);
int atexit(void (*f)());  // 1 if registered, 0 if the table is full
void atexitdont(void (*f)());
int rfork(int flags);
int fork();
int exec(const char* name, const char* const* argv);
int execbin(const char* const* argv);  // argv[0] as rc finds it: in /bin unless it has a / or #
// The whole file, NUL-terminated and malloc'd, its length in *len (if len); nil on error.
char* readfile(const char* name, long* len);
// Networks (dial.cpp): "net!host!service" addresses, as Plan 9's dial(2).
char* netmkaddr(const char* addr, const char* defnet, const char* defservice);  // a static buffer
int dial(const char* addr, const char* local, char* dir, int* cfdp);
int announce(const char* addr, char* dir);  // dir: room for NETPATHLEN bytes
int listen(const char* dir, char* newdir);
int accept(int ctl, const char* dir);
int reject(int ctl, const char* dir, const char* cause);
inline constexpr int NETPATHLEN = 128;
int await(char* buf, int n);
Waitmsg* wait();  // free the result with free()
int waitpid();
int sleep(long ms);
long alarm(ulong ms);  // returns the milliseconds that were left of the previous alarm
int getpid();  // cached for the process: the first call reads #c/pid
char* getuser();  // the user this process runs as (a static buffer); "none" if unknown
int procsetuser(const char* user);  // become user (9front's name): 0, or -1 with errstr
int postfd(const char* name, int fd);  // post fd as /srv/name (srv(3)): 0, or -1 with errstr
int getppid();
int postnote(int group, int pid, const char* note);

// notes: the handler gets the saved registers and the note text, and must end with
// noted(NCONT) to resume or noted(NDFLT) to take the default action (death)
int notify(void (*f)(void* ureg, char* note));
int noted(int v);

// locks (lock.cpp), as Plan 9's lock(2), for processes sharing memory (rfork RFMEM).
// A zeroed Lock is unlocked. A process that must wait sleeps in semacquire.
struct Lock {
    long key;  // the holder and its waiters
    long sem;  // where waiters sleep
};
void lock(Lock* l);
void unlock(Lock* l);
int canlock(Lock* l);  // 1 if it took the lock, 0 if the lock is held

// memory segments and synchronisation
void* segattach(int attr, const char* segclass, void* va, ulong len);  // (void*)-1 on error
int segdetach(void* addr);
int segfree(void* va, ulong len);
void* rendezvous(void* tag, void* value);  // (void*)-1 on error
int semacquire(long* addr, int block);  // 1 acquired, 0 would block (block == 0), -1 error
long semrelease(long* addr, long count);

// files (calls.cpp; the rest are system calls)
int open(const char* name, int mode);
int create(const char* name, int mode, ulong perm);
int close(int fd);
long read(int fd, void* buf, long n);
long readn(int fd, void* buf, long n);  // reads until n bytes, end of file or an error
long write(int fd, const void* buf, long n);
long pread(int fd, void* buf, long n, vlong offset);
long pwrite(int fd, const void* buf, long n, vlong offset);
vlong seek(int fd, vlong n, int type);
int dup(int oldfd, int newfd);
int pipe(int fd[2]);
int remove(const char* name);
int fd2path(int fd, char* buf, int n);

// directory entries as stat(5) bytes: n too small yields BIT16SZ with the size needed
int stat(const char* name, uchar* edir, int n);
int fstat(int fd, uchar* edir, int n);
int wstat(const char* name, uchar* edir, int n);
int fwstat(int fd, uchar* edir, int n);

// directory entries as Dirs (dirstat.cpp, dirread.cpp). Each result is one malloc'd
// block holding the strings too: a single free() releases it. dirread returns the number
// of entries read (0 at the end, -1 on error) and the array in *d.
Dir* dirstat(const char* name);
Dir* dirfstat(int fd);
int dirwstat(const char* name, const Dir* d);
int dirfwstat(int fd, const Dir* d);
long dirread(int fd, Dir** d);
long dirreadall(int fd, Dir** d);

// the name space (getwd.cpp; the rest are system calls)
int chdir(const char* name);
char* getwd(char* buf, int n);
int bind(const char* name, const char* old, int flag);
int mount(int fd, int afd, const char* old, int flag, const char* aname);
int unmount(const char* name, const char* old);  // name nil: everything mounted on old
int fversion(int fd, int msize, char* version, int nversion);
int fauth(int fd, const char* aname);

// environment variables: the files of /env (env.cpp)
char* getenv(const char* name);  // malloc'd; nil if unset
int putenv(const char* name, const char* val);

// time (time.cpp, ctime.cpp). Broken-down times are GMT: there are no time zones yet.
struct Tm {
    int sec;  // 0..59
    int min;  // 0..59
    int hour;  // 0..23
    int mday;  // 1..31
    int mon;  // 0..11
    int year;  // years since 1900
    int wday;  // 0..6, Sunday = 0
    int yday;  // 0..365
    char zone[4];  // "GMT"
    int tzoff;  // seconds east of GMT: 0
};

long time(long* tp);  // seconds since the epoch, also stored in *tp unless nil
vlong nsec();  // nanoseconds since the epoch
char* ctime(long t);  // "Mon Nov 23 19:49:18 GMT 2026\n" in a static buffer
Tm* localtime(long t);  // gmtime: times are kept in GMT
Tm* gmtime(long t);  // in a static Tm
char* asctime(const Tm* tm);
long tm2sec(const Tm* tm);  // ignores wday and yday

extern const char* argv0;  // the program name sysfatal prints; ARGBEGIN sets it

}  // extern "C"

// ARGBEGIN { case 'x': ... } ARGEND parses main's leading flags as Plan 9's arg(2) does:
// flags are runes and may be grouped (-ab), "--" ends them, a lone "-" is an argument.
// ARGF() is the flag's argument (rest of this word, else the next word; nil if none),
// EARGF(x) the same but evaluating x (usually usage()) when there is none. ARGBEGIN sets
// argv0 from argv[0] unless it is already set; afterwards argc and argv cover the operands.
#define ARGBEGIN                                                        \
    for (argv0 = argv0 ? argv0 : argv[0], argv++, argc--;               \
         argv[0] && argv[0][0] == '-' && argv[0][1]; argc--, argv++) {  \
        char* _args = argv[0] + 1;                                      \
        char* _argt = nullptr;                                          \
        Rune _argc = 0;                                                 \
        if (_args[0] == '-' && _args[1] == '\0') {                      \
            argc--;                                                     \
            argv++;                                                     \
            break;                                                      \
        }                                                               \
        while (*_args && (_args += chartorune(&_argc, _args), true))   \
            switch (_argc)

#define ARGEND \
        (void)_argt; \
    }

#define ARGF()                                                          \
    (_argt = _args, _args += strlen(_args),                             \
     *_argt ? _argt : argv[1] ? (argc--, *++argv) : (char*)nullptr)

#define EARGF(x)                                                        \
    (_argt = _args, _args += strlen(_args),                             \
     *_argt ? _argt : argv[1] ? (argc--, *++argv) : ((x), abort(), (char*)nullptr))

#define ARGC() _argc
