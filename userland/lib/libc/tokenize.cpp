// Splitting strings in place into fields (Plan 9's getfields(2)).
// tokenize splits at blanks and honours rc-style quotes: '...' protects blanks, and ''
// inside quotes stands for one quote; quotes may start or end mid-word (a'b c'd is one
// token "ab cd"). getfields splits at any rune of delims, with no quoting.
// Both write NULs into the string and return the number of fields found, at most maxargs;
// the arrays are not nil-terminated.
#include "libc.h"

namespace {

bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Unquotes the token starting at s in place and returns where the next one may start.
char* qtoken(char* s)
{
    char* r = s;  // reads the input
    char* w = s;  // writes the unquoted token, never ahead of r
    bool quoting = false;
    while (*r && (quoting || !blank(*r))) {
        if (*r != '\'') {
            *w++ = *r++;
        } else if (!quoting) {
            quoting = true;
            r++;
        } else if (r[1] == '\'') {
            *w++ = '\'';
            r += 2;
        } else {
            quoting = false;
            r++;
        }
    }
    char* next = *r ? r + 1 : r;  // the blank at r is consumed: w may overwrite it
    *w = 0;
    return next;
}

}  // namespace

extern "C" {

int tokenize(char* s, char** args, int maxargs)
{
    int n = 0;
    while (n < maxargs) {
        while (blank(*s))
            s++;
        if (*s == 0)
            break;
        args[n++] = s;
        s = qtoken(s);
    }
    return n;
}

// With multiflag, runs of delimiters count as one and leading or trailing ones make no
// empty fields. Once maxargs fields are found the last one keeps the rest of the string.
int getfields(char* s, char** args, int maxargs, int multiflag, const char* delims)
{
    if (maxargs <= 0)
        return 0;
    int n = 0;
    bool infield = false;
    if (!multiflag)
        args[n++] = s;
    Rune r;
    for (int len; *s; s += len) {
        len = chartorune(&r, s);
        if (utfrune(delims, r) == nullptr) {
            if (multiflag && !infield)
                args[n++] = s;  // n < maxargs: reaching it stops at the delimiter before
            infield = true;
            continue;
        }
        if (!multiflag) {
            if (n == maxargs)
                break;
            *s = 0;
            args[n++] = s + len;
        } else if (infield) {
            if (n == maxargs)
                break;
            *s = 0;
        }
        infield = false;
    }
    return n;
}

}  // extern "C"
