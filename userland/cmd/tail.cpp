// tail [+-number[lbc][rf]] [file], tail [-fr] [-n nlines] [-c nbytes] [file]: copies the
// end of a file (or from +number on) to standard output, as Plan 9's tail. Units are
// lines (l, the default), bytes (c) or 1K blocks (b); -number counts from the end, +number
// from the start (lines from 1, bytes from 0). r prints the lines last first; f keeps
// reading as the file grows, checking every second. A file that can seek is read from its
// end backwards; a pipe (or any file that cannot seek) is read through, keeping what may
// be the tail. Plan 9's corner cases are kept: -0 on a seekable file prints it all, and a
// byte count beyond the start of a seekable file is an error.
#include "libc.h"

namespace {

constexpr long Bsize = 8192;

enum { Beg, End } origin = End;
enum { Chars, Lines } units = Lines;
bool rev, follow, anycount;
vlong count;
int fd;

[[noreturn]] void fatal(const char* s)
{
    fprint(2, "tail: %s: %r\n", s);
    exits(s);
}

[[noreturn]] void usage()
{
    fprint(2, "usage: tail [-n N] [-c N] [-f] [-r] [+-N[bc][fr]] [file]\n");
    exits("usage");
}

long tread(char* buf, long n)
{
    long r = read(fd, buf, n);
    if (r < 0)
        fatal("");
    return r;
}

void twrite(const char* buf, long n)
{
    if (n > 0 && write(1, buf, n) != n)
        fatal("");
}

vlong tseek(vlong off, int type)
{
    vlong r = seek(fd, off, type);
    if (r < 0)
        fatal("");
    return r;
}

void copy()
{
    char buf[Bsize];
    long n;
    while ((n = tread(buf, sizeof buf)) > 0)
        twrite(buf, n);
}

// A signed count in s sets count (and origin when it has a +); false if s has none.
bool getnumber(const char* s)
{
    bool plus = *s == '+';
    if (*s == '-' || *s == '+')
        s++;
    if (*s < '0' || *s > '9')
        return false;
    if (plus)
        origin = Beg;
    if (anycount)
        fatal("excess option");
    anycount = true;
    count = atol(s);
    if (count < 0 || count > 0x7FFFFFFF)
        fatal("too big");
    return true;
}

// The letters after a +-number: a unit, then r or f.
void suffix(const char* s)
{
    while (*s && strchr("0123456789+-", *s))
        s++;
    if (*s == 'b' || *s == 'c' || *s == 'l') {
        if (*s == 'b' && (count *= 1024) > 0x7FFFFFFF)
            fatal("too big");
        if (*s != 'l')
            units = Chars;
        s++;
    }
    if (*s == 'r')
        rev = true;
    else if (*s == 'f')
        follow = true;
    else if (*s != 0)
        usage();
}

// From the start: skip count bytes or lines, copy the rest.
void skip()
{
    char buf[Bsize];
    long n;
    if (units == Chars) {
        for (; count > 0; count -= n)
            if ((n = tread(buf, count < Bsize ? count : Bsize)) == 0)
                return;
    } else {
        long i = 0;
        n = 0;
        while (count > 0) {
            if ((n = tread(buf, sizeof buf)) == 0)
                return;
            for (i = 0; i < n && count > 0; i++)
                if (buf[i] == '\n')
                    count--;
        }
        twrite(buf + i, n - i);
    }
    copy();
}

// Reads all of an unseekable input and prints its tail.
void keep()
{
    long len = 0, size = 0;
    char* buf = nullptr;
    for (;;) {
        if (size - len < Bsize) {
            size = 2 * size + 2 * Bsize;
            if ((buf = (char*)realloc(buf, size + 1)) == nullptr)
                fatal("out of space");
        }
        long n = tread(buf + len, size - len);
        if (n == 0)
            break;
        len += n;
    }
    if (count < len) {
        long j = len - count;
        if (units == Lines) {
            j = buf[len - 1] == '\n' ? len - 1 : len;
            for (vlong k = 0; j > 0; j--)
                if (buf[j - 1] == '\n' && ++k >= count)
                    break;
        }
        memmove(buf, buf + j, len -= j);
    }
    if (rev) {
        if (len > 0 && buf[len - 1] != '\n')
            buf[len++] = '\n';
        for (long j = len - 1; j > 0; j--)
            if (buf[j - 1] == '\n') {
                twrite(buf + j, len - j);
                if (--count <= 0)
                    return;
                len = j;
            }
    }
    if (count > 0)
        twrite(buf, len);
}

// Reads a seekable file backwards a block at a time until it has count lines.
void reverse()
{
    long len = 0, size = 0, n = 0;
    char* buf = nullptr;
    vlong pos = tseek(0, 2);
    for (bool first = true; pos > 0 && count > 0; first = false) {
        n = pos > Bsize ? Bsize : (long)pos;
        pos -= n;
        if (len + n + 1 > size) {
            size += 2 * Bsize;
            if ((buf = (char*)realloc(buf, size + 1)) == nullptr)
                fatal("out of space");
        }
        memmove(buf + n, buf, len);
        len += n;
        tseek(pos, 0);
        if (tread(buf, n) != n)
            fatal("length error");
        if (first && buf[len - 1] != '\n')
            buf[len++] = '\n';
        for (n = len - 1; n > 0 && count > 0; n--)
            if (buf[n - 1] == '\n') {
                count--;
                if (rev)
                    twrite(buf + n, len - n);
                len = n;
            }
    }
    if (!rev) {
        tseek(n == 0 ? 0 : pos + n + 1, 0);
        copy();
    } else if (count > 0) {
        twrite(buf, len);
    }
}

bool canseek()
{
    if (seek(fd, 0, 0) != 0)
        return false;
    Dir* d = dirfstat(fd);
    bool pipe = d != nullptr && d->type == '|';
    free(d);
    return !pipe;
}

// -f: copies what is appended, starting over when the file is truncated.
[[noreturn]] void watch()
{
    for (;;) {
        Dir* d = dirfstat(fd);
        if (d != nullptr && (vlong)d->length < seek(fd, 0, 1))
            tseek(0, 0);
        free(d);
        copy();
        sleep(1000);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "tail";
    for (; argc > 1 && (argv[1][0] == '-' || argv[1][0] == '+'); argc--, argv++) {
        if (getnumber(argv[1])) {
            suffix(argv[1]);
            continue;
        }
        if (argv[1][0] != '-')
            break;
        char c = argv[1][1];
        if (c == 'c' || c == 'n') {
            if (c == 'c')
                units = Chars;
            if (getnumber(argv[1] + 2))
                continue;
            if (argc > 2 && getnumber(argv[2])) {
                argc--, argv++;
                continue;
            }
            usage();
        }
        if (c == 'r') {
            rev = true;
            continue;
        }
        if (c == 'f') {
            follow = true;
            continue;
        }
        if (c == '-')
            argc--, argv++;
        break;
    }
    if (rev && (units == Chars || follow || origin == Beg))
        fatal("incompatible options");
    if (!anycount)
        count = rev ? 0x7FFFFFFFFFFFFFFFLL : 10;
    if (origin == Beg && units == Lines && count > 0)
        count--;
    if (argc > 2)
        usage();
    if (argc > 1 && (fd = open(argv[1], OREAD)) < 0)
        fatal(argv[1]);

    bool seekable = canseek();
    if (!seekable && origin == End)
        keep();
    else if (origin == Beg && (units == Lines || !seekable))
        skip();
    else if (units == Chars) {
        tseek(origin == End ? -count : count, origin == End ? 2 : 0);
        copy();
    } else {
        reverse();
    }
    if (follow && seekable)
        watch();
    exits(nullptr);
}
