// Memory block operations. The compiler emits calls to these itself (struct copies,
// zeroing), so the library must be built with -fno-tree-loop-distribute-patterns or
// GCC would turn the loops below back into calls to themselves.
// Forward copies are string moves; backward ones move a word at a time when source and
// destination share alignment.
#include "libc.h"

namespace {

typedef uintptr __attribute__((may_alias)) Word;
constexpr usize Wsize = sizeof(Word);

bool aligned(const void* a, const void* b)
{
    return (((uintptr)a | (uintptr)b) & (Wsize - 1)) == 0;
}

}  // namespace

extern "C" {

void* memmove(void* to, const void* from, usize n)
{
    auto* t = (uchar*)to;
    auto* f = (const uchar*)from;
    if (t == f || n == 0)
        return to;
    if (t < f || t >= f + n) {
        // String moves by the word: the fastest forward copy on the P6 family, and under
        // an emulator, which pays per iteration.
        usize words = n / Wsize, bytes = n % Wsize;
        asm volatile("rep movsl" : "+D"(t), "+S"(f), "+c"(words) : : "memory");
        asm volatile("rep movsb" : "+D"(t), "+S"(f), "+c"(bytes) : : "memory");
        return to;
    }
    // Overlapping with the destination above the source: copy from the end down.
    t += n;
    f += n;
    if (aligned(t, f))
        for (; n >= Wsize; n -= Wsize) {
            t -= Wsize;
            f -= Wsize;
            *(Word*)t = *(const Word*)f;
        }
    while (n-- > 0)
        *--t = *--f;
    return to;
}

void* memcpy(void* to, const void* from, usize n)
{
    return memmove(to, from, n);
}

void* memset(void* p, int c, usize n)
{
    auto* s = (uchar*)p;
    for (; n > 0 && ((uintptr)s & (Wsize - 1)) != 0; n--)
        *s++ = (uchar)c;
    Word w = (uchar)c * (~(Word)0 / 0xFF);
    for (; n >= Wsize; n -= Wsize, s += Wsize)
        *(Word*)s = w;
    while (n-- > 0)
        *s++ = (uchar)c;
    return p;
}

int memcmp(const void* a, const void* b, usize n)
{
    auto* x = (const uchar*)a;
    auto* y = (const uchar*)b;
    for (; n > 0; n--, x++, y++)
        if (*x != *y)
            return *x < *y ? -1 : 1;
    return 0;
}

void* memchr(const void* p, int c, usize n)
{
    auto* s = (const uchar*)p;
    for (; n > 0; n--, s++)
        if (*s == (uchar)c)
            return (void*)s;
    return nullptr;
}

}  // extern "C"
