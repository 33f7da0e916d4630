// Linereader (lines.h): reads in 8K steps into one growing buffer, moving the unreturned
// tail of a line to the front before each read, so memory is bounded by the longest line.
#include "lines.h"

namespace {

constexpr long Chunk = 8192;

}  // namespace

char* Linereader::next(long* len)
{
    long scanned = m_start;
    for (;;) {
        char* nl = (char*)memchr(m_buf + scanned, '\n', m_end - scanned);
        if (nl != nullptr) {
            char* line = m_buf + m_start;
            *len = nl + 1 - line;
            m_start += *len;
            return line;
        }
        if (m_eof) {
            if (m_start == m_end)
                return nullptr;
            char* line = m_buf + m_start;
            *len = m_end - m_start;
            m_start = m_end;
            return line;
        }
        scanned = m_end - m_start;
        memmove(m_buf, m_buf + m_start, scanned);
        m_end = scanned;
        m_start = 0;
        if (m_size - m_end < Chunk) {
            m_size = m_size * 2 + Chunk;
            char* b = (char*)realloc(m_buf, m_size);
            if (b == nullptr)
                sysfatal("out of memory");
            m_buf = b;
        }
        long n = read(m_fd, m_buf + m_end, m_size - m_end);
        if (n <= 0) {
            m_eof = true;
            m_error = n < 0;
            continue;
        }
        m_end += n;
    }
}
