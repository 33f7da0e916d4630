// grep [-bchiLlnsv] [-e pattern] [-f file] [pattern] [file ...]: prints the lines that
// match. Plan 9's grep has its own pattern reader, whose quirks this one keeps while it
// translates each pattern into regexp(6) for libregexp: a newline separates alternatives,
// an alternative that starts with * is taken literally, -i folds A-Z in the pattern and
// the text, a class is a set of quoted runes ([a-] is [a]), and a trailing \ matches
// nothing. Output is Plan 9's: "file:" when several files, "N: " for -n, and a last line
// without a newline is printed without one unless file names are printed.
#include "libc.h"
#include "libregexp/regexp.h"
#include "lines.h"

namespace {

bool bflag, cflag, hflag, iflag, lflag, Lflag, nflag, sflag, vflag;
Fmt out;  // standard output, buffered
char outbuf[8192];
Reprog* prog;
char* alts;  // the alternatives so far, joined by |
const char* patfile;  // the -f file being read, for error messages

[[noreturn]] void usage()
{
    fprint(2, "usage: grep [-bchiLlnsv] [-f file] [-e expr] [file ...]\n");
    exits("usage");
}

[[noreturn]] void syntax(int line)
{
    if (patfile)
        fprint(2, "grep: %s:%d: syntax error\n", patfile, line);
    else
        fprint(2, "grep: syntax error\n");
    exits("syntax");
}

// A growing string.
struct Str {
    char* s = nullptr;
    long n = 0;
    long max = 0;

    void add(const char* p, long k)
    {
        if (n + k + 1 > max) {
            max = 2 * (n + k + 1);
            s = (char*)realloc(s, max);
            if (s == nullptr)
                sysfatal("out of memory");
        }
        memmove(s + n, p, k);
        n += k;
        s[n] = 0;
    }

    void add(const char* p) { add(p, strlen(p)); }

    void quoted(Rune r)  // r as a regexp(6) literal
    {
        char buf[UTFmax + 1] = "\\";
        add(buf, 1 + runetochar(buf + 1, &r));
    }
};

// The rune at *p, advancing past it; 0 at the end of the alternative.
Rune get(const char** p, const char* e)
{
    if (*p >= e)
        return 0;
    Rune r;
    *p += chartorune(&r, *p);
    return r;
}

// A class, from just after [ up to its ], into out as a regexp(6) class of quoted runes.
// Returns the position after ], or nil if there is none.
const char* cclass(const char* p, const char* e, Str* out)
{
    out->add("[");
    if (p < e && *p == '^') {
        out->add("^");
        p++;
    }
    const char* q = p;
    while (q < e && *q != ']')
        q += *q == '\\' && q + 1 < e ? 2 : 1;
    if (q >= e)
        return nullptr;
    Rune r = get(&p, q);
    for (;;) {
        if (r == '\\')
            r = get(&p, q);
        if (r == 0)
            break;
        Rune lo = r;
        Rune hi = r;
        r = get(&p, q);
        if (r == '-') {
            r = get(&p, q);
            if (r == '\\')
                r = get(&p, q);
            if (r != 0) {  // a trailing - adds nothing
                hi = r;
                r = get(&p, q);
            }
        }
        if (lo > hi)
            continue;
        out->quoted(lo);
        if (hi != lo) {
            out->add("-");
            out->quoted(hi);
        }
    }
    out->add("]");
    return q + 1;
}

// One alternative, [p, e), in regexp(6).
void translate(const char* p, const char* e, Str* out)
{
    if (*p == '*') {
        for (p++; p < e;)
            out->quoted(get(&p, e));
        return;
    }
    while (p < e) {
        if (*p == '[') {
            p = cclass(p + 1, e, out);
            if (p == nullptr)
                return out->add("(");  // unbalanced: compiling it fails
            continue;
        }
        if (*p != '\\') {
            out->add(p++, 1);
            continue;
        }
        if (++p == e)
            return out->add("[]");  // matches nothing, as Plan 9's does
        out->quoted(get(&p, e));
    }
}

// Adds the alternatives of one pattern: its lines, where \newline also ends a line.
void addpattern(const char* pat)
{
    int line = 1;
    const char* p = pat;
    if (*p == 0 || *p == '\n')
        syntax(line);
    while (*p) {
        const char* e = p;
        while (*e && *e != '\n' && !(*e == '\\' && e[1] == '\n'))
            e += *e == '\\' && e[1] ? 2 : 1;
        const char* end = e;
        if (*e == '\\')
            e++;
        if (end > p) {
            if (*p == '*' && end == p + 1)
                syntax(line + (*e == '\n'));  // * takes the rest literally: none
            Str alt;
            translate(p, end, &alt);
            Reprog* re = regcomp(alt.s);
            if (re == nullptr)
                syntax(line + (*e == '\n'));
            free(re);
            Str all;
            if (alts) {
                all.add(alts);
                all.add("|");
            }
            all.add(alt.s);
            free(alts);
            free(alt.s);
            alts = all.s;
        }
        while (*e == '\n') {
            e++;
            line++;
        }
        p = e;
    }
}

void fold(char* s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s += 'a' - 'A';
}

char* patternfile(const char* name)
{
    int fd = open(name, OREAD);
    if (fd < 0) {
        fprint(2, "grep: can't open %s: %r\n", name);
        exits("open");
    }
    Str s;
    s.add("");
    Linereader in(fd);
    long len;
    for (char* line; (line = in.next(&len)) != nullptr;)
        s.add(line, len);
    close(fd);
    return s.s;
}

// Searches one file (nil: standard input); true if some line was selected.
bool search(const char* file, bool names)
{
    int fd = 0;
    if (file == nullptr)
        file = "stdin";
    else if ((fd = open(file, OREAD)) < 0) {
        fprint(2, "grep: can't open %s: %r\n", file);
        return false;
    }
    bool unbuffered = (fd == 0) != bflag;
    Linereader in(fd);
    Str text;  // the line, NUL-terminated and folded for -i
    long lineno = 0;
    long count = 0;
    long len;
    for (char* line; (line = in.next(&len)) != nullptr;) {
        lineno++;
        text.n = 0;
        text.add(line, len - (line[len - 1] == '\n'));  // $ is the end of the line
        if (iflag)
            fold(text.s);
        if ((regexec(prog, text.s, nullptr, 0) > 0) == vflag)
            continue;
        count++;
        if (cflag || sflag || lflag || Lflag)
            continue;
        if (names)
            fmtprint(&out, "%s:", file);
        if (nflag)
            fmtprint(&out, "%ld: ", lineno);
        memmove(text.s, line, text.n);  // printed as read, not folded
        fmtprint(&out, line[len - 1] == '\n' || names ? "%s\n" : "%s", text.s);
        if (unbuffered)
            fmtfdflush(&out);
    }
    free(text.s);
    if (fd != 0)
        close(fd);
    if (cflag) {
        if (names)
            fmtprint(&out, "%s:", file);
        fmtprint(&out, "%ld\n", count);
    }
    if ((lflag && count) || (Lflag && !count))
        fmtprint(&out, "%s\n", file);
    fmtfdflush(&out);
    return count != 0;
}

}  // namespace

int main(int argc, char** argv)
{
    char* pats[2 * 64];  // -e and -f arguments in order, each with its kind
    int npat = 0;
    ARGBEGIN {
    case 'b': bflag = true; break;
    case 'c': cflag = true; break;
    case 'h': hflag = true; break;
    case 'i': iflag = true; break;
    case 'L': Lflag = true; break;
    case 'l': lflag = true; break;
    case 'n': nflag = true; break;
    case 'q':  // GNU's name for -s
    case 's': sflag = true; break;
    case 'v': vflag = true; break;
    case 'e':
    case 'f':
        if (npat == nelem(pats))
            sysfatal("too many patterns");
        pats[npat++] = ARGC() == 'e' ? (char*)"e" : (char*)"f";
        pats[npat++] = EARGF(usage());
        break;
    default:
        usage();
    } ARGEND
    if (npat == 0) {
        if (argc == 0)
            usage();
        pats[npat++] = (char*)"e";
        pats[npat++] = *argv++;
        argc--;
    }
    for (int k = 0; k < npat; k += 2) {
        char* pat = pats[k][0] == 'f' ? patternfile(pats[k + 1]) : strdup(pats[k + 1]);
        patfile = pats[k][0] == 'f' ? pats[k + 1] : nullptr;
        if (iflag)
            fold(pat);
        addpattern(pat);
        free(pat);
    }
    prog = regcomp(alts);
    if (prog == nullptr)
        sysfatal("%r");
    fmtfdinit(&out, 1, outbuf, sizeof outbuf);
    bool found = false;
    if (argc == 0)
        found = search(nullptr, false);
    for (int k = 0; k < argc; k++)
        found |= search(argv[k], argc > 1 && !hflag);
    exits(found ? nullptr : "no matches");
}
