// cmp [-lsL] file1 file2 [offset1 [offset2]]: compares two files byte by byte, each from
// its offset (0x hex, 0 octal, else decimal). Silent when equal. Otherwise, as Plan 9's
// cmp: "f1 f2 differ: char N" (1-based, counted from the offsets; -L adds the line of
// file1, where a differing newline already counts), exit status "differ"; -l instead lists
// every differing byte as "N 0xAA 0xBB" and, like Plan 9's, does not by itself make the
// status non-empty; -s prints nothing. When one file is a prefix of the other: "EOF on
// shorter" and status "EOF".
#include "libc.h"

namespace {

bool sflag, lflag, Lflag;

struct Input {
    int fd;
    uchar buf[65536];
    long pos = 0, end = 0;

    // The next byte, or -1 at the end of the file.
    int get()
    {
        if (pos == end) {
            end = read(fd, buf, sizeof buf);
            pos = 0;
            if (end <= 0) {
                end = 0;
                return -1;
            }
        }
        return buf[pos++];
    }
};

Input in1, in2;

[[noreturn]] void usage()
{
    print("Usage: cmp [-lsL] file1 file2 [offset1 [offset2] ]\n");  // on stdout, as Plan 9's
    exits("usage");
}

int openfile(const char* name)
{
    int fd = open(name, OREAD);
    if (fd < 0) {
        if (!sflag)
            fprint(2, "%s: %r\n", name);
        exits("open");
    }
    return fd;
}

void skipto(int fd, const char* arg, int which)
{
    if (seek(fd, strtoll(arg, nullptr, 0), 0) < 0) {
        if (!sflag)
            fprint(2, "cmp: seek by offset%d: %r\n", which);
        exits(which == 1 ? "seek 1" : "seek 2");
    }
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "cmp";
    ARGBEGIN {
    case 's':
        sflag = true;
        break;
    case 'l':
        lflag = true;
        break;
    case 'L':
        Lflag = true;
        break;
    default:
        usage();
    } ARGEND
    if (argc < 2 || argc > 4)
        usage();
    const char* name1 = argv[0];
    const char* name2 = argv[1];
    in1.fd = openfile(name1);
    in2.fd = openfile(name2);
    if (argc > 2)
        skipto(in1.fd, argv[2], 1);
    if (argc > 3)
        skipto(in2.fd, argv[3], 2);

    vlong nc = 1, line = 1;
    for (;; nc++) {
        int a = in1.get();
        int b = in2.get();
        if (a < 0 || b < 0) {
            if (a == b)
                exits(nullptr);
            if (!sflag)
                print("EOF on %s\n", a < 0 ? name1 : name2);
            exits("EOF");
        }
        if (a == '\n')
            line++;
        if (a == b)
            continue;
        if (sflag)
            exits("differ");
        if (lflag) {
            print("%6lld 0x%.2x 0x%.2x\n", nc, a, b);
            continue;
        }
        if (Lflag)
            print("%s %s differ: char %lld line %lld\n", name1, name2, nc, line);
        else
            print("%s %s differ: char %lld\n", name1, name2, nc);
        exits("differ");
    }
}
