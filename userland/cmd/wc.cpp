// wc [-lwrbc] [file ...]: counts lines, words, runes, broken UTF-8 sequences and bytes,
// printing the chosen counts (by default -lwc) each in a column 7 wide and separated by
// blanks, then the file name, then a total line when there are several files; Plan 9's
// layout. Words are runs of characters other than blank, tab and newline. Runes are only
// decoded when -r or -b asks for them; a sequence split across two reads is carried over.
#include "libc.h"

namespace {

struct Counts {
    uvlong lines, words, runes, broken, bytes;
};

bool pline, pword, prune, pbroken, pbyte;
Counts total;

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

// Decodes buf[0, n) into runes. Unless at end of input, a sequence cut short by the end
// of the buffer is left undecoded; returns the bytes consumed.
long runes(const char* buf, long n, bool eof, Counts* c)
{
    long i = 0;
    while (i < n) {
        uchar b = buf[i];
        if (b < Runeself) {
            c->runes++;
            i++;
            continue;
        }
        if (!eof && i + seqlen(b) > n)
            break;
        char seq[UTFmax + 1] = {};
        long k = n - i < (long)UTFmax ? n - i : (long)UTFmax;
        memmove(seq, buf + i, k);
        Rune r;
        int len = chartorune(&r, seq);
        // Runeerror decoded from its own three-byte encoding is a real rune.
        if (r == Runeerror && len == 1)
            c->broken++;
        c->runes++;
        i += len;
    }
    return i;
}

void wc(int fd, const char* name, Counts* c)
{
    constexpr long Bufsize = 8192;
    char buf[Bufsize + UTFmax];
    long held = 0;  // bytes of a split sequence kept at the front of buf
    bool inword = false;
    bool decode = prune || pbroken;
    for (;;) {
        long n = read(fd, buf + held, Bufsize);
        if (n < 0)
            sysfatal("error reading %s: %r", name);
        for (long i = held; i < held + n; i++) {
            char ch = buf[i];
            if (ch == '\n')
                c->lines++;
            bool blank = ch == ' ' || ch == '\t' || ch == '\n';
            if (!blank && !inword)
                c->words++;
            inword = !blank;
        }
        c->bytes += n;
        if (decode) {
            long have = held + n;
            long used = runes(buf, have, n == 0, c);
            held = have - used;
            memmove(buf, buf + used, held);
        }
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
        fprint(2, "usage: wc [-lwrbc] [file ...]\n");
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
            fprint(2, "wc: can't open %s: %r\n", argv[i]);
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
