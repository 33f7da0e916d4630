// chmod mode file ...: sets the permissions of files, as Plan 9's chmod. mode is octal
// (0755: the nine rwx bits, nothing else changes), or [who]op[perms]: who is any of u g o a
// (none means a), op is + (add), - (remove) or = (set exactly), perms any of r w x and
// a (append only), l (exclusive use), t (temporary). = also clears a, l and t when not
// given. A file that cannot be changed is reported and skipped; the status is still empty.
#include "libc.h"

namespace {

constexpr ulong Rwx = DMREAD | DMWRITE | DMEXEC;

constexpr ulong all(ulong bits)
{
    return bits << 6 | bits << 3 | bits;
}

// The bits a symbolic mode may change (*mask) and their new values (*mode).
bool parsemode(const char* spec, ulong* mask, ulong* mode)
{
    const char* s = spec;
    ulong m = DMAPPEND | DMEXCL | DMTMP;
    for (;; s++) {
        if (*s == 'u')
            m |= Rwx << 6;
        else if (*s == 'g')
            m |= Rwx << 3;
        else if (*s == 'o')
            m |= Rwx;
        else if (*s == 'a')
            m |= all(Rwx);
        else
            break;
    }
    if (*s == 0)
        return false;
    if (s == spec)
        m |= all(Rwx);
    char op = *s++;
    if (op != '+' && op != '-' && op != '=')
        return false;
    ulong v = 0;
    for (; *s; s++) {
        switch (*s) {
        case 'r':
            v |= all(DMREAD);
            break;
        case 'w':
            v |= all(DMWRITE);
            break;
        case 'x':
            v |= all(DMEXEC);
            break;
        case 'a':
            v |= DMAPPEND;
            break;
        case 'l':
            v |= DMEXCL;
            break;
        case 't':
            v |= DMTMP;
            break;
        default:
            return false;
        }
    }
    if (op != '=')
        m &= v;
    *mask = m;
    *mode = op == '-' ? ~v : v;
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "chmod";
    if (argc < 3) {
        fprint(2, "usage: chmod 0777 file ... or chmod [who]op[rwxalt] file ...\n");
        exits("usage");
    }
    char* end;
    ulong mode = strtol(argv[1], &end, 8);
    ulong mask = all(Rwx);
    if (*end != 0 && !parsemode(argv[1], &mask, &mode)) {
        fprint(2, "chmod: bad mode: %s\n", argv[1]);
        exits("mode");
    }
    for (int i = 2; i < argc; i++) {
        Dir* d = dirstat(argv[i]);
        if (d == nullptr) {
            fprint(2, "chmod: can't stat %s: %r\n", argv[i]);
            continue;
        }
        Dir nd;
        nulldir(&nd);
        nd.mode = (d->mode & ~mask) | (mode & mask);
        free(d);
        if (dirwstat(argv[i], &nd) < 0)
            fprint(2, "chmod: can't wstat %s: %r\n", argv[i]);
    }
    exits(nullptr);
}
