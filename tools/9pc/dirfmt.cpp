// Stat entries as text (dirfmt.h). A Myrmex or Plan 9 mount would show the type 'M' and
// device 0 for every file of a 9P server, and so does 9pc's ls -l, as plan9port's 9p does.
#include "9pc/dirfmt.h"

#include <algorithm>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "lib9/dir.h"

namespace {

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

std::string format(const char* fmt, ...)
{
    va_list a, b;
    va_start(a, fmt);
    va_copy(b, a);
    int n = std::vsnprintf(nullptr, 0, fmt, a);
    va_end(a);
    std::string s(size_t(n > 0 ? n : 0), '\0');
    std::vsnprintf(s.data(), s.size() + 1, fmt, b);
    va_end(b);
    return s;
}

std::string qidtype(uint8_t t)
{
    std::string s;
    if (t & QTDIR)
        s += 'd';
    if (t & QTAPPEND)
        s += 'a';
    if (t & QTEXCL)
        s += 'l';
    if (t & QTAUTH)
        s += 'A';
    return s;
}

std::string when(uint32_t t, time_t now)
{
    static const char* const month[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    time_t tt = t;
    tm tm;
    localtime_r(&tt, &tm);
    if (now - tt < 6L * 30 * 86400)
        return format("%s %2d %02d:%02d", month[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min);
    return format("%s %2d %5d", month[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900);
}

}  // namespace

std::string quoted(const std::string& s)
{
    bool need = s.empty();
    for (unsigned char c : s)
        if (c <= ' ' || std::strchr("`^#*[]=|\\?${}()'<>&;", c))
            need = true;
    if (!need)
        return s;
    std::string q = "'";
    for (char c : s) {
        if (c == '\'')
            q += '\'';
        q += c;
    }
    return q + "'";
}

std::string dirline(const Stat& st)
{
    return format("'%s' '%s' '%s' '%s' q (%.16" PRIx64 " %" PRIu32 " %s) m %#" PRIo32 " at %" PRIu32 " mt %" PRIu32
                  " l %" PRIu64 " t %d d %" PRIu32,
        st.name.c_str(), st.uid.c_str(), st.gid.c_str(), st.muid.c_str(), st.qid.path, st.qid.vers,
        qidtype(st.qid.type).c_str(), st.mode, st.atime, st.mtime, st.length, int(st.type), st.dev);
}

std::vector<std::string> lslines(const std::vector<Stat>& entries, time_t now)
{
    int uw = 0, gw = 0, lw = 0;
    for (const Stat& st : entries) {
        uw = std::max(uw, int(st.uid.size()));
        gw = std::max(gw, int(st.gid.size()));
        lw = std::max(lw, int(format("%" PRIu64, st.length).size()));
    }
    std::vector<std::string> lines;
    char mode[12];
    for (const Stat& st : entries)
        lines.push_back(format("%s M 0 %-*s %-*s %*" PRIu64 " %s %s", dirmodefmt(st.mode, mode), uw, st.uid.c_str(), gw,
            st.gid.c_str(), lw, st.length, when(st.mtime, now).c_str(), quoted(st.name).c_str()));
    return lines;
}
