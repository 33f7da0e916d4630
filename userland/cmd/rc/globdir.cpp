// Globbing: a word with GLOB marks is matched against the file tree one path element at
// a time. Elements without marks are taken literally; each marked element is matched
// against its directory's entries (. and .. only when named explicitly). The matches of
// one word are sorted; a word that matches nothing stands for itself, marks removed.
#include "rc.h"

namespace {

int compare(const void* a, const void* b)
{
    return strcmp(*static_cast<char* const*>(a), *static_cast<char* const*>(b));
}

void sort_words(char** v, int n)
{
    // Insertion sort keeps this file free of a qsort (libc has none); glob lists are short.
    for (int i = 1; i < n; i++) {
        char* x = v[i];
        int j = i;
        for (; j > 0 && compare(&v[j - 1], &x) > 0; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

bool exists(const char* path)
{
    Dir* d = dirstat(path);
    if (!d)
        return false;
    free(d);
    return true;
}

// Expands the elements from pattern (the rest of the word) under the directory prefix.
void expand(Str& prefix, const char* pattern, Words& out)
{
    while (*pattern == '/') {
        prefix.add('/');
        pattern++;
    }
    if (*pattern == 0) {
        if (exists(prefix.n ? prefix.c_str() : "."))
            out.push(prefix.c_str());
        return;
    }
    const char* slash = strchr(pattern, '/');
    int len = slash ? static_cast<int>(slash - pattern) : static_cast<int>(strlen(pattern));
    Str elem;
    elem.add(pattern, len);
    const char* rest = pattern + len;
    if (!has_glob(elem.p)) {
        int keep = prefix.n;
        prefix.add(elem.p);
        expand(prefix, rest, out);
        prefix.n = keep;
        prefix.p[keep] = 0;
        return;
    }
    int fd = open(prefix.n ? prefix.c_str() : ".", OREAD);
    if (fd < 0)
        return;
    Dir* d;
    long n = dirreadall(fd, &d);
    close(fd);
    bool explicit_dot = elem.p[0] == '.';
    for (long i = 0; i < n; i++) {
        const char* name = d[i].name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)) && !explicit_dot)
            continue;
        if (!match(name, elem.p))
            continue;
        if (*rest && !(d[i].mode & DMDIR))
            continue;
        int keep = prefix.n;
        prefix.add(name);
        if (*rest)
            expand(prefix, rest, out);
        else
            out.push(prefix.c_str());
        prefix.n = keep;
        prefix.p[keep] = 0;
    }
    if (n > 0)
        free(d);
}

}  // namespace

void glob_expand(char* word, Words& out)
{
    Words found;
    Str prefix;
    prefix.add("");
    expand(prefix, word, found);
    if (found.n == 0) {
        out.push_own(deglob(word));
        return;
    }
    free(word);
    sort_words(found.v, found.n);
    out.append(static_cast<Words&&>(found));
}
