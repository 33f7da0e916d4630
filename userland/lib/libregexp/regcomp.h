// The compiled form of a regular expression, shared by regcomp.cpp, which builds it, and
// regexec.cpp, which runs it. A program is a graph of instructions addressed by index.
// A Split goes on to out at once and leaves y for later: e* and e? go on past e and come
// back for it, e+ leaves after e, and a|b tries b first. Following out alone never
// loops.
#pragma once

#include "libc.h"
#include "regexp.h"

enum class Op : uchar {
    Rune,  // x: the rune
    Class,  // x: first span, y: number of spans (pairs lo, hi in Reprog::span)
    NClass,  // the same, negated
    Any,  // any rune but newline
    AnyNL,  // any rune
    Bol,  // start of the subject or just after a newline
    Eol,  // end of the subject or just before a newline
    Save,  // x: capture slot (2n starts subexpression n, 2n+1 ends it)
    Split,  // out now, y later
    Match,
};

struct Reinst {
    Op op;
    int out;  // next instruction
    int x;
    int y;
};

struct Reprog {
    Reinst* inst;  // ninst instructions, in the same block as this header
    Rune* span;  // 2 * nspan runes: the classes' sorted, disjoint ranges
    int ninst;
    int nspan;
    int nsub;  // parenthesised subexpressions
    int start;  // first instruction
    int firstrune;  // an ASCII rune every match starts with, or -1
    bool bolonly;  // every match starts at the start of a line
};
