// rc quoting of whole strings (Plan 9's quote(2)): quotestrdup adds quotes exactly as
// the %q verb prints them, unquotestrdup removes them. Unquoting treats a quote as a
// toggle and '' inside quotes as one literal quote, as tokenize does, but keeps blanks.
#include "libc.h"

extern "C" {

char* quotestrdup(const char* s)
{
    return smprint("%q", s);
}

char* unquotestrdup(const char* s)
{
    char* t = strdup(s);
    if (t == nil)
        return nil;
    char* w = t;
    bool quoting = false;
    for (const char* r = t; *r; r++) {
        if (*r != '\'')
            *w++ = *r;
        else if (quoting && r[1] == '\'')
            *w++ = *r++;
        else
            quoting = !quoting;
    }
    *w = 0;
    return t;
}

}  // extern "C"
