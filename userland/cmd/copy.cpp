// The copy loop and file identity shared by cp and mv (copy.h). Bytes move in blocks of
// 8 KB, each written whole; a short write is an error, as Plan 9's cp treats it.
#include "copy.h"

bool copy_bytes(int from, int to, const char* fromname, const char* toname)
{
    static char buf[8192];
    long n;
    while ((n = read(from, buf, sizeof buf)) > 0) {
        if (write(to, buf, n) != n) {
            fprint(2, "%s: error writing %s: %r\n", argv0, toname);
            return false;
        }
    }
    if (n < 0) {
        fprint(2, "%s: error reading %s: %r\n", argv0, fromname);
        return false;
    }
    return true;
}

bool same_file(const Dir* a, const Dir* b)
{
    return a->type == b->type && a->dev == b->dev && a->qid.path == b->qid.path
        && a->qid.type == b->qid.type && a->qid.vers == b->qid.vers;
}
