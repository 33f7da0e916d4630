// xd [-u] [-r] [-s] [-a{odx}] [-c|-{b1w2l4v8}{odx}] ... [file ...]: dumps the files (or
// standard input) 16 bytes to a line, as Plan 9's xd(1): each format option adds one
// line per group, in the order given; the default is -4x (big-endian 4-byte words in
// hex). A line starts with the group's address, 7 digits zero-padded on a group's first
// line and blank-padded on the others; the address after the last byte ends the dump. A
// short last group is padded with zero bytes to a whole unit. With several files, each
// dump is headed by the file's name.
#include "libc.h"

namespace {

enum {
    Group = 16,
    Maxformats = 10,
};

enum Base { Octal, Decimal, Hex };

struct Format {
    bool chars;  // -c: characters and C escapes instead of numbers
    int size = 4;  // bytes per unit: 1 2 4 8
    Base base = Hex;
};

Format formats[Maxformats];
int nformats;
Base abase = Hex;
bool repeats;  // -r: a run of identical groups prints as the first and a *
bool little;  // -s: units are little-endian
bool unbuffered;  // -u: flush after every group

Fmt out;
char outbuf[8192];

[[noreturn]] void usage()
{
    fprint(2, "usage: xd [-u] [-r] [-s] [-a{odx}] [-c|{b1w2l4v8}{odx}] ... file ...\n");
    exits("usage");
}

// Digits of a unit of n bytes in each base.
int digits(int n, Base b)
{
    static const int width[4][3] = {{3, 3, 2}, {6, 5, 4}, {11, 10, 8}, {22, 20, 16}};
    int log = n == 1 ? 0 : n == 2 ? 1 : n == 4 ? 2 : 3;
    return width[log][b];
}

char verb(Base b)
{
    return b == Octal ? 'o' : b == Decimal ? 'd' : 'x';
}

void address(ulong a, bool first)
{
    // "%.7lux " on a group's first line, "%7lux " on the others.
    char fmt[] = "%.7lu? ";
    fmt[5] = verb(abase);
    if (!first)
        memmove(fmt + 1, fmt + 2, sizeof fmt - 2);
    fmtprint(&out, fmt, a);
}

void character(uchar c)
{
    switch (c) {
    case '\t':
        fmtprint(&out, " \\t");
        break;
    case '\r':
        fmtprint(&out, " \\r");
        break;
    case '\n':
        fmtprint(&out, " \\n");
        break;
    case '\b':
        fmtprint(&out, " \\b");
        break;
    default:
        if (c < ' ' || c >= 0x7F)
            fmtprint(&out, " %.2ux", c);
        else
            fmtprint(&out, "  %c", c);
    }
}

void numbers(const Format& f, const uchar* data, int n)
{
    char fmt[] = " %.*llu?";
    fmt[7] = verb(f.base);
    for (int i = 0; i < n; i += f.size) {
        uvlong v = 0;
        for (int k = 0; k < f.size; k++)
            v |= (uvlong)data[i + k] << 8 * (little ? k : f.size - 1 - k);
        fmtprint(&out, fmt, digits(f.size, f.base), v);
    }
}

void line(const Format& f, ulong addr, bool first, const uchar* data, int n)
{
    address(addr, first);
    if (f.chars) {
        for (int i = 0; i < n; i++)
            character(data[i]);
    } else {
        numbers(f, data, n);
    }
    fmtprint(&out, "\n");
}

// Fills buf with up to n bytes, reading until it is full or the input ends.
long fill(int fd, uchar* buf, long n, const char* name)
{
    long got = 0;
    while (got < n) {
        long r = read(fd, buf + got, n - got);
        if (r < 0) {
            fprint(2, "xd: error reading %s: %r\n", name);
            return -1;
        }
        if (r == 0)
            break;
        got += r;
    }
    return got;
}

bool xd(int fd, const char* name)
{
    uchar data[Group + 8];  // a short group is padded to whole 8-byte units
    uchar last[Group];
    ulong addr = 0;
    bool starred = false;
    for (;;) {
        long n = fill(fd, data, Group, name);
        if (n < 0)
            return false;
        if (n == 0)
            break;
        memset(data + n, 0, sizeof data - n);
        if (n == Group && repeats) {
            if (addr > 0 && memcmp(data, last, Group) == 0) {
                addr += Group;
                if (!starred)
                    fmtprint(&out, "*\n");
                starred = true;
                continue;
            }
            memmove(last, data, Group);
            starred = false;
        }
        for (int i = 0; i < nformats; i++)
            line(formats[i], addr, i == 0, data, n);
        if (unbuffered)
            fmtfdflush(&out);
        addr += n;
        if (n < Group)
            break;
    }
    address(addr, true);
    fmtprint(&out, "\n");
    return true;
}

// One format option, such as -4x, -1d, -b, -x or -c; false if it is not one.
bool format(const char* s, Format* f)
{
    *f = Format{};
    if (strcmp(s, "c") == 0) {
        f->chars = true;
        f->size = 1;
        return true;
    }
    for (; *s; s++) {
        switch (*s) {
        case 'o': f->base = Octal; break;
        case 'd': f->base = Decimal; break;
        case 'x': f->base = Hex; break;
        case 'b': case '1': f->size = 1; break;
        case 'w': case '2': f->size = 2; break;
        case 'l': case '4': f->size = 4; break;
        case 'v': case '8': f->size = 8; break;
        default: return false;
        }
    }
    return true;
}

}  // namespace

// xd's options are words of their own (-4x is one format, not -4 then -x), so they
// are parsed here rather than with ARGBEGIN.
int main(int argc, char** argv)
{
    argv0 = "xd";
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != 0; i++) {
        const char* o = argv[i] + 1;
        if (strcmp(o, "-") == 0) {
            i++;
            break;
        }
        if (strcmp(o, "r") == 0) {
            repeats = true;
        } else if (strcmp(o, "s") == 0) {
            little = true;
        } else if (strcmp(o, "u") == 0) {
            unbuffered = true;
        } else if (o[0] == 'a' && o[1] != 0 && o[2] == 0 && strchr("odx", o[1]) != nullptr) {
            abase = o[1] == 'o' ? Octal : o[1] == 'd' ? Decimal : Hex;
        } else {
            if (nformats == Maxformats) {
                fprint(2, "xd: too many formats (max %d)\n", Maxformats);
                exits("usage");
            }
            if (!format(o, &formats[nformats++]))
                usage();
        }
    }
    if (nformats == 0)
        formats[nformats++] = Format{};
    fmtfdinit(&out, 1, outbuf, sizeof outbuf);

    bool ok = true;
    int nfiles = argc - i;
    if (nfiles == 0)
        ok = xd(0, "<stdin>");
    for (; i < argc; i++) {
        int fd = open(argv[i], OREAD);
        if (fd < 0) {
            fprint(2, "xd: can't open %s\n", argv[i]);
            ok = false;
            continue;
        }
        if (nfiles > 1)
            fmtprint(&out, "%s\n", argv[i]);
        ok &= xd(fd, argv[i]);
        close(fd);
    }
    if (fmtfdflush(&out) < 0)
        sysfatal("write error: %r");
    exits(ok ? nullptr : "error");
}
