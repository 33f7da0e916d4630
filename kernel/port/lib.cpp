// Kernel library: the memory and string routines the compiler and the kernel call,
// and a small printf (%d %i %u %x %X %o %s %c %p, with l/ll, width, 0 and - flags).
#include "port/lib.h"
#include "port/portfns.h"
#include "port/stats.h"

extern "C" [[gnu::hot]] void* memcpy(void* dst, const void* src, size_t n)
{
    // Whole words first: P6-family string moves are fast only by the word, and an emulator
    // pays per iteration.
    auto* d = static_cast<char*>(dst);
    auto* s = static_cast<const char*>(src);
    size_t words = n / 4, bytes = n % 4;
    asm volatile("rep movsl" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
    asm volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(bytes) : : "memory");
    return dst;
}

extern "C" [[gnu::hot]] void* memmove(void* dst, const void* src, size_t n)
{
    auto* d = static_cast<char*>(dst);
    auto* s = static_cast<const char*>(src);
    if (d <= s || d >= s + n)
        return memcpy(dst, src, n);
    while (n-- > 0)
        d[n] = s[n];
    return dst;
}

extern "C" [[gnu::hot]] void* memset(void* dst, int c, size_t n)
{
    auto* d = static_cast<char*>(dst);
    asm volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
    return dst;
}

extern "C" int memcmp(const void* a, const void* b, size_t n)
{
    auto* x = static_cast<const unsigned char*>(a);
    auto* y = static_cast<const unsigned char*>(b);
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

extern "C" [[gnu::hot]] size_t strlen(const char* s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

[[gnu::hot]] int strcmp(const char* a, const char* b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char* a, const char* b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (*a == 0)
            break;
    }
    return 0;
}

const char* strchr(const char* s, int c)
{
    for (;; s++) {
        if (*s == static_cast<char>(c))
            return s;
        if (!*s)
            return nullptr;
    }
}

char* strecpy(char* dst, char* end, const char* src)
{
    if (dst >= end)
        return dst;
    while (dst < end - 1 && *src)
        *dst++ = *src++;
    *dst = 0;
    return dst;
}

namespace {

struct Out {
    char* p;
    char* end;
    int n;
    void put(char c)
    {
        if (p < end)
            *p++ = c;
        n++;
    }
};

void put_number(Out& o, unsigned long long v, unsigned base, bool upper, bool neg, int width, bool zero, bool left)
{
    char tmp[24];
    int k = 0;
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        tmp[k++] = digits[v % base];
        v /= base;
    } while (v);
    int len = k + (neg ? 1 : 0);
    if (!left && !zero)
        for (; width > len; width--)
            o.put(' ');
    if (neg)
        o.put('-');
    if (!left && zero)
        for (; width > len; width--)
            o.put('0');
    while (k > 0)
        o.put(tmp[--k]);
    if (left)
        for (; width > len; width--)
            o.put(' ');
}

}  // namespace

int vsnprint(char* buf, size_t n, const char* fmt, va_list ap)
{
    Out o { buf, buf + (n ? n - 1 : 0), 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            o.put(*fmt);
            continue;
        }
        fmt++;
        bool left = false, zero = false;
        for (;; fmt++) {
            if (*fmt == '-')
                left = true;
            else if (*fmt == '0')
                zero = true;
            else
                break;
        }
        int width = 0;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        int longs = 0;
        while (*fmt == 'l')
            longs++, fmt++;
        unsigned long long u;
        switch (*fmt) {
        case 'd':
        case 'i': {
            long long v = longs >= 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
            put_number(o, v < 0 ? -(unsigned long long)v : v, 10, false, v < 0, width, zero, left);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o':
            u = longs >= 2 ? va_arg(ap, unsigned long long) : longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            put_number(o, u, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16, *fmt == 'X', false, width, zero, left);
            break;
        case 'p':
            o.put('0'), o.put('x');
            put_number(o, reinterpret_cast<uintptr_t>(va_arg(ap, void*)), 16, false, false, 8, true, false);
            break;
        case 'c':
            o.put(static_cast<char>(va_arg(ap, int)));
            break;
        case 's': {
            const char* s = va_arg(ap, const char*);
            if (!s)
                s = "<nil>";
            int len = strlen(s);
            if (!left)
                for (; width > len; width--)
                    o.put(' ');
            while (*s)
                o.put(*s++);
            if (left)
                for (; width > len; width--)
                    o.put(' ');
            break;
        }
        case 0:
            fmt--;
            break;
        default:
            o.put('%');
            o.put(*fmt);
        }
    }
    if (n)
        *o.p = 0;
    return o.n < static_cast<int>(n) ? o.n : (n ? static_cast<int>(n) - 1 : 0);
}

int snprint(char* buf, size_t n, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprint(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int print(const char* fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprint(buf, sizeof buf, fmt, ap);
    va_end(ap);
    kmesg_append(buf, n);
    console_write(buf, n);
    return n;
}

void panic(const char* fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprint(buf, sizeof buf, fmt, ap);
    va_end(ap);
    splhi();
    print("panic: %s\n", buf);
    halt_forever();
}
