// diff [-abcefmnrw] file1 ... file2: the lines that must change to turn file1 into file2,
// as Plan 9's diff prints them: ed-like "n1,n2 c n3,n4" commands followed by the old lines
// ("< ") and the new ("> "), or an ed script (-e), the same in reverse order (-f), with
// file names (-n), or with 3 lines of context (-c) or the whole file (-a). -b treats runs
// of blanks as one and ignores trailing ones, -w ignores all white space. A directory
// stands for the file of the same name in it; two directories are compared entry by entry
// (-r descends into subdirectories). Exit status: empty when equal, "some" when not,
// "error" for trouble. Files are read whole into memory.
#include "diff.h"

namespace {

char mode;  // 0, 'e', 'f', 'n', 'c' or 'a'
int bflag;  // 1: -b, 2: -w
bool rflag, mflag;
bool anychange;
bool firstchange;
Fmt out;
char outbuf[8192];
Text file[2];

enum { Lines = 3 };  // context shown by -c

[[noreturn]] void done(int status)
{
    fmtfdflush(&out);
    exits(status == 0 ? nullptr : status == 1 ? "some" : "error");
}

// Reports trouble; fatal unless several files are being compared.
void trouble(bool fatal, const char* fmt, ...)
{
    fmtfdflush(&out);
    va_list arg;
    va_start(arg, fmt);
    char* s = vsmprint(fmt, arg);
    va_end(arg);
    fprint(2, "diff: %s", s);
    free(s);
    if (fatal)
        done(2);
}

bool space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// A line as -b or -w compare it.
char* squish(const char* s)
{
    char* t = strdup(s);
    char* p = t;
    bool blank = false;
    for (; *s; s++) {
        if (space(*s)) {
            blank = true;
            continue;
        }
        if (blank && bflag == 1)
            *p++ = ' ';
        blank = false;
        *p++ = *s;
    }
    *p = 0;
    return t;
}

// Interns lines: equal lines (after squish) get equal ids, numbered from 1.
struct Ids {
    struct Entry {
        char* s;
        uint hash;
        int id;
    };
    Entry* tab = nullptr;
    int size = 0, n = 0;

    static uint hashof(const char* s)
    {
        uint h = 2166136261u;
        for (; *s; s++)
            h = (h ^ (uchar)*s) * 16777619u;
        return h;
    }
    void grow()
    {
        Entry* old = tab;
        int oldsize = size;
        size = size ? 2 * size : 1024;
        tab = (Entry*)calloc(size, sizeof *tab);
        if (tab == nullptr)
            sysfatal("out of memory");
        for (int i = 0; i < oldsize; i++)
            if (old[i].s != nullptr)
                place(old[i]);
        free(old);
    }
    Entry* place(const Entry& e)
    {
        uint i = e.hash & (size - 1);
        while (tab[i].s != nullptr)
            i = (i + 1) & (size - 1);
        tab[i] = e;
        return &tab[i];
    }
    int get(const char* line)
    {
        char* s = bflag ? squish(line) : strdup(line);
        uint h = hashof(s);
        if (2 * (n + 1) > size)
            grow();
        for (uint i = h & (size - 1); tab[i].s != nullptr; i = (i + 1) & (size - 1))
            if (tab[i].hash == h && strcmp(tab[i].s, s) == 0) {
                free(s);
                return tab[i].id;
            }
        return place(Entry{s, h, ++n})->id;
    }
};

// Reads a file into lines; false (after a message) if it cannot be read.
bool readtext(Text* t, const char* name, char** data, long* len)
{
    int fd = open(name, OREAD);
    if (fd < 0) {
        trouble(!mflag, "cannot open %s: %r\n", name);
        return false;
    }
    long size = 8192, n = 0;
    char* buf = (char*)malloc(size + 1);
    for (long r; buf != nullptr && (r = read(fd, buf + n, size - n)) > 0;) {
        n += r;
        if (n == size)
            buf = (char*)realloc(buf, (size *= 2) + 1);
    }
    close(fd);
    if (buf == nullptr)
        sysfatal("out of memory");
    buf[n] = 0;
    *data = buf;
    *len = n;
    t->name = name;
    return true;
}

// Plan 9's test for a binary file: a NUL or a C1 control among its first 1K bytes.
bool binary(const char* data, long len)
{
    long n = len < 1024 ? len : 1024;
    for (const char* p = data; p < data + n - UTFmax;) {
        Rune r;
        p += chartorune(&r, p);
        if (r == 0 || (r > 0x7F && r <= 0xA0))
            return true;
    }
    return false;
}

void split(Text* t, char* data, long len, Ids* ids)
{
    int n = 0;
    for (long i = 0; i < len; i++)
        n += data[i] == '\n';
    n += len > 0 && data[len - 1] != '\n';
    t->lines = (char**)malloc((n + 2) * sizeof(char*));
    t->id = (int*)malloc((n + 2) * sizeof(int));
    if (t->lines == nullptr || t->id == nullptr)
        sysfatal("out of memory");
    t->n = n;
    char* p = data;
    for (int i = 1; i <= n; i++) {
        char* nl = strchr(p, '\n');
        if (nl != nullptr)
            *nl = 0;
        t->lines[i] = p;
        t->id[i] = ids->get(p);
        p = nl != nullptr ? nl + 1 : p + strlen(p);
    }
}

void range(int a, int b, const char* sep)
{
    fmtprint(&out, "%d", a > b ? b : a);
    if (a < b)
        fmtprint(&out, "%s%d", sep, b);
}

void fetch(const Text& t, int a, int b, const char* prefix)
{
    if (a < 1)
        a = 1;
    if (b > t.n)
        b = t.n;
    for (; a <= b; a++)
        fmtprint(&out, "%s%s\n", prefix, t.lines[a]);
}

struct Change {
    int a, b, c, d;
};
Change* changes;
int nchanges;

void change(int a, int b, int c, int d)
{
    if (a > b && c > d)
        return;
    anychange = true;
    if (mflag && !firstchange) {
        if (mode)
            fmtprint(&out, "diff -%c %s %s\n", mode, file[0].name, file[1].name);
        else
            fmtprint(&out, "diff %s %s\n", file[0].name, file[1].name);
        firstchange = true;
    }
    char verb = a > b ? 'a' : c > d ? 'd' : 'c';
    switch (mode) {
    case 'c':
    case 'a':
        if (nchanges % 1024 == 0) {
            changes = (Change*)realloc(changes, (nchanges + 1024) * sizeof *changes);
            if (changes == nullptr)
                sysfatal("out of memory");
        }
        changes[nchanges++] = Change{a, b, c, d};
        return;
    case 'e':
        range(a, b, ",");
        fmtprint(&out, "%c\n", verb);
        break;
    case 'f':
        fmtprint(&out, "%c", verb);
        range(a, b, " ");
        fmtprint(&out, "\n");
        break;
    case 'n':
        fmtprint(&out, "%s:", file[0].name);
        range(a, b, ",");
        fmtprint(&out, " %c %s:", verb, file[1].name);
        range(c, d, ",");
        fmtprint(&out, "\n");
        break;
    default:
        range(a, b, ",");
        fmtprint(&out, "%c", verb);
        range(c, d, ",");
        fmtprint(&out, "\n");
    }
    if (mode == 0 || mode == 'n') {
        fetch(file[0], a, b, "< ");
        if (a <= b && c <= d)
            fmtprint(&out, "---\n");
        fetch(file[1], c, d, "> ");
    } else {
        fetch(file[1], c, d, "");
        if (c <= d)
            fmtprint(&out, ".\n");
    }
}

// -c and -a: the changes in groups whose contexts overlap.
void flushchanges()
{
    for (int i = 0; i < nchanges;) {
        int j = i;
        while (j < nchanges - 1 && changes[j].b + 1 + 2 * Lines > changes[j + 1].a)
            j++;
        j = j < nchanges ? j + 1 : nchanges;
        int a = changes[i].a - Lines, b = changes[j - 1].b + Lines;
        int c = changes[i].c - Lines, d = changes[j - 1].d + Lines;
        a = a < 1 ? 1 : a;
        c = c < 1 ? 1 : c;
        b = b > file[0].n ? file[0].n : b;
        d = d > file[1].n ? file[1].n : d;
        if (mode == 'a') {
            a = c = 1;
            b = file[0].n;
            d = file[1].n;
            j = nchanges;
        }
        fmtprint(&out, "%s:", file[0].name);
        range(a, b, ",");
        fmtprint(&out, " - %s:", file[1].name);
        range(c, d, ",");
        fmtprint(&out, "\n");
        int at = a;
        for (; i < j; i++) {
            fetch(file[0], at, changes[i].a - 1, "  ");
            fetch(file[0], changes[i].a, changes[i].b, "- ");
            fetch(file[1], changes[i].c, changes[i].d, "+ ");
            at = changes[i].b + 1;
        }
        fetch(file[0], at, b, "  ");
    }
    nchanges = 0;
}

// Walks the matching J, reporting each run of unmatched lines (backwards for -e).
void output(int* J)
{
    int m = file[0].n;
    if (mode != 'e') {
        for (int i0 = 1, i1; i0 <= m; i0 = i1 + 1) {
            while (i0 <= m && J[i0] == J[i0 - 1] + 1)
                i0++;
            int j0 = J[i0 - 1] + 1;
            i1 = i0 - 1;
            while (i1 < m && J[i1 + 1] == 0)
                i1++;
            int j1 = J[i1 + 1] - 1;
            J[i1] = j1;
            change(i0, i1, j0, j1);
        }
    } else {
        for (int i0 = m, i1; i0 >= 1; i0 = i1 - 1) {
            while (i0 >= 1 && J[i0] == J[i0 + 1] - 1 && J[i0])
                i0--;
            int j0 = J[i0 + 1] - 1;
            i1 = i0 + 1;
            while (i1 > 1 && J[i1 - 1] == 0)
                i1--;
            int j1 = J[i1 - 1] + 1;
            J[i1] = j1;
            change(i1, i0, j1, j0);
        }
    }
    if (m == 0)
        change(1, 0, 1, file[1].n);
    flushchanges();
}

void diffreg(const char* f, const char* t)
{
    char* data[2];
    long len[2];
    if (!readtext(&file[0], f, &data[0], &len[0]))
        return;
    if (!readtext(&file[1], t, &data[1], &len[1])) {
        free(data[0]);
        return;
    }
    firstchange = false;
    if (binary(data[0], len[0]) || binary(data[1], len[1])) {
        if (len[0] != len[1] || memcmp(data[0], data[1], len[0]) != 0) {
            fmtfdflush(&out);
            print("binary files %s %s differ\n", f, t);
        }
    } else {
        Ids ids;
        split(&file[0], data[0], len[0], &ids);
        split(&file[1], data[1], len[1], &ids);
        int* J = lcs(file[0], file[1]);
        output(J);
        free(J);
        for (int i = 0; i < ids.size; i++)
            free(ids.tab[i].s);
        free(ids.tab);
        for (int i = 0; i < 2; i++) {
            free(file[i].lines);
            free(file[i].id);
        }
    }
    free(data[0]);
    free(data[1]);
}

bool isdir(const Dir* d)
{
    return d->qid.type & QTDIR;
}

void diff(const char* f, const char* t, int level);

// The names in a directory, sorted.
char** scandir(const char* name, int* n)
{
    int fd = open(name, OREAD);
    if (fd < 0) {
        trouble(!mflag, "can't open %s\n", name);
        return nullptr;
    }
    Dir* d;
    long nd = dirreadall(fd, &d);
    close(fd);
    char** names = (char**)malloc((nd > 0 ? nd : 0) * sizeof(char*) + sizeof(char*));
    if (names == nullptr)
        sysfatal("out of memory");
    *n = 0;
    for (long i = 0; i < nd; i++)
        names[(*n)++] = strdup(d[i].name);
    if (nd > 0)
        free(d);
    for (int i = 1; i < *n; i++)  // insertion sort: directories are small
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char* s = names[j];
            names[j] = names[j - 1];
            names[j - 1] = s;
        }
    return names;
}

void diffdir(const char* f, const char* t, int level)
{
    int nf = 0, nt = 0;
    char** df = scandir(f, &nf);
    char** dt = scandir(t, &nt);
    for (int i = 0, j = 0; df != nullptr && dt != nullptr && (i < nf || j < nt);) {
        int c = i == nf ? 1 : j == nt ? -1 : strcmp(df[i], dt[j]);
        if (c < 0) {
            if (mode == 0 || mode == 'n')
                fmtprint(&out, "Only in %s: %s\n", f, df[i]);
            i++;
        } else if (c > 0) {
            if (mode == 0 || mode == 'n')
                fmtprint(&out, "Only in %s: %s\n", t, dt[j]);
            j++;
        } else {
            char* a = smprint("%s/%s", f, df[i++]);
            char* b = smprint("%s/%s", t, dt[j++]);
            diff(a, b, level + 1);
            free(a);
            free(b);
        }
    }
    for (int i = 0; df != nullptr && i < nf; i++)
        free(df[i]);
    for (int j = 0; dt != nullptr && j < nt; j++)
        free(dt[j]);
    free(df);
    free(dt);
}

const char* base(const char* s)
{
    const char* p = strrchr(s, '/');
    return p != nullptr ? p + 1 : s;
}

void diff(const char* f, const char* t, int level)
{
    Dir* fd = dirstat(f);
    if (fd == nullptr) {
        trouble(!mflag, "cannot stat %s: %r\n", f);
        return;
    }
    Dir* td = dirstat(t);
    if (td == nullptr) {
        free(fd);
        trouble(!mflag, "cannot stat %s: %r\n", t);
        return;
    }
    if (isdir(fd) && isdir(td)) {
        if (rflag || level == 0)
            diffdir(f, t, level);
        else
            fmtprint(&out, "Common subdirectories: %s and %s\n", f, t);
    } else if (!isdir(fd) && !isdir(td)) {
        diffreg(f, t);
    } else if (!isdir(fd)) {
        char* p = smprint("%s/%s", t, base(f));
        diffreg(f, p);
        free(p);
    } else {
        char* p = smprint("%s/%s", f, base(t));
        diffreg(p, t);
        free(p);
    }
    free(fd);
    free(td);
}

[[noreturn]] void usage(const char* who)
{
    fmtfdflush(&out);
    fprint(2, "%s: diff [ -acefmnbwr ] file1 ... file2\n", who);
    done(2);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "diff";
    fmtfdinit(&out, 1, outbuf, sizeof outbuf);
    for (; argc > 1 && argv[1][0] == '-' && argv[1][1]; argc--, argv++) {
        for (const char* p = argv[1] + 1; *p; p++) {
            switch (*p) {
            case 'e':
            case 'f':
            case 'n':
            case 'c':
            case 'a':
                mode = *p;
                break;
            case 'w':
                bflag = 2;
                break;
            case 'b':
                bflag = 1;
                break;
            case 'r':
                rflag = mflag = true;
                break;
            case 'm':
                mflag = true;
                break;
            default:
                usage("Usage");
            }
        }
    }
    argc--, argv++;
    if (argc < 2)
        usage("diff");
    const char* last = argv[argc - 1];
    Dir* td = dirstat(last);
    if (td == nullptr)
        trouble(true, "can't stat %s\n", last);
    if (argc > 2) {
        if (!isdir(td))
            usage("diff");
        mflag = true;
    } else {
        Dir* fd = dirstat(argv[0]);
        if (fd == nullptr)
            trouble(true, "can't stat %s\n", argv[0]);
        if (isdir(fd) && isdir(td))
            mflag = true;
        free(fd);
    }
    free(td);
    for (int i = 0; i < argc - 1; i++)
        diff(argv[i], last, 0);
    done(anychange ? 1 : 0);
}
