// Lexical path cleaning (see cleanname.h). The name only ever shrinks, so the work is
// done in place with a read pointer running ahead of a write pointer.
#include "lib9/cleanname.h"

namespace {

bool sep(char c) { return c == '/' || c == 0; }

}  // namespace

char* cleanname(char* name)
{
    char* p = name;  // end of the root part, which ".." never removes
    bool rooted = false;
    if (name[0] == '#') {
        p = name + 1;
        if (*p)  // the device rune: one UTF-8 sequence, which may be '/'
            for (p++; (*p & 0xC0) == 0x80; p++)
                ;
        while (*p && *p != '/')
            p++;
        rooted = true;
    } else if (name[0] == '/') {
        p = name + 1;
        rooted = true;
    }
    char* w = p;  // where the next kept element goes
    const char* r = p;
    while (*r) {
        while (*r == '/')
            r++;
        if (!*r)
            break;
        const char* e = r;
        while (!sep(*e))
            e++;
        int len = e - r;
        if (len == 1 && r[0] == '.') {
            // drop
        } else if (len == 2 && r[0] == '.' && r[1] == '.') {
            char* prev = w;  // the last kept element, if it is not itself ".."
            while (prev > p && prev[-1] != '/')
                prev--;
            bool prev_is_dotdot = w - prev == 2 && prev[0] == '.' && prev[1] == '.';
            if (w > p && !prev_is_dotdot) {
                w = prev > p ? prev - 1 : p;
            } else if (!rooted) {
                if (w > p)
                    *w++ = '/';
                *w++ = '.';
                *w++ = '.';
            }
        } else {
            if (w > p || name[0] == '#')  // a device root "#x" has no slash of its own
                *w++ = '/';
            for (int i = 0; i < len; i++)
                *w++ = r[i];
        }
        r = e;
    }
    *w = 0;
    if (w == name)
        w[0] = '.', w[1] = 0;
    if (!rooted && name[0] == '#') {  // cleaning removed at least "./": there is room
        int n = w - name;
        for (int i = n; i >= 0; i--)
            name[i + 2] = name[i];
        name[0] = '.';
        name[1] = '/';
    }
    return name;
}
