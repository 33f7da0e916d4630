// The seeded byte stream streamgen writes and bytemap's cipher adds: xorshift32, so the
// same seed gives the same bytes in every program that asks.
#pragma once
#include "libc.h"

class Keystream {
public:
    explicit Keystream(uint32_t seed) : m_state(seed | 1) {}  // xorshift32 must not start at 0

    uchar next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return uchar(m_state);
    }

private:
    uint32_t m_state;
};
