// wc [-lwrbc] [file ...]: counts lines, words, runes, broken UTF-8 sequences and bytes,
// printing the chosen counts (by default -lwc) each in a column 7 wide and separated by
// blanks, then the file name, then a total line when there are several files; Plan 9's
// layout. Words are runs of runes other than spaces (Plan 9's isspacerune). A sequence
// split across two reads is carried over to the next.
#include "libc.h"

namespace {

struct Counts {
    uvlong lines, words, runes, broken, bytes;
};

bool pline, pword, prune, pbroken, pbyte;
Counts total;

// Plan 9's isspacerune: the ASCII blanks and Unicode's other spaces.
bool isspacerune(Rune r)
{
    if (r < Runeself)
        return r == ' ' || (r >= '\t' && r <= '\r');
    return r == 0x85 || r == 0xA0 || r == 0x1680 || r == 0x180E || (r >= 0x2000 && r <= 0x200A)
        || r == 0x2028 || r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000 || r == 0xFEFF;
}

// How many bytes the UTF-8 sequence starting with c should have; 1 for a byte that
// cannot start one (it decodes as a single broken rune).
int seqlen(uchar c)
{
    if (c < 0xC0)
        return 1;
    if (c < 0xE0)
        return 2;
    if (c < 0xF0)
        return 3;
    return c < 0xF8 ? 4 : 1;
}

// Counts the runes of buf[0, n). Unless at end of input, a sequence cut short by the end
// of the buffer is left for the next read; returns the bytes consumed. As in Plan 9, any
// Runeerror (even one properly encoded) is a broken rune, which neither starts nor ends
// a word.
long count(const char* buf, long n, bool eof, bool* inword, Counts* c)
{
    long i = 0;
    while (i < n) {
        uchar b = buf[i];
        Rune r = b;
        int len = 1;
        if (b >= Runeself) {
            if (!eof && i + seqlen(b) > n)
                break;
            char seq[UTFmax + 1] = {};
            long k = n - i < (long)UTFmax ? n - i : (long)UTFmax;
            memmove(seq, buf + i, k);
            len = chartorune(&r, seq);
        }
        i += len;
        c->runes++;
        if (r == Runeerror) {
            c->broken++;
            continue;
        }
        if (r == '\n')
            c->lines++;
        bool space = isspacerune(r);
        if (!space && !*inword)
            c->words++;
        *inword = !space;
    }
    return i;
}

void wc(int fd, const char* name, Counts* c)
{
    constexpr long Bufsize = 8192;
    char buf[Bufsize + UTFmax];
    long held = 0;  // bytes of a split sequence kept at the front of buf
    bool inword = false;
    for (;;) {
        long n = read(fd, buf + held, Bufsize);
        if (n < 0)
            sysfatal("error reading %s: %r", name);
        c->bytes += n;
        long have = held + n;
        long used = count(buf, have, n == 0, &inword, c);
        held = have - used;
        memmove(buf, buf + used, held);
        if (n == 0)
            return;
    }
}

void report(const Counts& c, const char* name)
{
    char line[256];
    char* p = line;
    char* e = line + sizeof line;
    if (pline)
        p = seprint(p, e, " %7llud", c.lines);
    if (pword)
        p = seprint(p, e, " %7llud", c.words);
    if (prune)
        p = seprint(p, e, " %7llud", c.runes);
    if (pbroken)
        p = seprint(p, e, " %7llud", c.broken);
    if (pbyte)
        p = seprint(p, e, " %7llud", c.bytes);
    if (name != nullptr)
        print("%s %s\n", line + 1, name);
    else
        print("%s\n", line + 1);
}

void add(Counts* t, const Counts& c)
{
    t->lines += c.lines;
    t->words += c.words;
    t->runes += c.runes;
    t->broken += c.broken;
    t->bytes += c.bytes;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "wc";
    ARGBEGIN {
    case 'l':
        pline = true;
        break;
    case 'w':
        pword = true;
        break;
    case 'r':
        prune = true;
        break;
    case 'b':
        pbroken = true;
        break;
    case 'c':
        pbyte = true;
        break;
    default:
        fprint(2, "Usage: wc [-lwrbc] [file ...]\n");
        exits("usage");
    } ARGEND
    if (!(pline || pword || prune || pbroken || pbyte))
        pline = pword = pbyte = true;

    if (argc == 0) {
        Counts c{};
        wc(0, "<stdin>", &c);
        report(c, nullptr);
        exits(nullptr);
    }
    const char* status = nullptr;
    for (int i = 0; i < argc; i++) {
        int fd = open(argv[i], OREAD);
        if (fd < 0) {
            fprint(2, "%s: %r\n", argv[i]);
            status = "can't open";
            continue;
        }
        Counts c{};
        wc(fd, argv[i], &c);
        close(fd);
        report(c, argv[i]);
        add(&total, c);
    }
    if (argc > 1)
        report(total, "total");
    exits(status);
}
