// sed's compiler: turns program text into the command array of sed.h as Plan 9's sed
// does, one line at a time. A line ends at an unescaped newline; \newline stays in it (the
// text of a, i, c), and a last line without a newline is dropped, as Plan 9's is. Each
// line holds commands separated by ;. Branches to labels not yet seen are kept in a list
// and patched by endcompile; { is a branch past its } taken where the address fails.
// Errors are 9base's messages, the line quoted as read.
#include "sed.h"

Sedcom* cmds;
int ncmds;
bool gflag;

namespace {

constexpr int Maxlabel = 8;  // label names are shorter than this

struct Label {
    Rune name[Maxlabel];
    int address;  // the command it names, or -1 while only branched to
};

int maxcmds;
Rune* line;  // the line being compiled, NUL-terminated
Rune* cp;  // the next rune of it
Label* labels;
int nlabels;
int* brace;  // the { commands still open
int depth;
Reprog* lastre;

struct Wfile {
    char* name;
    Fmt* f;
};
Wfile* wfiles;
int nwfiles;

char* linetext()
{
    Fmt f;
    fmtstrinit(&f);
    for (Rune* r = line; *r; r++)
        fmtprint(&f, "%C", *r);
    return fmtstrflush(&f);
}

[[noreturn]] void garbled() { quit("Command garbled: %s", linetext()); }
[[noreturn]] void quitline(const char* fmt) { quit(fmt, linetext()); }

Sedcom* cur()
{
    if (ncmds + 1 >= maxcmds) {
        maxcmds = maxcmds ? 2 * maxcmds : 64;
        cmds = (Sedcom*)realloc(cmds, maxcmds * sizeof(Sedcom));
        if (cmds == nullptr)
            quit("Out of memory");
    }
    memset(&cmds[ncmds], 0, 2 * sizeof(Sedcom));
    return &cmds[ncmds];
}

// Runes as UTF-8 in a string that grows.
struct Out {
    Fmt f;
    Out() { fmtstrinit(&f); }
    void put(Rune r) { fmtprint(&f, "%C", r); }
    char* done() { return fmtstrflush(&f); }
};

// A regular expression up to the delimiter seof; nil for an empty one (the last used).
Reprog* regexp(Rune seof)
{
    Rune c = *cp++;
    if (c == seof)
        return nullptr;
    Out re;
    for (; c != seof; c = *cp++) {
        if (c == 0 || c == '\n')
            quitline("Too much text: %s");
        if (c == '\\') {
            re.put(c);
            if ((c = *cp++) == 0)
                quitline("Too much text: %s");
            if (c == 'n')
                c = '\n';
        }
        re.put(c);
    }
    char* s = re.done();
    lastre = regcomp(s);
    free(s);
    if (lastre == nullptr)
        garbled();
    return lastre;
}

// The replacement of s, up to the delimiter; nil if there is none.
char* replacement(Rune seof)
{
    Out rhs;
    for (Rune r; (r = *cp++) != 0;) {
        if (r == '\\') {
            rhs.put(r);
            if ((r = *cp++) == 0)
                break;
            if (r == 'n')
                r = '\n';
        } else if (r == seof) {
            return rhs.done();
        }
        rhs.put(r);
    }
    free(rhs.done());
    return nullptr;
}

// The text of a, c and i, or the file name of r and w: the rest of the line, \c read as
// c, blanks after each newline dropped.
char* text()
{
    while (*cp == ' ' || *cp == '\t')
        cp++;
    Out t;
    while (*cp) {
        if (*cp == '\\' && *++cp == 0)
            break;
        Rune r = *cp++;
        t.put(r);
        if (r == '\n')
            while (*cp == ' ' || *cp == '\t')
                cp++;
    }
    return t.done();
}

void address(Addr* a)
{
    Rune c = *cp++;
    if (c == '$') {
        a->type = Atype::Dol;
    } else if (c == '/') {
        a->rp = regexp('/');
        if (a->rp == nullptr && (a->rp = lastre) == nullptr)
            quit("First RE may not be null");
        a->type = Atype::Re;
    } else if (c >= '0' && c <= '9') {
        long n = c - '0';
        while (*cp >= '0' && *cp <= '9')
            n = n * 10 + *cp++ - '0';
        if (n == 0)
            quit("line number 0 is illegal");
        a->type = Atype::Line;
        a->line = n;
    } else {
        cp--;
        a->type = Atype::None;
    }
}

Label* label(const Rune* name, int n)
{
    for (int k = 0; k < nlabels; k++)
        if (runestrlen(labels[k].name) == n && memcmp(labels[k].name, name, n * sizeof(Rune)) == 0)
            return &labels[k];
    if (nlabels % 16 == 0 && (labels = (Label*)realloc(labels, (nlabels + 16) * sizeof(Label))) == nullptr)
        quit("Out of memory");
    Label* l = &labels[nlabels++];
    memmove(l->name, name, n * sizeof(Rune));
    l->name[n] = 0;
    l->address = -1;
    return l;
}

// A label name running to one of the stop runes.
Label* labelname(const char* stops)
{
    Rune* s = cp;
    while (*cp && utfrune(stops, *cp) == nullptr)
        if (++cp - s >= Maxlabel)
            quitline("Label too long: %s");
    if (cp == s)
        garbled();
    return label(s, cp - s);
}

Fmt* wfile(char* name)
{
    for (int k = 0; k < nwfiles; k++)
        if (strcmp(wfiles[k].name, name) == 0) {
            free(name);
            return wfiles[k].f;
        }
    int fd = open(name, OWRITE);
    if (fd < 0 && (fd = create(name, OWRITE, 0666)) < 0)
        quit("Cannot create %s", name);
    seek(fd, 0, 2);
    constexpr int Bufsize = 8192;
    auto* f = (Fmt*)malloc(sizeof(Fmt) + Bufsize);
    if (f == nullptr || (nwfiles % 16 == 0
            && (wfiles = (Wfile*)realloc(wfiles, (nwfiles + 16) * sizeof(Wfile))) == nullptr))
        quit("Out of memory");
    fmtfdinit(f, fd, (char*)(f + 1), Bufsize);
    wfiles[nwfiles++] = Wfile {name, f};
    return f;
}

// y/from/to/: a table from each rune of from to the rune of to at the same place.
bool ycomp(Sedcom* c, Rune seof)
{
    Rune high = 0;
    Rune* to = cp;
    for (; *to != seof; to++) {
        if (*to == '\\')
            to++;
        if (*to == '\n' || *to == 0)
            return false;
        if (*to > high)
            high = *to;
    }
    to++;
    c->nymap = high + 1;
    c->ymap = (Rune*)malloc(c->nymap * sizeof(Rune));
    if (c->ymap == nullptr)
        quit("Out of memory");
    for (Rune r = 0; r <= high; r++)
        c->ymap[r] = r;
    for (Rune r; (r = *cp++) != seof;) {
        if (r == '\\' && *cp == 'n') {
            cp++;
            r = '\n';
        }
        Rune t = *to++;
        if (t == '\\' && *to == 'n') {
            t = '\n';
            to++;
        }
        if (t == seof || t == 0)
            return false;
        c->ymap[r] = t;
    }
    if (*to != seof)
        return false;
    cp = to + 1;
    return true;
}

// Compiles one command, its address already read, from cp; false if the line goes on
// with another command at cp.
bool command(Sedcom* c)
{
    for (;;) {
        c->cmd = *cp++;
        if (c->cmd != '!')
            break;
        c->neg = true;
    }
    bool two = c->ad2.type != Atype::None;
    switch (c->cmd) {
    case '{':
        c->neg = !c->neg;
        if (depth % 16 == 0 && (brace = (int*)realloc(brace, (depth + 16) * sizeof(int))) == nullptr)
            quit("Out of memory");
        brace[depth++] = ncmds++;
        return *cp == 0;
    case '}':
        if (c->ad1.type != Atype::None)
            quitline("No addresses allowed: %s");
        if (--depth < 0)
            quit("Too many }'s");
        cmds[brace[depth]].jump = ncmds;
        c->cmd = 0;
        return *cp == 0;
    case ':': {
        if (c->ad1.type != Atype::None)
            quitline("No addresses allowed: %s");
        while (*cp == ' ')
            cp++;
        Label* l = labelname("; \t#");
        if (l->address >= 0)
            quitline("Duplicate labels: %s");
        l->address = ncmds;
        c->cmd = 0;
        if (*cp == '#')
            return true;
        break;
    }
    case '=':
    case 'q':
        if (two)
            quitline("Only one address allowed: %s");
        break;
    case 'a':
    case 'i':
        if (two)
            quitline("Only one address allowed: %s");
        [[fallthrough]];
    case 'c':
        if (*cp == '\\')
            cp++;
        if (*cp++ != '\n')
            garbled();
        c->text = text();
        break;
    case 'b':
    case 't':
        while (*cp == ' ')
            cp++;
        if (*cp == 0 || *cp == ';') {
            c->jump = -1;  // to the end
            break;
        }
        // The label's own list of branches to patch runs through their jump fields.
        {
            Label* l = labelname(";");
            c->jump = l->address >= 0 ? l->address : -2 - (int)(l - labels);
        }
        break;
    case 'D':
        c->jump = 0;
        break;
    case 'r':
        if (two)
            quitline("Only one address allowed: %s");
        if (*cp++ != ' ')
            garbled();
        c->text = text();
        break;
    case 'w':
        if (*cp++ != ' ')
            garbled();
        c->wfile = wfile(text());
        break;
    case 's': {
        Rune seof = *cp++;
        if (seof == 0 || seof == '\n' || seof == '\\')
            garbled();
        if ((c->re = regexp(seof)) == nullptr && (c->re = lastre) == nullptr)
            quit("First RE may not be null.");
        if ((c->rhs = replacement(seof)) == nullptr)
            garbled();
        c->gfl = gflag;
        if (*cp == 'g') {
            cp++;
            c->gfl = true;
        }
        if (*cp == 'p' || *cp == 'P')
            c->pfl = *cp++ == 'p' ? 1 : 2;
        if (*cp == 'w') {
            cp++;
            if (*cp++ != ' ')
                garbled();
            c->wfile = wfile(text());
        }
        break;
    }
    case 'y': {
        Rune seof = *cp++;
        if (seof == 0 || !ycomp(c, seof))
            garbled();
        break;
    }
    case 'd': case 'g': case 'G': case 'h': case 'H': case 'l': case 'n': case 'N':
    case 'p': case 'P': case 'x':
        break;
    default:
        quitline("Unrecognized command: %s");
    }
    if (c->cmd != 0)
        ncmds++;
    if (*cp == 0)
        return true;
    if (*cp++ != ';')
        garbled();
    return false;
}

void compileline()
{
    cp = line;
    for (;;) {
        while (*cp == ' ' || *cp == '\t' || *cp == ';')
            cp++;
        if (*cp == 0 || *cp == '#')
            return;
        Sedcom* c = cur();
        address(&c->ad1);
        if (c->ad1.type != Atype::None && (*cp == ',' || *cp == ';')) {
            cp++;
            address(&c->ad2);
        }
        while (*cp == ' ' || *cp == '\t')
            cp++;
        if (command(c))
            return;
    }
}

}  // namespace

void compile(const char* prog, bool file)
{
    long n = utflen(prog);
    Rune* r = (Rune*)malloc((n + 2) * sizeof(Rune));
    if (r == nullptr)
        quit("Out of memory");
    for (long k = 0; k < n; k++)
        prog += chartorune(&r[k], prog);
    if (!file)
        r[n++] = '\n';  // an argument is one complete line or more
    line = (Rune*)malloc((n + 1) * sizeof(Rune));
    if (line == nullptr)
        quit("Out of memory");
    long len = 0;
    for (long k = 0; k < n; k++) {
        if (r[k] == '\\' && k + 1 < n) {
            line[len++] = r[k++];
        } else if (r[k] == '\n') {
            line[len] = 0;
            compileline();
            len = 0;
            continue;
        }
        line[len++] = r[k];
    }
    free(r);
    free(line);
}

void endcompile()
{
    if (depth > 0)
        quit("Too many {'s");
    cur();
    for (int k = 0; k < ncmds; k++) {
        int& j = cmds[k].jump;
        if (j == -1) {
            j = ncmds;
        } else if (j <= -2) {
            Label* l = &labels[-2 - j];
            if (l->address < 0) {
                Fmt f;
                fmtstrinit(&f);
                for (Rune* r = l->name; *r; r++)
                    fmtprint(&f, "%C", *r);
                quit("Undefined label: %s", fmtstrflush(&f));
            }
            j = l->address;
        }
    }
}

void wflush()
{
    for (int k = 0; k < nwfiles; k++)
        fmtfdflush(wfiles[k].f);
}
