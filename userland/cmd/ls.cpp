// ls and lc: list files and directories as Plan 9's ls(1) does. lc is this source built
// with LC defined (CMakeLists.txt): it implies -p and sets the names in columns 80
// characters wide, which is what Plan 9's `ls -p | mc` prints on a terminal without a font.
// Names are gathered in batches (the file arguments seen so far, or one directory's
// entries) so each batch is sorted and its -l columns line up, as in Plan 9's ls.
#include "libc.h"
#include "sort.h"

namespace {

#ifdef LC
constexpr bool lc = true;
#else
constexpr bool lc = false;
#endif

enum {
    Linewidth = 80,  // lc's column layout
    Halfyear = 180L * 24 * 60 * 60,  // -l shows the year instead of the time beyond this
    Day = 24 * 60 * 60,
};

struct Entry {
    Dir* d;
    const char* prefix;  // printed before the name as prefix/name, unless -p; may be nil
    long order;  // arrival order, so equal keys keep it (Plan 9's ls sorts stably too)
};

bool dflag, lflag, mflag, nflag, pflag, qflag, rflag, sflag, tflag, uflag;
bool Fflag, Qflag, Tflag;
long now;
bool failed;

Entry* batch;
long nbatch, abatch;
long arrivals;

// Column widths of the batch being printed.
int swidth, qwidth, mwidth, vwidth, uwidth, gwidth, lwidth;

Fmt out;
char outbuf[8192];

// lc's output: every line, columnated at the end.
char** lines;
long nlines, alines;

[[noreturn]] void usage()
{
    fprint(2, "usage: %s [-dlmnpqrstuFQT] [file ...]\n", argv0);
    exits("usage");
}

void* grow(void* p, long* alloc, long want, usize size)
{
    if (want <= *alloc)
        return p;
    long n = *alloc ? *alloc * 2 : 64;
    while (n < want)
        n *= 2;
    p = realloc(p, n * size);
    if (p == nullptr)
        sysfatal("out of memory");
    *alloc = n;
    return p;
}

void add(Dir* d, const char* prefix)
{
    batch = (Entry*)grow(batch, &abatch, nbatch + 1, sizeof(Entry));
    batch[nbatch++] = Entry{d, prefix, arrivals++};
}

// Plan 9's ls orders a file given as a/b among the entries of directory a by its whole
// name: compare prefixes first, then names, and a name that equals the other's prefix
// sorts first.
int compare_names(const Entry& a, const Entry& b)
{
    if (a.prefix && b.prefix) {
        int i = strcmp(a.prefix, b.prefix);
        return i ? i : strcmp(a.d->name, b.d->name);
    }
    if (a.prefix) {
        int i = strcmp(a.prefix, b.d->name);
        return i ? i : 1;
    }
    if (b.prefix) {
        int i = strcmp(a.d->name, b.prefix);
        return i ? i : -1;
    }
    return strcmp(a.d->name, b.d->name);
}

bool before(const Entry& a, const Entry& b)
{
    long i;
    if (tflag) {
        ulong ta = uflag ? a.d->atime : a.d->mtime;
        ulong tb = uflag ? b.d->atime : b.d->mtime;
        i = ta == tb ? 0 : ta > tb ? -1 : 1;  // newest first
    } else {
        i = compare_names(a, b);
    }
    if (i == 0)
        i = a.order < b.order ? -1 : 1;
    return rflag ? i > 0 : i < 0;
}

// Names holding characters special to rc print quoted unless -Q.
bool rc_special(const char* s)
{
    for (; *s; s++)
        if ((uchar)*s <= ' ' || strchr("`^#*[]=|\\?${}()'<>&;", *s) != nullptr)
            return true;
    return false;
}

// "Nov 23 19:49", or "Nov 23  2026" for times more than six months ago or a day ahead.
const char* date_string(long t)
{
    static char buf[13];
    const char* c = ctime(t);  // "Mon Nov 23 19:49:18 GMT 2026\n"
    if (t < now - Halfyear || t > now + Day) {
        memmove(buf, c + 4, 7);
        memmove(buf + 7, c + 23, 5);
    } else {
        memmove(buf, c + 4, 12);
    }
    buf[12] = 0;
    return buf;
}

int width(const char* fmt, ...)
{
    char buf[256];
    va_list args;
    va_start(args, fmt);
    int n = vsnprint(buf, sizeof buf, fmt, args);
    va_end(args);
    return n;
}

void widen(int* w, int n)
{
    if (n > *w)
        *w = n;
}

void measure(const Dir* d)
{
    if (sflag)
        widen(&swidth, width("%llud", (d->length + 1023) / 1024));
    if (qflag)
        widen(&qwidth, width("%lud", (ulong)d->qid.vers));
    if (mflag)
        widen(&mwidth, width("[%q]", d->muid));
    if (lflag) {
        widen(&vwidth, width("%ud", d->dev));
        widen(&uwidth, width("%q", d->uid));
        widen(&gwidth, width("%q", d->gid));
        widen(&lwidth, width("%llud", d->length));
    }
}

const char* suffix(const Dir* d)
{
    if (!Fflag)
        return "";
    if (d->qid.type & QTDIR)
        return "/";
    return (d->mode & 0111) ? "*" : "";
}

void format(Fmt* f, const Dir* d, const char* name)
{
    if (sflag)
        fmtprint(f, "%*llud ", swidth, (d->length + 1023) / 1024);
    if (mflag)
        fmtprint(f, "[%q]%*s ", d->muid, mwidth - width("[%q]", d->muid), "");
    if (qflag)
        fmtprint(f, "(%.16llux %*lud %.2ux) ", d->qid.path, qwidth, (ulong)d->qid.vers, d->qid.type);
    if (Tflag)
        fmtprint(f, "%c ", (d->mode & DMTMP) ? 't' : '-');
    char mode[12];
    if (lflag)
        fmtprint(f, "%s %C %*ud %-*q %-*q %*llud %s ", dirmodefmt(d->mode, mode), d->type, vwidth, d->dev,
            uwidth, d->uid, gwidth, d->gid, lwidth, d->length, date_string(uflag ? d->atime : d->mtime));
    fmtprint(f, Qflag ? "%s%s" : rc_special(name) ? "%#q%s" : "%q%s", name, suffix(d));
}

void emit(const Dir* d, const char* name)
{
    if (!lc) {
        format(&out, d, name);
        fmtprint(&out, "\n");
        return;
    }
    Fmt s;
    if (fmtstrinit(&s) < 0)
        sysfatal("out of memory");
    format(&s, d, name);
    char* line = fmtstrflush(&s);
    if (line == nullptr)
        sysfatal("out of memory");
    lines = (char**)grow(lines, &alines, nlines + 1, sizeof(char*));
    lines[nlines++] = line;
}

void output()
{
    if (!nflag)
        sort(batch, nbatch, before);
    swidth = qwidth = mwidth = vwidth = uwidth = gwidth = lwidth = 0;
    for (long i = 0; i < nbatch; i++)
        measure(batch[i].d);
    for (long i = 0; i < nbatch; i++) {
        const Entry& e = batch[i];
        if (pflag || e.prefix == nullptr) {
            emit(e.d, e.d->name);
        } else {
            char* name = smprint("%s/%s", strcmp(e.prefix, "/") == 0 ? "" : e.prefix, e.d->name);
            if (name == nullptr)
                sysfatal("out of memory");
            emit(e.d, name);
            free(name);
        }
    }
    nbatch = 0;
}

// Squeezes repeated slashes and drops trailing ones, but keeps . and .. as typed.
void squeeze(char* s)
{
    char* w = s;
    for (char* r = s; *r; r++)
        if (!(*r == '/' && r > s && r[-1] == '/'))
            *w++ = *r;
    *w = 0;
    while (w - 1 > s && w[-1] == '/')
        *--w = 0;
}

void ls(char* name, bool multi)
{
    Dir* d = dirstat(name);
    if (d == nullptr) {
        fprint(2, "ls: %s: %r\n", name);
        failed = true;
        return;
    }
    squeeze(name);
    if ((d->qid.type & QTDIR) && !dflag) {
        free(d);
        output();  // the files named so far come before the directory
        int fd = open(name, OREAD);
        Dir* entries;
        long n = fd < 0 ? -1 : dirreadall(fd, &entries);
        if (n < 0) {
            fprint(2, "ls: %s: %r\n", name);
            failed = true;
        }
        for (long i = 0; i < n; i++)
            add(&entries[i], multi ? name : nullptr);
        if (fd >= 0)
            close(fd);
        output();
        return;
    }
    char* slash = strrchr(name, '/');
    if (slash != nullptr) {
        *slash = 0;
        add(d, slash == name ? "/" : name);
    } else {
        add(d, nullptr);
    }
}

// Column-major, as mc lays out its words: each column as wide as the longest line plus
// one blank, as many columns as fit.
void columnate()
{
    int widest = 0;
    for (long i = 0; i < nlines; i++)
        widen(&widest, utflen(lines[i]));
    int colwidth = widest + 1;
    long percol = Linewidth / colwidth;
    if (percol < 1)
        percol = 1;
    long rows = (nlines + percol - 1) / percol;
    for (long r = 0; r < rows; r++) {
        for (long j = r; j < nlines; j += rows) {
            fmtprint(&out, "%s", lines[j]);
            if (j + rows < nlines)
                fmtprint(&out, "%*s", colwidth - utflen(lines[j]), "");
        }
        fmtprint(&out, "\n");
    }
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = lc ? "lc" : "ls";
    pflag = lc;
    ARGBEGIN {
    case 'd': dflag = true; break;
    case 'l': lflag = true; break;
    case 'm': mflag = true; break;
    case 'n': nflag = true; break;
    case 'p': pflag = true; break;
    case 'q': qflag = true; break;
    case 'r': rflag = true; break;
    case 's': sflag = true; break;
    case 't': tflag = true; break;
    case 'u': uflag = true; break;
    case 'F': Fflag = true; break;
    case 'Q': Qflag = true; break;
    case 'T': Tflag = true; break;
    default: usage();
    } ARGEND

    fmtfdinit(&out, 1, outbuf, sizeof outbuf);
    if (lflag)
        now = time(nullptr);
    if (argc == 0) {
        char dot[] = ".";
        ls(dot, false);
    } else {
        for (int i = 0; i < argc; i++)
            ls(argv[i], argc > 1);
    }
    output();
    if (lc)
        columnate();
    if (fmtfdflush(&out) < 0)
        sysfatal("write error: %r");
    exits(failed ? "errors" : nullptr);
}
