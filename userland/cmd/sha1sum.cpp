// sha1sum [file ...]: prints the SHA-1 digest of each file, in hexadecimal, followed by
// a tab and the file's name; with no files, the digest of the standard input alone.
#include "libc.h"
#include "lib9/sha1.h"

namespace {

bool sum(int fd, const char* name)
{
    static uchar buf[65536];
    Sha1 h;
    long n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        h.update(buf, usize(n));
    if (n < 0) {
        fprint(2, "sha1sum: %s: read error: %r\n", name ? name : "stdin");
        return false;
    }
    uint8_t d[SHA1dlen];
    h.finish(d);
    char hex[2 * SHA1dlen + 1];
    for (usize i = 0; i < SHA1dlen; i++)
        snprint(hex + 2 * i, 3, "%.2ux", d[i]);
    if (name)
        print("%s\t%s\n", hex, name);
    else
        print("%s\n", hex);
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "sha1sum";
    ARGBEGIN {
    default:
        fprint(2, "usage: sha1sum [file ...]\n");
        exits("usage");
    } ARGEND
    if (argc == 0)
        exits(sum(0, nullptr) ? nullptr : "read error");
    const char* status = nullptr;
    for (int i = 0; i < argc; i++) {
        int fd = open(argv[i], OREAD);
        if (fd < 0) {
            fprint(2, "sha1sum: can't open %s: %r\n", argv[i]);
            status = "can't open";
            continue;
        }
        if (!sum(fd, argv[i]))
            status = "read error";
        close(fd);
    }
    exits(status);
}
