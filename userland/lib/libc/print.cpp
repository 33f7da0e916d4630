// Where formatted output goes: print and fprint buffer on the stack and write to a file
// descriptor; snprint and seprint fill a caller's array, always NUL-terminated and cut
// short when full; smprint grows a malloc'd string. All return what Plan 9's do: print
// the bytes written or -1, snprint the bytes stored, seprint the new end (the NUL).
#include "libc.h"

namespace {

// Doubles the string's buffer, keeping one byte beyond stop for the final NUL.
int str_flush(Fmt* f)
{
    usize size = (f->stop - f->start + 1) * 2;
    auto* s = (char*)realloc(f->start, size);
    if (s == nullptr) {
        free(f->start);
        f->start = f->to = f->stop = nullptr;
        return 0;
    }
    f->to = s + (f->to - f->start);
    f->start = s;
    f->stop = s + size - 1;
    return 1;
}

}  // namespace

extern "C" {

int fmtfdinit(Fmt* f, int fd, char* buf, int size)
{
    f->start = buf;
    f->to = buf;
    f->stop = buf + size;
    f->flush = fmtfdflush;
    f->farg = (void*)(uintptr)fd;
    f->nfmt = 0;
    return 0;
}

// Writes out what is buffered: 1 on success, 0 if the write failed.
int fmtfdflush(Fmt* f)
{
    long n = f->to - f->start;
    if (n > 0 && write((int)(uintptr)f->farg, f->start, n) != n)
        return 0;
    f->to = f->start;
    return 1;
}

int vfprint(int fd, const char* fmt, va_list args)
{
    char buf[256];
    Fmt f;
    fmtfdinit(&f, fd, buf, sizeof buf);
    va_copy(f.args, args);
    int n = dofmt(&f, fmt);
    va_end(f.args);
    if (n < 0 || !fmtfdflush(&f))
        return -1;
    return n;
}

int fprint(int fd, const char* fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int n = vfprint(fd, fmt, args);
    va_end(args);
    return n;
}

int print(const char* fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int n = vfprint(1, fmt, args);
    va_end(args);
    return n;
}

char* vseprint(char* buf, char* e, const char* fmt, va_list args)
{
    if (e <= buf)
        return nullptr;
    Fmt f;
    f.start = buf;
    f.to = buf;
    f.stop = e - 1;
    f.flush = nullptr;
    f.farg = nullptr;
    f.nfmt = 0;
    va_copy(f.args, args);
    dofmt(&f, fmt);  // running out of room just ends the output
    va_end(f.args);
    *f.to = 0;
    return f.to;
}

char* seprint(char* buf, char* e, const char* fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    char* p = vseprint(buf, e, fmt, args);
    va_end(args);
    return p;
}

int vsnprint(char* buf, int len, const char* fmt, va_list args)
{
    if (len <= 0)
        return -1;
    return vseprint(buf, buf + len, fmt, args) - buf;
}

int snprint(char* buf, int len, const char* fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int n = vsnprint(buf, len, fmt, args);
    va_end(args);
    return n;
}

int fmtstrinit(Fmt* f)
{
    constexpr int Initial = 32;
    f->start = (char*)malloc(Initial);
    if (f->start == nullptr)
        return -1;
    f->to = f->start;
    f->stop = f->start + Initial - 1;
    f->flush = str_flush;
    f->farg = nullptr;
    f->nfmt = 0;
    return 0;
}

// Ends the string and hands it to the caller, who frees it.
char* fmtstrflush(Fmt* f)
{
    if (f->start == nullptr)
        return nullptr;
    *f->to = 0;
    return f->start;
}

char* vsmprint(const char* fmt, va_list args)
{
    Fmt f;
    if (fmtstrinit(&f) < 0)
        return nullptr;
    va_copy(f.args, args);
    int n = dofmt(&f, fmt);
    va_end(f.args);
    if (n < 0) {
        free(f.start);
        return nullptr;
    }
    return fmtstrflush(&f);
}

char* smprint(const char* fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    char* s = vsmprint(fmt, args);
    va_end(args);
    return s;
}

}  // extern "C"
