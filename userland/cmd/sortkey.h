// sort(1)'s keys (sortkey.cpp): how a line becomes a byte string that memcmp orders as
// the command's options say. sortcmd.cpp parses the options into Fields and sorts.
#pragma once

#include "libc.h"

enum : ulong {
    Bflag = 1 << 0,  // skip blanks before the end position
    B1flag = 1 << 1,  // skip blanks before the start position
    Dflag = 1 << 2,  // dictionary order: letters, digits and blanks only
    Fflag = 1 << 3,  // fold lower case (and accented letters) to upper case
    Gflag = 1 << 4,  // numbers with exponents
    Iflag = 1 << 5,  // ignore bytes outside printable ASCII
    Mflag = 1 << 6,  // months
    Nflag = 1 << 7,  // numbers
    Rflag = 1 << 8,  // reverse
    Wflag = 1 << 9,  // ignore blanks
};

enum class Kind { Plain, Reverse, Number, Month, Mapped };

struct Field {
    int beg1 = -1, beg2 = -1;  // fields, then runes, to skip to the start; -1 if none
    int end1 = -1, end2 = -1;  // the same for the end; end1 -1 is the end of the line
    ulong flags = 0;
    Kind kind = Kind::Plain;
    uchar mapto[256];  // Mapped and Month: what each byte becomes; 0 drops it
};

// Chooses f's key maker from its flags and fills its map; false for flags that do not
// combine.
bool setkind(Field* f);

// The most key bytes a line of len bytes can produce for one field.
long keyroom(long len);

// Appends to key the key of line (len bytes, not counting its newline) for f; whole
// orders the whole line rather than f's positions. tab is the field separator, 0 for
// blanks. Returns the bytes appended.
long makekey(uchar* key, const char* line, long len, const Field& f, bool whole, Rune tab);
