// Namespace files, as Plan 9's newns and addns read them (namespace(6)):
//
//     . file                          run file too (a missing one is skipped)
//     clear                           a clean name space
//     bind [-abcC] new old
//     mount [-abcC] srvfile old [spec]
//     unmount [new] old
//     cd dir
//
// Blank-led lines and lines starting with # are comments. Words are split at blanks;
// $name is replaced by the first word of environment variable name (the name ends at
// / . ! ' or $); single quotes quote, '' within them being a quote. A line of 15 words
// or more is skipped, as in Plan 9. Mounts are made without authentication.
#include "libc.h"
#include "lines.h"
#include "nsfile.h"

namespace {

constexpr int MAXWORDS = 15;
constexpr int MAXDEPTH = 16;  // of . inclusions: a file including itself stops here

// The first word of $name: the variable's text up to its first NUL, or "". Read from
// #e itself: a clean name space has no /env.
char* first_word(const char* name)
{
    char path[80];
    snprint(path, sizeof path, "#e/%s", name);
    int fd = open(path, OREAD);
    if (fd < 0)
        return strdup("");
    char* v = static_cast<char*>(malloc(1024 + 1));
    long n = readn(fd, v, 1024);
    close(fd);
    v[n > 0 ? n : 0] = 0;
    return v;
}

// Expands one word of line (from *p), appending it to out; *p moves past it.
void expand(const char** p, char* out, char* end)
{
    bool quoted = false;
    const char* s = *p;
    for (; *s && (quoted || (*s != ' ' && *s != '\t' && *s != '\r')); s++) {
        if (*s == '\'') {
            if (quoted && s[1] == '\'')
                s++;
            else {
                quoted = !quoted;
                continue;
            }
        } else if (*s == '$' && !quoted) {
            char name[64];
            int n = 0;
            for (s++; *s && !strchr("/.!'$ \t\r", *s) && n < int(sizeof name) - 1; s++)
                name[n++] = *s;
            name[n] = 0;
            s--;
            char* v = first_word(name);
            out = strecpy(out, end, v);
            free(v);
            continue;
        }
        if (out < end - 1)
            *out++ = *s;
    }
    *out = 0;
    *p = s;
}

int parse_flags(char** argv, int argc, int* at)
{
    int flag = MREPL;
    for (; *at < argc && argv[*at][0] == '-'; (*at)++) {
        for (const char* f = argv[*at] + 1; *f; f++) {
            if (*f == 'a')
                flag = (flag & ~MORDER) | MAFTER;
            else if (*f == 'b')
                flag = (flag & ~MORDER) | MBEFORE;
            else if (*f == 'c')
                flag |= MCREATE;
            else if (*f == 'C')
                flag |= MCACHE;
        }
    }
    return flag;
}

int do_mount(const char* srvfile, const char* old, int flag, const char* spec)
{
    int fd = open(srvfile, ORDWR);
    if (fd < 0)
        return -1;
    int r = mount(fd, -1, old, flag, spec);
    close(fd);
    return r;
}

void run_fd(int fd, bool debug, bool* cdroot, int depth);

// One command line, split into words. 0, or -1 with the error in errstr.
int command(int argc, char** argv, bool debug, bool* cdroot, int depth)
{
    const char* verb = argv[0];
    int at = 1;
    if (strcmp(verb, ".") == 0 && argc == 2) {
        int fd = depth < MAXDEPTH ? open(argv[1], OREAD) : -1;
        if (fd < 0)
            return -1;  // skipped, as a missing file is
        run_fd(fd, debug, cdroot, depth + 1);
        close(fd);
        return 0;
    }
    if (strcmp(verb, "clear") == 0 && argc == 1)
        return rfork(RFCNAMEG);
    if (strcmp(verb, "cd") == 0 && argc == 2) {
        if (chdir(argv[1]) < 0)
            return -1;
        if (argv[1][0] == '/')
            *cdroot = true;
        return 0;
    }
    int flag = parse_flags(argv, argc, &at);
    int args = argc - at;
    if (strcmp(verb, "bind") == 0 && args == 2)
        return bind(argv[at], argv[at + 1], flag);
    if (strcmp(verb, "mount") == 0 && (args == 2 || args == 3))
        return do_mount(argv[at], argv[at + 1], flag, args == 3 ? argv[at + 2] : "");
    if (strcmp(verb, "unmount") == 0 && at == 1 && (args == 1 || args == 2))
        return unmount(args == 2 ? argv[at] : nullptr, argv[argc - 1]);
    werrstr("unknown or malformed command");
    return -1;
}

void run_fd(int fd, bool debug, bool* cdroot, int depth)
{
    Linereader lines(fd);
    long len;
    while (char* line = lines.next(&len)) {
        if (len > 0 && line[len - 1] == '\n')
            line[len - 1] = 0;
        const char* p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == 0 || *p == '#')
            continue;
        size_t room = strlen(p) * 4 + 256;  // $var values may be longer than their names
        char* words = static_cast<char*>(malloc(room * MAXWORDS));
        if (!words)
            sysfatal("out of memory");
        char* argv[MAXWORDS] = {};
        int argc = 0;
        while (*p && argc < MAXWORDS) {
            char* w = words + argc * room;
            expand(&p, w, w + room);
            argv[argc++] = w;
            while (*p == ' ' || *p == '\t' || *p == '\r')
                p++;
        }
        int r = -1;
        if (argc < MAXWORDS)
            r = command(argc, argv, debug, cdroot, depth);
        else
            werrstr("too many words: skipped");
        if (debug)
            fprint(2, r < 0 ? "newns: %s: %r\n" : "newns: %s\n", line);
        free(words);
    }
}

}  // namespace

void nsfile_run(int fd, bool debug, bool* cdroot)
{
    run_fd(fd, debug, cdroot, 0);
}
