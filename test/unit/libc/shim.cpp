// Forwards shim.h to libc compiled for the host, and stands in for the one system call
// that code makes, errstr, with a process-wide string swapped just as the kernel does.
#include "libc.h"
#include "shim.h"

namespace {

char errbuf[ERRMAX];

shim::Fields fields(const Tm* t)
{
    return {t->sec, t->min, t->hour, t->mday, t->mon, t->year, t->wday, t->yday};
}

Tm tm(const shim::Fields& f)
{
    Tm t {};
    t.sec = f.sec;
    t.min = f.min;
    t.hour = f.hour;
    t.mday = f.mday;
    t.mon = f.mon;
    t.year = f.year;
    t.wday = f.wday;
    t.yday = f.yday;
    memmove(t.zone, "GMT", 4);
    return t;
}

}  // namespace

extern "C" int errstr(char* buf, uint n)
{
    char tmp[ERRMAX];
    utfecpy(tmp, tmp + sizeof tmp, buf);
    utfecpy(buf, buf + n, errbuf);
    memmove(errbuf, tmp, sizeof tmp);
    return 0;
}

namespace shim {

Fields gmtime_fields(long t) { return fields(::gmtime(t)); }
Fields localtime_fields(long t) { return fields(::localtime(t)); }

long tm2sec(const Fields& f)
{
    Tm t = tm(f);
    return ::tm2sec(&t);
}

const char* asctime_text(const Fields& f)
{
    Tm t = tm(f);
    return ::asctime(&t);
}

const char* ctime_text(long t) { return ::ctime(t); }
long dirread(int fd, Dir** d) { return ::dirread(fd, d); }
long dirreadall(int fd, Dir** d) { return ::dirreadall(fd, d); }
char* quotestrdup(const char* s) { return ::quotestrdup(s); }
char* unquotestrdup(const char* s) { return ::unquotestrdup(s); }
char* print_double(const char* fmt, double x) { return ::smprint(fmt, x); }

double parse_double(const char* s, int* used)
{
    char* end;
    double x = ::strtod(s, &end);
    *used = end - s;
    return x;
}

const char* lasterror() { return errbuf; }
void clearerror() { errbuf[0] = 0; }

}  // namespace shim
