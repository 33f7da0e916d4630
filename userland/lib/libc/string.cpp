// NUL-terminated string routines (Plan 9's string(2) subset). Comparisons treat bytes as
// unsigned so UTF-8 sorts by code point. strecpy is Plan 9's bounded copy: it never writes
// at or past e and returns the terminating NUL so calls can be chained.
#include "libc.h"

extern "C" {

usize strlen(const char* s)
{
    const char* e = s;
    while (*e)
        e++;
    return e - s;
}

int strcmp(const char* a, const char* b)
{
    for (;; a++, b++) {
        uchar x = *a, y = *b;
        if (x != y)
            return x < y ? -1 : 1;
        if (x == 0)
            return 0;
    }
}

int strncmp(const char* a, const char* b, usize n)
{
    for (; n > 0; n--, a++, b++) {
        uchar x = *a, y = *b;
        if (x != y)
            return x < y ? -1 : 1;
        if (x == 0)
            return 0;
    }
    return 0;
}

char* strcpy(char* to, const char* from)
{
    char* t = to;
    while ((*t++ = *from++) != 0)
        ;
    return to;
}

char* strncpy(char* to, const char* from, usize n)
{
    usize i = 0;
    for (; i < n && from[i]; i++)
        to[i] = from[i];
    for (; i < n; i++)
        to[i] = 0;
    return to;
}

char* strecpy(char* to, char* e, const char* from)
{
    if (to >= e)
        return to;
    while (to < e - 1 && *from)
        *to++ = *from++;
    *to = 0;
    return to;
}

char* strcat(char* to, const char* from)
{
    strcpy(to + strlen(to), from);
    return to;
}

char* strchr(const char* s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char*)s;
        if (*s == 0)
            return nullptr;
    }
}

char* strrchr(const char* s, int c)
{
    const char* last = nullptr;
    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (*s == 0)
            return (char*)last;
    }
}

char* strdup(const char* s)
{
    usize n = strlen(s) + 1;
    auto* t = (char*)malloc(n);
    if (t != nullptr)
        memmove(t, s, n);
    return t;
}

char* strstr(const char* s, const char* find)
{
    usize n = strlen(find);
    if (n == 0)
        return (char*)s;
    for (; (s = strchr(s, find[0])) != nullptr; s++)
        if (strncmp(s, find, n) == 0)
            return (char*)s;
    return nullptr;
}

}  // extern "C"
