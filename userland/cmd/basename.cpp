// basename [-d] string [suffix]: prints string without the part up to its last slash
// and without suffix, when string ends with it; -d prints only the part before the last
// slash instead (or "." when there is none), as Plan 9's basename(1) does.
#include "libc.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: basename [-d] string [suffix]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "basename";
    bool dflag = false;
    ARGBEGIN {
    case 'd':
        dflag = true;
        break;
    default:
        usage();
    } ARGEND
    if (argc < 1 || argc > 2 || (dflag && argc != 1))
        usage();

    char* s = argv[0];
    char* slash = strrchr(s, '/');
    if (dflag) {
        if (slash == nullptr) {
            print(".\n");
        } else {
            *slash = 0;
            print("%s\n", s);
        }
        exits(nullptr);
    }
    char* base = slash != nullptr ? slash + 1 : s;
    if (argc == 2) {
        long n = (long)strlen(base) - (long)strlen(argv[1]);
        if (n >= 0 && strcmp(base + n, argv[1]) == 0)
            base[n] = 0;
    }
    print("%s\n", base);
    exits(nullptr);
}
