// The C++ runtime that g++ expects beneath freestanding code: new and delete on malloc,
// and the pure-virtual trap. new cannot return nil (the compiler assumes it does not),
// so running out of memory is fatal, as an uncaught bad_alloc would be.
#include <new>

#include "libc.h"

namespace std {

const nothrow_t nothrow{};

}  // namespace std

namespace {

void* alloc(std::size_t n)
{
    void* p = malloc(n);
    if (p == nullptr)
        sysfatal("out of memory");
    return p;
}

}  // namespace

void* operator new(std::size_t n)
{
    return alloc(n);
}

void* operator new[](std::size_t n)
{
    return alloc(n);
}

void* operator new(std::size_t n, const std::nothrow_t&) noexcept
{
    return malloc(n);
}

void* operator new[](std::size_t n, const std::nothrow_t&) noexcept
{
    return malloc(n);
}

void operator delete(void* p) noexcept
{
    free(p);
}

void operator delete[](void* p) noexcept
{
    free(p);
}

void operator delete(void* p, std::size_t) noexcept
{
    free(p);
}

void operator delete[](void* p, std::size_t) noexcept
{
    free(p);
}

extern "C" void __cxa_pure_virtual()
{
    sysfatal("pure virtual function called");
}
