// Plan 9's basic type names (u.h), so code reads like Plan 9's and ports across unchanged.
// ulong and vlong keep their C meanings (long, long long): on i686 ulong is 32 bits as in Plan 9.
#pragma once

#include <cstdarg>
#include <cstddef>
#include <cstdint>

typedef unsigned char uchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef long long vlong;
typedef unsigned long long uvlong;
typedef std::uintptr_t uintptr;
typedef std::size_t usize;
typedef unsigned int Rune;  // a Unicode code point (21 bits used)

#define nil nullptr
