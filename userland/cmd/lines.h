// Linereader: a file descriptor read a line at a time, for the commands that work on lines
// (sort, uniq, diff). Lines may be of any length: the buffer grows to hold the longest.
// A line is returned with its newline, which only the last line of a file may lack; the
// bytes stay valid until the next call.
#pragma once

#include "libc.h"

class Linereader {
public:
    explicit Linereader(int fd) : m_fd(fd) {}
    ~Linereader() { free(m_buf); }
    Linereader(const Linereader&) = delete;
    Linereader& operator=(const Linereader&) = delete;

    // The next line and its length in *len, or nil at the end of the file. A read error
    // ends the file too and is remembered in error().
    char* next(long* len);
    bool error() const { return m_error; }

private:
    int m_fd;
    char* m_buf = nullptr;
    long m_size = 0;
    long m_start = 0;  // first byte not yet returned
    long m_end = 0;  // end of the bytes read
    bool m_eof = false;
    bool m_error = false;
};
