// What sed's compiler (sedcomp.cpp) hands its executor (sed.cpp): the script as an
// array of commands, Plan 9 sed's SedCom, with branches resolved to indexes.
#pragma once

#include "libc.h"
#include "libregexp/regexp.h"

enum class Atype { None, Dol, Line, Re };

struct Addr {
    Atype type;
    long line;
    Reprog* rp;
};

struct Sedcom {
    Addr ad1, ad2;
    Rune cmd;  // the command's letter; 0 ends the script
    bool neg;  // !: run where the address does not select
    int active;  // 1 on the first line of a range, 2 on the rest, 0 outside it
    Reprog* re;  // s
    char* rhs;  // s: the replacement, \c kept as written but \n made a newline
    char* text;  // a, c, i: the text; r, w: the file name
    Rune* ymap;  // y: what rune r < nymap becomes
    int nymap;
    int jump;  // b, t, {, D: the command to go on at
    bool gfl;  // s///g
    int pfl;  // s///p (1) or s///P (2)
    Fmt* wfile;  // s///w, w: the file, buffered
};

extern Sedcom* cmds;  // the script; cmds[ncmds].cmd == 0
extern int ncmds;
extern bool gflag;

// Compile a program: a -e argument (file false) or the contents of a -f file.
void compile(const char* prog, bool file);
// After the last program: checks the braces and resolves the labels.
void endcompile();
void wflush();  // flushes the files of w commands
[[noreturn]] void quit(const char* fmt, ...);
