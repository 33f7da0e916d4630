// Plan 9's regular expressions (regexp(2), syntax in regexp(6)) for user programs and the
// host tests. Patterns and subject strings are UTF-8 and are matched rune by rune.
// Matching is leftmost-longest and runs in time linear in the subject (a Pike VM: one
// pass, at most one thread per instruction), whatever the pattern.
// This header stands alone (no libc.h), so host test code can include it.
#pragma once

// The host's C library has POSIX functions with these names: the host build renames ours.
#if MYRMEX_HOST
#define regcomp p9_regcomp
#define regcomplit p9_regcomplit
#define regcompnl p9_regcompnl
#define regexec p9_regexec
#define regsub p9_regsub
#endif

struct Reprog;  // a compiled pattern: one malloc'd block, released with free()

// One match or submatch: [sp, ep). Both are nil for a subexpression that took no part.
struct Resub {
    const char* sp;
    const char* ep;
};

extern "C" {

// Compile a pattern; nil on a malformed one, with the reason in the error string (%r).
// regcomplit takes every character literally; with regcompnl . also matches newline.
Reprog* regcomp(const char* pattern);
Reprog* regcomplit(const char* pattern);
Reprog* regcompnl(const char* pattern);

// Search s for the leftmost-longest match of prog. If mp is given, mp[0] may bound the
// search: a non-nil mp[0].sp starts it there (^ still means the start of s or a line) and
// a non-nil mp[0].ep ends the subject there instead of at its NUL. On success mp[0..ms)
// holds the match and the submatches of the parenthesised subexpressions, counted by
// their left parentheses. Returns 1 for a match, 0 for none.
int regexec(const Reprog* prog, const char* s, Resub* mp, int ms);

// Copy the template src to dst (at most dlen bytes, NUL included), replacing & and \0 by
// the whole match and \1 to \9 by the submatches in mp[0..ms); \\ is a backslash and \c
// any other character c.
void regsub(const char* src, char* dst, int dlen, const Resub* mp, int ms);

}  // extern "C"
