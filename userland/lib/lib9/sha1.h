// SHA-1 (FIPS 180-4), incremental and one-shot; shared by the kernel, userland and host.
// Venti scores and the bootpaq checksum are SHA-1 digests.
#pragma once
#include <cstddef>
#include <cstdint>

inline constexpr size_t SHA1dlen = 20;  // digest length in bytes, Plan 9's name

class Sha1 {
public:
    Sha1() { reset(); }

    void update(const void* data, size_t len);
    // Writes the digest and resets the state, so the object can hash another message.
    void finish(uint8_t out[SHA1dlen]);

private:
    void reset();
    void compress(const uint8_t block[64]);

    uint32_t m_state[5];
    uint64_t m_length;  // bytes hashed so far
    uint8_t m_block[64];  // pending partial block
    size_t m_fill;  // bytes used in m_block
};

void sha1(const void* data, size_t len, uint8_t out[SHA1dlen]);
