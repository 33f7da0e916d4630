// man [-nPSw] [section ...] title ...: prints manual pages as plain text (manfmt), like
// Plan 9's man. Pages are looked up by name, lower-cased, in each section in turn, first
// under /sys/man and then in the bootpaq's copy /boot/sys/man, so a machine without a
// root still has its manual. Arguments naming a section directory and flags may be mixed
// before the titles, as in Plan 9. -w prints the pages' names, -P shows them through p(1),
// and -S (search the index only) is accepted: there is no index yet, names are searched.
#include "libc.h"
#include "manfmt.h"

namespace {

const char* const roots[] = {"/sys/man", "/boot/sys/man"};

enum : int {
    Maxsecs = 32,
    Bufsize = 8192,
};

char* sections[Maxsecs];
int nsections;

[[noreturn]] void usage()
{
    fprint(2, "usage: man [-nPSw] [section ...] title ...\n");
    exits("usage");
}

bool isdir(const char* name)
{
    Dir* d = dirstat(name);
    bool dir = d != nullptr && (d->qid.type & QTDIR);
    free(d);
    return dir;
}

bool isfile(const char* name)
{
    Dir* d = dirstat(name);
    bool file = d != nullptr && !(d->qid.type & QTDIR);
    free(d);
    return file;
}

bool issection(const char* s)
{
    if (strchr(s, '/') != nullptr || s[0] == 0 || s[0] == '.')
        return false;
    for (const char* root : roots) {
        char* path = smprint("%s/%s", root, s);
        bool dir = path != nullptr && isdir(path);
        free(path);
        if (dir)
            return true;
    }
    return false;
}

void addsection(const char* s)
{
    for (int i = 0; i < nsections; i++)
        if (strcmp(sections[i], s) == 0)
            return;
    if (nsections < Maxsecs)
        sections[nsections++] = strdup(s);
}

// Without sections named: every directory of the roots whose name starts with a digit,
// in the order of their names.
void allsections()
{
    for (const char* root : roots) {
        int fd = open(root, OREAD);
        if (fd < 0)
            continue;
        Dir* d;
        long n = dirreadall(fd, &d);
        close(fd);
        for (long i = 0; i < n; i++)
            if ((d[i].qid.type & QTDIR) && d[i].name[0] >= '0' && d[i].name[0] <= '9')
                addsection(d[i].name);
        if (n > 0)
            free(d);
    }
    for (int i = 1; i < nsections; i++)
        for (int j = i; j > 0 && strcmp(sections[j - 1], sections[j]) > 0; j--) {
            char* t = sections[j];
            sections[j] = sections[j - 1];
            sections[j - 1] = t;
        }
}

// The page for title in section, or nil.
char* find(const char* title, const char* section)
{
    char* name = strdup(strcmp(title, "intro") == 0 ? "0intro" : title);
    if (name == nullptr)
        sysfatal("out of memory");
    for (char* p = name; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p += 'a' - 'A';
    char* found = nullptr;
    for (const char* root : roots) {
        char* path = smprint("%s/%s/%s", root, section, name);
        if (path != nullptr && isfile(path)) {
            found = path;
            break;
        }
        free(path);
    }
    free(name);
    return found;
}

// Output, buffered; the rendering arrives in pieces of whole lines.
struct Out {
    int fd;
    bool paged;  // fd is p's input: when p has quit, so does man
    char buf[Bufsize];
    long n;
};

void flush(Out* o)
{
    if (o->n > 0 && write(o->fd, o->buf, o->n) != o->n) {
        if (o->paged)
            exits(nullptr);
        sysfatal("write error: %r");
    }
    o->n = 0;
}

void put(void* arg, const char* s, long n)
{
    auto* o = (Out*)arg;
    while (n > 0) {
        if (o->n == Bufsize)
            flush(o);
        long k = n < Bufsize - o->n ? n : Bufsize - o->n;
        memmove(o->buf + o->n, s, k);
        o->n += k;
        s += k;
        n -= k;
    }
}

// Renders the page in file onto o.
void show(const char* file, Out* o)
{
    int fd = open(file, OREAD);
    if (fd < 0) {
        fprint(2, "need %s\n", file);
        return;
    }
    long size = 0, cap = Bufsize;
    char* text = (char*)malloc(cap);
    for (;;) {
        if (text == nullptr)
            sysfatal("out of memory");
        long n = read(fd, text + size, cap - size);
        if (n < 0)
            sysfatal("error reading %s: %r", file);
        if (n == 0)
            break;
        size += n;
        if (size == cap)
            text = (char*)realloc(text, cap *= 2);
    }
    close(fd);
    manfmt(text, size, put, o);
    free(text);
}

// Where -P sends the pages: the input of a p(1) started for them, or -1.
int pager(int* pid)
{
    int p[2];
    if (pipe(p) < 0)
        sysfatal("pipe: %r");
    *pid = fork();
    if (*pid < 0)
        sysfatal("fork: %r");
    if (*pid == 0) {
        dup(p[0], 0);
        close(p[0]);
        close(p[1]);
        const char* argv[] = {"p", nullptr};
        exec("/bin/p", argv);
        sysfatal("exec /bin/p: %r");
    }
    close(p[0]);
    return p[1];
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "man";
    char cmd = 'n';
    int i = 1;
    for (; i < argc; i++) {
        if (issection(argv[i]))
            addsection(argv[i]);
        else if (strcmp(argv[i], "-n") == 0 || strcmp(argv[i], "-P") == 0 || strcmp(argv[i], "-w") == 0)
            cmd = argv[i][1];
        else if (strcmp(argv[i], "-S") != 0)
            break;
    }
    if (i == argc || argv[i][0] == '-')
        usage();
    if (nsections == 0)
        allsections();

    char** files = (char**)malloc((argc - i) * nsections * sizeof(char*) + 1);
    if (files == nullptr)
        sysfatal("out of memory");
    int nfiles = 0;
    for (; i < argc; i++)
        for (int s = 0; s < nsections; s++)
            if (char* f = find(argv[i], sections[s]))
                files[nfiles++] = f;
    if (nfiles == 0) {
        fprint(2, "man: no manual page\n");
        exits("no man");
    }

    static Out out;
    out.fd = 1;
    int pid = -1;
    if (cmd == 'P') {
        out.fd = pager(&pid);
        out.paged = true;
    }
    for (int f = 0; f < nfiles; f++) {
        if (cmd == 'w')
            print("%s\n", files[f]);
        else
            show(files[f], &out);
    }
    flush(&out);
    if (pid > 0) {
        close(out.fd);
        int w;
        while ((w = waitpid()) >= 0 && w != pid) {
        }
    }
    exits(nullptr);
}
