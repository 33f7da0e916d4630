// Growable strings and word lists for rc. Header-only, on malloc, so the syntax half of
// rc builds for the host too.
#pragma once

#ifdef MYRMEX_HOST
#include <cstdlib>
#include <cstring>
#else
#include "libc.h"
#endif

struct Str {
    char* p = nullptr;
    int n = 0, cap = 0;

    Str() = default;
    Str(const Str&) = delete;
    Str& operator=(const Str&) = delete;
    Str(Str&& o) : p(o.p), n(o.n), cap(o.cap) { o.p = nullptr, o.n = o.cap = 0; }
    ~Str() { free(p); }

    void reserve(int need)
    {
        if (n + need + 1 > cap)
            grow(need);
    }
    // Out of line so that the compiler does not guess (wrongly) at the buffer's size.
    [[gnu::noinline]] void grow(int need)
    {
        int c = cap ? cap : 32;
        while (c < n + need + 1)
            c *= 2;
        p = static_cast<char*>(realloc(p, c));
        cap = c;
    }
    void add(char c)
    {
        reserve(1);
        p[n++] = c;
        p[n] = 0;
    }
    void add(const char* s, int len)
    {
        if (len <= 0)
            return;
        reserve(len);
        memcpy(p + n, s, len);
        n += len;
        p[n] = 0;
    }
    void add(const char* s) { add(s, static_cast<int>(strlen(s))); }
    void add_int(long v)
    {
        char b[24];
        int i = sizeof b;
        bool neg = v < 0;
        unsigned long u = neg ? 0UL - static_cast<unsigned long>(v) : static_cast<unsigned long>(v);
        do
            b[--i] = static_cast<char>('0' + u % 10);
        while (u /= 10);
        if (neg)
            b[--i] = '-';
        add(b + i, static_cast<int>(sizeof b) - i);
    }
    const char* c_str() const { return p ? p : ""; }
    void clear()
    {
        n = 0;
        if (p)
            p[0] = 0;
    }
    // Hands the malloc'd text to the caller and empties this string.
    char* take()
    {
        char* r = p ? p : static_cast<char*>(calloc(1, 1));
        p = nullptr;
        n = cap = 0;
        return r;
    }
};

// A list of malloc'd strings: an rc value.
struct Words {
    char** v = nullptr;
    int n = 0, cap = 0;

    Words() = default;
    Words(const Words&) = delete;
    Words& operator=(const Words&) = delete;
    Words(Words&& o) : v(o.v), n(o.n), cap(o.cap) { o.v = nullptr, o.n = o.cap = 0; }
    Words& operator=(Words&& o)
    {
        if (this != &o) {
            clear();
            free(v);
            v = o.v, n = o.n, cap = o.cap;
            o.v = nullptr, o.n = o.cap = 0;
        }
        return *this;
    }
    ~Words()
    {
        clear();
        free(v);
    }

    void push_own(char* s)  // takes a malloc'd string
    {
        if (n == cap) {
            cap = cap ? cap * 2 : 4;
            v = static_cast<char**>(realloc(v, cap * sizeof *v));
        }
        v[n++] = s;
    }
    void push(const char* s) { push_own(strdup(s)); }
    void append(Words&& o)
    {
        for (int i = 0; i < o.n; i++)
            push_own(o.v[i]);
        o.n = 0;
    }
    void clear()
    {
        for (int i = 0; i < n; i++)
            free(v[i]);
        n = 0;
    }
    Words copy() const
    {
        Words w;
        for (int i = 0; i < n; i++)
            w.push(v[i]);
        return w;
    }
};
