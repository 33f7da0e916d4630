// Environment variables are the files of /env (Plan 9's getenv(2)). rc stores a list as
// its elements each ending in a NUL; getenv drops the final NUL and turns the others into
// spaces, so a list reads as one string. putenv writes the value as given.
#include "libc.h"

namespace {

// The file for name, or false if name cannot be one (empty, ".", ".." or holding '/').
bool envpath(char* buf, int n, const char* name)
{
    if (name[0] == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strchr(name, '/') != nil
        || strlen(name) > NAMEMAX) {
        werrstr("bad env name: %s", name);
        return false;
    }
    snprint(buf, n, "/env/%s", name);
    return true;
}

// Reads fd to its end into a malloc'd string.
char* readall(int fd)
{
    long len = 0, cap = 0;
    char* s = nil;
    for (;;) {
        if (cap - len < 64) {
            cap = cap ? 2 * cap : 256;
            auto* ns = (char*)realloc(s, cap + 1);
            if (ns == nil) {
                free(s);
                return nil;
            }
            s = ns;
        }
        long n = read(fd, s + len, cap - len);
        if (n < 0) {
            free(s);
            return nil;
        }
        if (n == 0)
            break;
        len += n;
    }
    if (len > 0 && s[len - 1] == 0)
        len--;
    for (long i = 0; i < len; i++)
        if (s[i] == 0)
            s[i] = ' ';
    s[len] = 0;
    return s;
}

}  // namespace

extern "C" {

char* getenv(const char* name)
{
    char path[NAMEMAX + 8];
    if (!envpath(path, sizeof path, name))
        return nil;
    int fd = open(path, OREAD | OCEXEC);
    if (fd < 0)
        return nil;
    char* s = readall(fd);
    close(fd);
    return s;
}

int putenv(const char* name, const char* val)
{
    char path[NAMEMAX + 8];
    if (!envpath(path, sizeof path, name))
        return -1;
    int fd = create(path, OWRITE | OCEXEC, 0664);
    if (fd < 0)
        return -1;
    long n = strlen(val);
    int r = write(fd, val, n) == n ? 0 : -1;
    if (close(fd) < 0)
        r = -1;
    return r;
}

}  // extern "C"
