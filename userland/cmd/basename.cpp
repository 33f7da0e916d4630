// basename [-d] string [suffix]: prints string without the part up to its last slash
// and without suffix, when string ends with it; -d prints only the part before the last
// slash instead (or "." when there is none), as Plan 9's basename(1) does. As there,
// only a first argument of exactly -d is a flag: basename -x prints -x, and -d ignores
// a suffix.
#include "libc.h"

int main(int argc, char** argv)
{
    bool dflag = argc > 1 && strcmp(argv[1], "-d") == 0;
    if (dflag) {
        argc--;
        argv++;
    }
    if (argc < 2 || argc > 3) {
        fprint(2, "usage: basename [-d] string [suffix]\n");
        exits("usage");
    }
    char* s = argv[1];
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
    if (argc == 3) {
        long n = (long)strlen(base) - (long)strlen(argv[2]);
        if (n >= 0 && strcmp(base + n, argv[2]) == 0)
            base[n] = 0;
    }
    print("%s\n", base);
    exits(nullptr);
}
