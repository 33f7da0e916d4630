// mkdir [-p] [-m mode] dir ...: creates directories (permissions 0777 unless -m, in
// octal, as the file server's create then limits them). -p also creates missing parents
// and is content when a directory already exists. Every failure is reported and the
// others still attempted; the status is then "error". No names is no work, as in Plan 9.
#include "libc.h"

namespace {

ulong mode = 0777;
const char* status;

[[noreturn]] void usage()
{
    fprint(2, "usage: mkdir [-p] [-m mode] dir...\n");
    exits("usage");
}

bool exists(const char* name)
{
    Dir* d = dirstat(name);
    free(d);
    return d != nullptr;
}

bool makedir(const char* name)
{
    if (exists(name)) {
        fprint(2, "mkdir: %s already exists\n", name);
        status = "error";
        return false;
    }
    int fd = create(name, OREAD, DMDIR | mode);
    if (fd < 0) {
        fprint(2, "mkdir: can't create %s: %r\n", name);
        status = "error";
        return false;
    }
    close(fd);
    return true;
}

// Creates each missing ancestor, cutting the name at each slash in turn.
void makedirs(char* name)
{
    for (char* p = strchr(name + 1, '/'); p != nullptr; p = strchr(p + 1, '/')) {
        *p = 0;
        bool ok = exists(name) || makedir(name);
        *p = '/';
        if (!ok)
            return;
    }
    if (!exists(name))
        makedir(name);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "mkdir";
    bool pflag = false;
    ARGBEGIN {
    case 'p':
        pflag = true;
        break;
    case 'm': {
        char* s = EARGF(usage());
        mode = strtoul(s, nullptr, 8);  // as in Plan 9, what follows the digits is ignored
        if (mode > 0777)
            usage();
        break;
    }
    default:
        usage();
    } ARGEND

    for (int i = 0; i < argc; i++) {
        if (pflag)
            makedirs(argv[i]);
        else
            makedir(argv[i]);
    }
    exits(status);
}
