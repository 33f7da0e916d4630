// seq [-w] [-fformat] [first [incr]] last: prints first, first+incr, ... while not past
// last, one a line, as Plan 9's seq: the numbers are doubles, printed with %g unless
// -f gives a print format (a newline is added when it has none). -w pads with leading
// zeros to equal widths: it formats every value with %g first to find the widest integer
// and fraction parts, then prints with %W.Pf; numbers that need an exponent turn it off.
// Arithmetic is in double precision (the x87 set to round to 53 bits), so the sequence
// ends where it does on other machines.
#include "libc.h"

namespace {

double first = 1, last, incr = 1;

[[noreturn]] void usage()
{
    fprint(2, "usage: seq [-fformat] [-w] [first [incr]] last\n");
    exits("usage");
}

bool more(double v)
{
    return incr > 0 ? v <= last : v >= last;
}

// The -w format: %W.Pf wide enough for every value of an increasing sequence.
char* widthfmt()
{
    int maxw = 0, maxp = 0;
    for (double v = first; v <= last; v += incr) {
        char buf[64];
        snprint(buf, sizeof buf, "%g", v);
        if (strchr(buf, 'e') != nullptr)
            return strdup("%g\n");
        char* dp = strchr(buf, '.');
        int w = dp == nullptr ? strlen(buf) : dp - buf;
        int p = dp == nullptr ? 0 : strlen(dp + 1);
        if (w > maxw)
            maxw = w;
        if (p > maxp)
            maxp = p;
    }
    if (maxp > 0)
        maxw += maxp + 1;
    return smprint("%%%d.%df\n", maxw, maxp);
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "seq";
    setfcr((getfcr() & ~FPPMASK) | FPPDBL);
    bool wflag = false;
    char* format = nullptr;
    ARGBEGIN {
    case 'w':
        wflag = true;
        break;
    case 'f':
        format = EARGF(usage());
        if (format[0] == 0 || format[strlen(format) - 1] != '\n')
            format = smprint("%s\n", format);
        break;
    default:
        goto operands;  // a negative number, not a flag
    } ARGEND
operands:
    if (argc < 1 || argc > 3)
        usage();
    last = atof(argv[argc - 1]);
    if (argc > 1)
        first = atof(argv[0]);
    if (argc > 2)
        incr = atof(argv[1]);
    if (incr == 0) {
        fprint(2, "seq: zero increment\n");
        exits("zero increment");
    }
    if (format == nullptr)
        format = wflag ? widthfmt() : strdup("%g\n");
    for (double v = first; more(v); v += incr) {
        char* s = smprint(format, v);
        if (s == nullptr)
            sysfatal("out of memory");
        for (char* p = s; wflag && *p == ' '; p++)
            *p = '0';
        write(1, s, strlen(s));
        free(s);
    }
    exits(nullptr);
}
