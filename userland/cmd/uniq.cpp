// uniq [-udc [+-num]] [file]: copies its input, dropping every line equal to the one
// before it, as Plan 9's uniq. -u prints only lines that were not repeated, -d one copy of
// each repeated line, -c each line once after its count ("%4d "). -num skips num fields
// (blanks then non-blanks) and +num then num characters before comparing. Like Plan 9's,
// it reads lines with their newline: a last line without one is dropped.
#include "libc.h"
#include "lines.h"

namespace {

int fields, letters;
char mode;  // 'u', 'd', 'c' or 0

// The part of a line that takes part in comparisons.
const char* skip(const char* s, const char* e)
{
    for (int n = 0; n < fields; n++) {
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        while (s < e && *s != ' ' && *s != '\t')
            s++;
    }
    for (int n = 0; n < letters && s < e; n++)
        s++;
    return s;
}

bool equal(const char* a, long alen, const char* b, long blen)
{
    const char* as = skip(a, a + alen);
    const char* bs = skip(b, b + blen);
    long n = a + alen - as;
    return n == b + blen - bs && memcmp(as, bs, n) == 0;
}

void emit(const char* line, long len, int count)
{
    if ((mode == 'u' && count > 1) || (mode == 'd' && count == 1))
        return;
    if (mode == 'c')
        print("%4d ", count);
    write(1, line, len + 1);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "uniq";
    int fd = 0;
    for (; argc > 1; argc--, argv++) {
        char* a = argv[1];
        if (a[0] == '-') {
            if (a[1] >= '0' && a[1] <= '9')
                fields = atoi(a + 1);
            else
                mode = a[1];
            continue;
        }
        if (a[0] == '+') {
            letters = atoi(a + 1);
            continue;
        }
        fd = open(a, OREAD);
        if (fd < 0) {
            fprint(2, "cannot open %s\n", a);
            exits("open");
        }
        break;
    }
    if (argc > 2) {
        fprint(2, "unexpected argument %s\n", argv[2]);
        exits("arg");
    }

    Linereader in(fd);
    char* held = nullptr;  // the first line of the current run, without its newline
    long heldlen = 0;
    int count = 0;
    char* line;
    long len;
    while ((line = in.next(&len)) != nullptr && line[len - 1] == '\n') {
        len--;
        if (held != nullptr && equal(held, heldlen, line, len)) {
            count++;
            continue;
        }
        if (held != nullptr)
            emit(held, heldlen, count);
        free(held);
        held = (char*)malloc(len + 1);
        if (held == nullptr)
            sysfatal("out of memory");
        memmove(held, line, len + 1);
        heldlen = len;
        count = 1;
    }
    if (held != nullptr)
        emit(held, heldlen, count);
    exits(nullptr);
}
