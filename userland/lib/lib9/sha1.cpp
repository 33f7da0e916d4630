// SHA-1 after FIPS 180-4 §6.1, written for clarity over speed: the only hot use is one
// pass over the bootpaq at boot. The message schedule is a 16-word ring rather than 80
// words to keep kernel stack use small; only integer registers are used (the kernel builds
// with -mgeneral-regs-only). Words are read big-endian whatever the machine's byte order.
#include "lib9/sha1.h"

namespace {

inline uint32_t rol(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

inline uint32_t load_be32(const uint8_t* p)
{
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

inline void store_be32(uint8_t* p, uint32_t v)
{
    p[0] = uint8_t(v >> 24);
    p[1] = uint8_t(v >> 16);
    p[2] = uint8_t(v >> 8);
    p[3] = uint8_t(v);
}

}  // namespace

void Sha1::reset()
{
    m_state[0] = 0x67452301u;
    m_state[1] = 0xEFCDAB89u;
    m_state[2] = 0x98BADCFEu;
    m_state[3] = 0x10325476u;
    m_state[4] = 0xC3D2E1F0u;
    m_length = 0;
    m_fill = 0;
}

void Sha1::compress(const uint8_t block[64])
{
    uint32_t w[16];
    for (int i = 0; i < 16; i++)
        w[i] = load_be32(block + 4 * i);

    uint32_t a = m_state[0], b = m_state[1], c = m_state[2], d = m_state[3], e = m_state[4];
    for (int t = 0; t < 80; t++) {
        if (t >= 16)
            w[t & 15] = rol(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
        uint32_t f, k;
        if (t < 20) {
            f = (b & c) | (~b & d);
            k = 0x5A827999u;
        } else if (t < 40) {
            f = b ^ c ^ d;
            k = 0x6ED9EBA1u;
        } else if (t < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8F1BBCDCu;
        } else {
            f = b ^ c ^ d;
            k = 0xCA62C1D6u;
        }
        uint32_t tmp = rol(a, 5) + f + e + k + w[t & 15];
        e = d;
        d = c;
        c = rol(b, 30);
        b = a;
        a = tmp;
    }
    m_state[0] += a;
    m_state[1] += b;
    m_state[2] += c;
    m_state[3] += d;
    m_state[4] += e;
}

void Sha1::update(const void* data, size_t len)
{
    auto p = static_cast<const uint8_t*>(data);
    m_length += len;
    if (m_fill > 0) {
        size_t n = 64 - m_fill < len ? 64 - m_fill : len;
        __builtin_memcpy(m_block + m_fill, p, n);
        m_fill += n;
        p += n;
        len -= n;
        if (m_fill < 64)
            return;
        compress(m_block);
        m_fill = 0;
    }
    for (; len >= 64; p += 64, len -= 64)
        compress(p);
    __builtin_memcpy(m_block, p, len);
    m_fill = len;
}

void Sha1::finish(uint8_t out[SHA1dlen])
{
    // Padding: a 1 bit, zeros up to 56 mod 64, then the message length in bits.
    uint64_t bits = m_length * 8;
    uint8_t pad[72] = {0x80};
    size_t npad = (m_fill < 56 ? 56 : 120) - m_fill;
    for (int i = 0; i < 8; i++)
        pad[npad + i] = uint8_t(bits >> (56 - 8 * i));
    update(pad, npad + 8);
    for (int i = 0; i < 5; i++)
        store_be32(out + 4 * i, m_state[i]);
    reset();
}

void sha1(const void* data, size_t len, uint8_t out[SHA1dlen])
{
    Sha1 s;
    s.update(data, len);
    s.finish(out);
}
