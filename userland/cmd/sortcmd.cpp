// sort [-cmuMbdfginrwt x] [+pos1 [-pos2]] ... [-k pos1[,pos2]] ... [-o out] [file ...]:
// sorts the lines of all the files together, as Plan 9's sort. Every line gets a key,
// a byte string built from its sort fields (then from the whole line, unless -u and
// fields are given) so that comparing keys with memcmp orders the lines: numbers become
// sign, decimal exponent and digits; months their ordinal; -f -d -i -w map or drop
// bytes; -r complements them. Lines whose keys agree keep their input order (a stable
// merge sort). All input is held in memory; -T (a temporary directory) is accepted for
// compatibility and unused.
#include "libc.h"
#include "lines.h"
#include "sort.h"
#include "sortkey.h"

namespace {

struct Line {
    char* text;  // ends in '\n'
    long len;
    uchar* key;
    long klen;
};

constexpr int Nfield = 20;

Field field[Nfield];  // field[0] holds the global flags and orders whole lines
int nfield;
Rune tabchar;
bool cflag, uflag;
const char* ofile;

[[noreturn]] void fail(const char* status, const char* fmt, ...)
{
    va_list arg;
    va_start(arg, fmt);
    char* s = vsmprint(fmt, arg);
    va_end(arg);
    fprint(2, "sort: %s\n", s);
    exits(status);
}

void setflag(int n, Rune c)
{
    static const char letters[] = "bdfgiMnrw";
    static const ulong bits[] = {Bflag, Dflag, Fflag, Gflag, Iflag, Mflag, Nflag, Rflag, Wflag};
    const char* p = c < Runeself ? strchr(letters, c) : nullptr;
    if (p == nullptr || c == 0)
        fail("option", "unknown option: field.%C", c);
    field[n].flags |= bits[p - letters];
}

// m[.n][flags]: the numbers less off1 and off2 into *n1 and *n2, the flags into field n.
void dofield(const char* s, int* n1, int* n2, int off1, int off2)
{
    if (*s >= '0' && *s <= '9') {
        int n = 0;
        while (*s >= '0' && *s <= '9')
            n = n * 10 + (*s++ - '0');
        if ((n -= off1) < 0)
            fail("option", "field offset must be positive");
        *n1 = n;
    }
    if (*s == '.') {
        s++;
        if (*s >= '0' && *s <= '9') {
            int n = 0;
            while (*s >= '0' && *s <= '9')
                n = n * 10 + (*s++ - '0');
            if ((n -= off2) < 0)
                fail("option", "character offset must be positive");
            *n2 = n;
        }
    }
    while (*s) {
        Rune r;
        s += chartorune(&r, s);
        setflag(nfield, r);
    }
}

void newfield()
{
    if (++nfield >= Nfield)
        fail("option", "too many fields specified");
}

void begflags(Field* f)
{
    if (f->flags & Bflag) {
        f->flags |= B1flag;
        f->flags &= ~Bflag;
    }
}

// The option's value: the rest of this argument, else the next one (then cleared).
char* optarg(char** argv, int* i, int argc, char* rest)
{
    if (*rest)
        return rest;
    if (*i + 1 >= argc)
        return nullptr;
    char* v = argv[++*i];
    argv[*i] = nullptr;
    return v;
}

// Options may come anywhere among the files; the ones taken are cleared from argv.
void doargs(int argc, char** argv)
{
    bool hadplus = false;
    for (int i = 1; i < argc; i++) {
        char* s = argv[i];
        if (s[0] == '-' && s[1] == 0)
            continue;
        if (s[0] == '-' && ((s[1] >= '0' && s[1] <= '9') || s[1] == '.')) {
            argv[i] = nullptr;
            if (!hadplus)
                newfield();
            dofield(s + 1, &field[nfield].end1, &field[nfield].end2, 0, 0);
            hadplus = false;
            continue;
        }
        if (s[0] == '+') {
            argv[i] = nullptr;
            if (!((s[1] >= '0' && s[1] <= '9') || s[1] == '.')) {
                Rune r;
                chartorune(&r, s + 1);
                fail("option", "unknown option: +%C", r);
            }
            newfield();
            dofield(s + 1, &field[nfield].beg1, &field[nfield].beg2, 0, 0);
            begflags(&field[nfield]);
            hadplus = true;
            continue;
        }
        if (s[0] != '-')
            continue;
        argv[i] = nullptr;
        if (s[1] == '-' && s[2] == 0)
            break;  // the rest are files, even ones that look like options
        for (s++; *s;) {
            Rune c;
            s += chartorune(&c, s);
            char* v;
            switch (c) {
            case 'T':
                optarg(argv, &i, argc, s);
                s = strchr(s, 0);
                break;
            case 'o':
                ofile = optarg(argv, &i, argc, s);
                s = strchr(s, 0);
                break;
            case 'k': {
                v = optarg(argv, &i, argc, s);
                s = strchr(s, 0);
                if (v == nullptr)
                    break;
                newfield();
                Field* f = &field[nfield];
                char* comma = strchr(v, ',');
                if (comma)
                    *comma++ = 0;
                dofield(v, &f->beg1, &f->beg2, 1, 1);
                begflags(f);
                if (comma) {
                    dofield(comma, &f->end1, &f->end2, 1, 0);
                    if (f->end2 <= 0)
                        f->end1++;
                }
                hadplus = false;
                break;
            }
            case 't':
                if (*s == 0) {
                    if (i + 1 < argc) {
                        chartorune(&tabchar, argv[++i]);
                        argv[i] = nullptr;
                    }
                } else {
                    s += chartorune(&tabchar, s);
                }
                if (tabchar == '\n')
                    fail("rob", "aw come on, rob");
                break;
            case 'c':
                cflag = true;
                break;
            case 'u':
                uflag = true;
                break;
            case 'm':  // merging is sorting here; accepted as POSIX asks
                break;
            case 'M':
            case 'b':
            case 'd':
            case 'f':
            case 'g':
            case 'i':
            case 'n':
            case 'r':
            case 'w':
                if (nfield > 0)
                    fprint(2, "sort: global field set after -k\n");
                setflag(0, c);
                break;
            default:
                fail("option", "unknown option: -%C", c);
            }
        }
    }
    for (int i = 0; i <= nfield; i++) {
        Field* f = &field[i];
        if (f->flags == 0) {  // global flags apply to fields without their own
            f->flags = field[0].flags;
            if (field[0].flags & Bflag)
                f->flags |= B1flag;
        }
        if (!setkind(f))
            fail("option", "illegal combination of flags: %lux", f->flags);
    }
}

Line** lines;
long nline, maxline;

Line* newline(const char* text, long len)
{
    Line* l = (Line*)malloc(sizeof(Line) + len + 1);
    if (l == nullptr)
        fail("mem", "out of memory");
    l->text = (char*)(l + 1);
    memmove(l->text, text, len);
    if (len == 0 || text[len - 1] != '\n') {
        fprint(2, "sort: newline added\n");
        l->text[len++] = '\n';
    }
    l->len = len;
    long room = (nfield + 1) * keyroom(len);
    l->key = (uchar*)malloc(room);
    if (l->key == nullptr)
        fail("mem", "out of memory");
    long n = 0;
    for (int i = 1; i <= nfield; i++)
        n += makekey(l->key + n, l->text, len - 1, field[i], false, tabchar);
    if (!(uflag && n > 0))
        n += makekey(l->key + n, l->text, len - 1, field[0], true, tabchar);
    l->klen = n;
    return l;
}

// As Plan 9's: keys compare over the shorter one's length.
int keycmp(const Line* a, const Line* b)
{
    return memcmp(a->key, b->key, a->klen < b->klen ? a->klen : b->klen);
}

void dofile(int fd)
{
    Linereader in(fd);
    Line* prev = nullptr;
    char* text;
    long len;
    while ((text = in.next(&len)) != nullptr) {
        Line* l = newline(text, len);
        if (cflag) {
            int c = prev ? keycmp(prev, l) : -1;
            if (c > 0 || (c == 0 && uflag))
                fail("order", "-c file not in sort");
            if (prev != nullptr) {
                free(prev->key);
                free(prev);
            }
            prev = l;
            continue;
        }
        if (nline == maxline) {
            maxline = 2 * maxline + 1024;
            lines = (Line**)realloc(lines, maxline * sizeof *lines);
            if (lines == nullptr)
                fail("mem", "out of memory");
        }
        lines[nline++] = l;
    }
}

void output(int fd)
{
    Line** tmp = (Line**)malloc((nline + 1) * sizeof *tmp);
    if (tmp == nullptr)
        fail("mem", "out of memory");
    stable_sort(lines, nline, [](const Line* a, const Line* b) { return keycmp(a, b) < 0; }, tmp);
    char buf[8192];
    long n = 0;
    const Line* last = nullptr;
    for (long i = 0; i < nline; i++) {
        const Line* l = lines[i];
        if (uflag && last != nullptr && keycmp(last, l) == 0)
            continue;
        last = l;
        for (long off = 0; off < l->len;) {
            long m = l->len - off < (long)sizeof buf - n ? l->len - off : (long)sizeof buf - n;
            memmove(buf + n, l->text + off, m);
            n += m;
            off += m;
            if (n == sizeof buf) {
                if (write(fd, buf, n) != n)
                    exits("write");
                n = 0;
            }
        }
    }
    if (n > 0 && write(fd, buf, n) != n)
        exits("write");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "sort";
    doargs(argc, argv);
    int nfile = 0;
    for (int i = 1; i < argc; i++)
        nfile += argv[i] != nullptr;
    if (cflag && nfile > 1)
        fail("option", "-c can have at most one input file");
    for (int i = 1; i < argc; i++) {
        if (argv[i] == nullptr)
            continue;
        if (strcmp(argv[i], "-") == 0) {
            dofile(0);
            continue;
        }
        int fd = open(argv[i], OREAD);
        if (fd < 0)
            fail("open", "open %s: %r", argv[i]);
        dofile(fd);
        close(fd);
    }
    if (nfile == 0)
        dofile(0);
    if (cflag)
        exits(nullptr);
    int fd = 1;
    if (ofile != nullptr && (fd = create(ofile, OWRITE, 0666)) < 0)
        fail("create", "create %s: %r", ofile);
    output(fd);
    exits(nullptr);
}
