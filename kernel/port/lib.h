// Kernel library: string/memory routines, formatted printing, panic.
#pragma once
#include <cstdarg>
#include <cstddef>
#include <cstdint>

#if MYRMEX_HOST
#include <cstring>  // kernel logic compiled for host tests uses the C library's
#else
extern "C" {
void* memcpy(void* dst, const void* src, size_t n);
void* memmove(void* dst, const void* src, size_t n);
void* memset(void* dst, int c, size_t n);
int memcmp(const void* a, const void* b, size_t n);
size_t strlen(const char* s);
}
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, size_t n);
const char* strchr(const char* s, int c);
#endif
char* strecpy(char* dst, char* end, const char* src);  // Plan 9: copy, NUL-terminate, return end of copy

int vsnprint(char* buf, size_t n, const char* fmt, va_list ap);
int snprint(char* buf, size_t n, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
int print(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
[[noreturn]] void panic(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

template <typename T>
constexpr T min(T a, T b) { return a < b ? a : b; }
template <typename T>
constexpr T max(T a, T b) { return a > b ? a : b; }

#define nelem(x) (sizeof(x) / sizeof((x)[0]))

// Replace *p (owned, may be nullptr) by a copy of s; out of memory leaves *p as it was.
inline void kstrdup(char** p, const char* s)
{
    size_t n = strlen(s);
    char* copy = new char[n + 1];
    if (!copy)
        return;
    memcpy(copy, s, n + 1);
    delete[] *p;
    *p = copy;
}
