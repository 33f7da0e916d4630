// The token layer of manfmt (mantok.cpp), shared with its layout (manfmt.cpp).
#pragma once

namespace man {

enum class Kind {
    Chars,  // printable text in Tok.s
    Blank,  // a space between words
    Tab,
    Zero,  // \&: prints nothing, yet is a character (it stops a sentence)
    Join,  // \c or a final backslash: the next input line continues this one
    Stop,  // \": the rest of the line is a comment
    None,  // an escape that prints nothing here (fonts, sizes, motions)
};

struct Tok {
    Kind kind;
    char s[16];
    int n;
};

// Reads one token of a text line at p (< e) and returns the position after it.
const char* token(const char* p, const char* e, Tok* t);

int runes(const char* s, int n);  // the columns of s[0, n): one per rune
int length(const char* s);

}  // namespace man
