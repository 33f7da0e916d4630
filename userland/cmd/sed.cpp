// sed [-gln] [-e script] [-f sfile] [file ...]: the stream editor, Plan 9's. Each input
// line (the files read as one stream) goes into the pattern space, the commands whose
// addresses select it run in turn, and the pattern space is printed unless -n or d.
// Semantics are Plan 9's, in its corners too: c prints its text at the start of a range,
// n and N at the end of input end the script without printing, $ is known by reading one
// byte ahead, s///g steps one rune past an empty match, and output always ends lines with
// a newline. -g makes every s global; -l flushes output after each line.
#include "lines.h"
#include "sed.h"

namespace {

// A byte string that grows; s is always NUL-terminated.
struct Buf {
    char* s;
    long n;
    long max;

    void reserve(long want)
    {
        if (want + 1 > max) {
            max = 2 * (want + 1);
            if ((s = (char*)realloc(s, max)) == nullptr)
                quit("Out of memory");
        }
    }

    void add(const char* p, long k)
    {
        reserve(n + k);
        memmove(s + n, p, k);
        n += k;
        s[n] = 0;
    }

    void set(const char* p, long k)
    {
        n = 0;
        add(p, k);
    }
};

bool nflag, lflag;
Fmt fout;  // standard output, buffered
char outbuf[8192];
Buf ps, hs;  // pattern and hold spaces
long lnum;
bool dolflag;  // the line read last is the last one
bool sflag;  // a substitution was made since the last line was read
bool jflag, delflag;
int* appends;  // a and r commands to do at the end of the cycle
int nappends;

char** files;  // input files; nil for standard input
int nfiles;
int nextfile;
Linereader* in;  // the file being read
int infd;
char* ahead;  // the line read ahead to know whether this one is the last
long aheadlen;

Resub sub[10];
const char* loc1;  // the last match
const char* loc2;

// Prints s[0, n) and a newline.
void putline(Fmt* f, char* s, long n)
{
    char c = s[n];
    s[n] = 0;
    fmtprint(f, "%s\n", s);
    s[n] = c;
    if (lflag)
        fmtfdflush(f);
}

[[noreturn]] void finish(const char* status)
{
    fmtfdflush(&fout);
    wflush();
    exits(status);
}

bool opendata()
{
    if (nextfile >= nfiles)
        return false;
    const char* name = files[nextfile++];
    infd = name ? open(name, OREAD) : 0;
    if (infd < 0)
        quit("Can't open %s", name);
    in = new Linereader(infd);
    return true;
}

// Reads the next input line into the pattern space, or onto its end; false at the end.
// NUL bytes are dropped, as Plan 9's sed drops them.
bool gline(bool append)
{
    if (in == nullptr && !opendata())
        return false;
    sflag = false;
    lnum++;
    for (;;) {
        long len = aheadlen;
        char* line = ahead ? ahead : in->next(&len);
        ahead = nullptr;
        if (line) {
            if (!append)
                ps.n = 0;
            bool nl = line[len - 1] == '\n';
            for (long k = 0; k < len - nl; k++)
                if (line[k])
                    ps.add(line + k, 1);
            ps.reserve(ps.n);
            ps.s[ps.n] = 0;
            if (nl)
                ahead = in->next(&aheadlen);
            if (ahead == nullptr)
                dolflag = nextfile >= nfiles;
            return true;
        }
        delete in;
        in = nullptr;
        if (infd != 0)
            close(infd);
        if (!opendata())
            return false;
    }
}

bool match(Reprog* re, const char* from)
{
    sub[0] = Resub {from, nullptr};
    if (regexec(re, ps.s, sub, nelem(sub)) > 0) {
        loc1 = sub[0].sp;
        loc2 = sub[0].ep;
        return true;
    }
    loc1 = loc2 = nullptr;
    return false;
}

bool executable(Sedcom* c)
{
    if (c->active) {
        if (c->active == 1)
            c->active = 2;
        switch (c->ad2.type) {
        case Atype::None:
            c->active = 0;
            break;
        case Atype::Dol:
            return !c->neg;
        case Atype::Line:
            if (lnum <= c->ad2.line) {
                if (lnum == c->ad2.line)
                    c->active = 0;
                return !c->neg;
            }
            c->active = 0;
            return c->neg;
        case Atype::Re:
            if (match(c->ad2.rp, ps.s))
                c->active = 0;
            return !c->neg;
        }
    }
    switch (c->ad1.type) {
    case Atype::None:
        return !c->neg;
    case Atype::Dol:
        if (dolflag)
            return !c->neg;
        break;
    case Atype::Line:
        if (c->ad1.line == lnum) {
            c->active = 1;
            return !c->neg;
        }
        break;
    case Atype::Re:
        if (match(c->ad1.rp, ps.s)) {
            c->active = 1;
            return !c->neg;
        }
        break;
    }
    return c->neg;
}

// Replaces the match [loc1, loc2) by the expansion of rhs; loc2 moves past it.
void dosub(const char* rhs)
{
    Buf out {};
    out.add(ps.s, loc1 - ps.s);
    for (const char* r = rhs; *r; r++) {
        if (*r == '&') {
            out.add(loc1, loc2 - loc1);
            continue;
        }
        if (*r == '\\' && r[1] >= '1' && r[1] <= '9') {
            int k = *++r - '0';
            if (sub[k].sp == nullptr || sub[k].ep == nullptr) {
                fprint(2, "sed: Invalid back reference \\%d\n", k);
                finish("error");
            }
            out.add(sub[k].sp, sub[k].ep - sub[k].sp);
            continue;
        }
        if (*r == '\\' && r[1])
            r++;
        out.add(r, 1);
    }
    long at = out.n;
    out.add(loc2, ps.s + ps.n - loc2);
    free(ps.s);
    ps = out;
    loc2 = ps.s + at;
}

bool substitute(Sedcom* c)
{
    if (!match(c->re, ps.s))
        return false;
    sflag = true;
    if (!c->gfl) {
        dosub(c->rhs);
        return true;
    }
    do {
        bool empty = loc1 == loc2;
        dosub(c->rhs);
        if (*loc2 == 0)
            break;
        if (empty) {
            Rune r;
            loc2 += chartorune(&r, loc2);  // step past an empty match
        }
        if (*loc2 == 0)
            break;
    } while (match(c->re, loc2));
    return true;
}

void arout()
{
    for (int k = 0; k < nappends; k++) {
        Sedcom* c = &cmds[appends[k]];
        if (c->cmd == 'a') {
            fmtprint(&fout, "%s\n", c->text);
            continue;
        }
        int fd = open(c->text, OREAD);
        if (fd < 0)
            continue;
        fmtfdflush(&fout);
        char buf[8192];
        for (long n; (n = read(fd, buf, sizeof buf)) > 0;)
            write(1, buf, n);
        close(fd);
    }
    nappends = 0;
}

void queue(int k)
{
    if (nappends % 16 == 0 && (appends = (int*)realloc(appends, (nappends + 16) * sizeof(int))) == nullptr)
        quit("Out of memory");
    appends[nappends++] = k;
}

// l: the pattern space with unprintable runes escaped, folded before 72 columns.
void list()
{
    int col = 0;
    int c = 0;
    auto emit = [&](int ch) {
        c = ch;
        fmtprint(&fout, "%c", ch);
        if (col++ > 71) {
            fmtprint(&fout, "\\\n");
            col = 0;
        }
    };
    for (const char* p = ps.s; *p;) {
        Rune r;
        p += chartorune(&r, p);
        if (r >= 0x20 && r < 0x7F && r != '\\') {
            emit(r);
            continue;
        }
        char esc[8];
        switch (r) {
        case '\b': strcpy(esc, "\\b"); break;
        case '\n': strcpy(esc, "\\n"); break;
        case '\r': strcpy(esc, "\\r"); break;
        case '\t': strcpy(esc, "\\t"); break;
        case '\\': strcpy(esc, "\\\\"); break;
        default:
            strcpy(esc, "\\x0000");
            for (int d = 0; d < 4; d++)
                esc[2 + d] = "0123456789abcdef"[r >> (12 - 4 * d) & 0xF];
            break;
        }
        for (char* e = esc; *e; e++)
            emit(*e);
    }
    if (c == ' ')
        fmtprint(&fout, "\\n");
    fmtprint(&fout, "\n");
}

void printfirst()  // P: up to the first newline
{
    const char* nl = strchr(ps.s, '\n');
    putline(&fout, ps.s, nl ? nl - ps.s : ps.n);
}

void command(int k)
{
    Sedcom* c = &cmds[k];
    switch (c->cmd) {
    case 'a':
    case 'r':
        queue(k);
        break;
    case 'c':
        delflag = true;
        if (c->active == 1)
            fmtprint(&fout, "%s\n", c->text);
        break;
    case 'd':
        delflag = true;
        break;
    case 'D': {
        const char* nl = strchr(ps.s, '\n');
        if (nl == nullptr) {
            delflag = true;
            break;
        }
        long skip = nl + 1 - ps.s;
        memmove(ps.s, nl + 1, ps.n - skip + 1);
        ps.n -= skip;
        jflag = true;
        break;
    }
    case '=':
        fmtprint(&fout, "%ld\n", lnum);
        break;
    case 'g':
        ps.set(hs.s ? hs.s : "", hs.n);
        break;
    case 'G':
        ps.add("\n", 1);
        ps.add(hs.s ? hs.s : "", hs.n);
        break;
    case 'h':
        hs.set(ps.s, ps.n);
        break;
    case 'H':
        hs.add("\n", 1);
        hs.add(ps.s, ps.n);
        break;
    case 'i':
        fmtprint(&fout, "%s\n", c->text);
        break;
    case 'b':
    case '{':
        jflag = true;
        break;
    case 'l':
        list();
        break;
    case 'n':
        if (!nflag)
            putline(&fout, ps.s, ps.n);
        arout();
        if (!gline(false))
            delflag = true;
        break;
    case 'N':
        arout();
        ps.add("\n", 1);
        if (!gline(true))
            delflag = true;
        break;
    case 'p':
        putline(&fout, ps.s, ps.n);
        break;
    case 'P':
        printfirst();
        break;
    case 'q':
        if (!nflag)
            putline(&fout, ps.s, ps.n);
        arout();
        finish(nullptr);
    case 's':
        if (!substitute(c))
            break;
        if (c->pfl == 1)
            putline(&fout, ps.s, ps.n);
        else if (c->pfl == 2)
            printfirst();
        if (c->wfile)
            putline(c->wfile, ps.s, ps.n);
        break;
    case 't':
        if (sflag) {
            sflag = false;
            jflag = true;
        }
        break;
    case 'w':
        putline(c->wfile, ps.s, ps.n);
        break;
    case 'x': {
        Buf t = ps;
        ps = hs;
        hs = t;
        ps.reserve(ps.n);
        ps.s[ps.n] = 0;
        break;
    }
    case 'y': {
        Buf out {};
        out.reserve(ps.n);
        for (const char* p = ps.s; *p;) {
            Rune r;
            p += chartorune(&r, p);
            if (r < (Rune)c->nymap)
                r = c->ymap[r];
            char u[UTFmax];
            out.add(u, runetochar(u, &r));
        }
        free(ps.s);
        ps = out;
        break;
    }
    }
}

void execute()
{
    while (gline(false)) {
        for (int k = 0; cmds[k].cmd;) {
            if (!executable(&cmds[k])) {
                k++;
                continue;
            }
            command(k);
            if (delflag)
                break;
            if (jflag) {
                jflag = false;
                k = cmds[k].jump;
            } else {
                k++;
            }
        }
        if (!nflag && !delflag)
            putline(&fout, ps.s, ps.n);
        arout();
        delflag = false;
    }
}

}  // namespace

// The message goes out before the output still buffered, as 9base's sed has it.
void quit(const char* fmt, ...)
{
    char buf[512];
    va_list args;
    va_start(args, fmt);
    vsnprint(buf, sizeof buf, fmt, args);
    va_end(args);
    fprint(2, "sed: %s\n", buf);
    finish("error");
}

int main(int argc, char** argv)
{
    fmtfdinit(&fout, 1, outbuf, sizeof outbuf);
    ps.reserve(0);
    ps.s[0] = 0;
    if (argc == 1)
        exits(nullptr);
    bool compiled = false;
    ARGBEGIN {
    case 'e': {
        char* s = ARGF();
        if (s == nullptr)
            quit("missing pattern");
        compile(s, false);
        compiled = true;
        break;
    }
    case 'f': {
        char* name = ARGF();
        if (name == nullptr)
            quit("no pattern-file");
        int fd = open(name, OREAD);
        if (fd < 0)
            quit("Cannot open pattern-file: %s\n", name);
        Buf prog {};
        prog.reserve(0);
        prog.s[0] = 0;
        Linereader lines(fd);
        long len;
        for (char* l; (l = lines.next(&len)) != nullptr;)
            prog.add(l, len);
        close(fd);
        compile(prog.s, true);
        free(prog.s);
        compiled = true;
        break;
    }
    case 'g':
        gflag = true;
        break;
    case 'l':
        lflag = true;
        break;
    case 'n':
        nflag = true;
        break;
    default:
        fprint(2, "sed: Unknown flag: %C\n", ARGC());
        break;
    } ARGEND
    if (!compiled) {
        if (argc == 0)
            quit("missing pattern");
        compile(*argv++, false);
        argc--;
    }
    endcompile();
    static char* none[] = {nullptr};
    files = argc > 0 ? argv : none;
    nfiles = argc > 0 ? argc : 1;
    execute();
    finish(nullptr);
}
