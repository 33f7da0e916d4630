// date [-un] [seconds]: prints the time, now or the given seconds since the epoch, in
// Plan 9's ctime(2) form ("Mon Nov 23 19:49:18 GMT 2026"), or with -n as the bare number
// of seconds. -u asks for GMT; until there are time zones local time is GMT too.
#include "libc.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: date [-un] [seconds]\n");
    exits("usage");
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "date";
    bool nflag = false;
    bool uflag = false;
    ARGBEGIN {
    case 'n':
        nflag = true;
        break;
    case 'u':
        uflag = true;
        break;
    default:
        usage();
    } ARGEND

    // As in Plan 9: one argument is the time, however it reads; more are ignored.
    long now = argc == 1 ? (long)strtoul(argv[0], nullptr, 0) : time(nullptr);
    if (nflag)
        print("%ld\n", now);
    else if (uflag)
        print("%s", asctime(gmtime(now)));
    else
        print("%s", ctime(now));
    exits(nullptr);
}
