// rc's syntax: the tokens, the parse tree and the lexer/parser interface. This part of rc
// makes no system calls, so it also builds on the host for unit tests; the shell proper
// (rc.h) supplies the input and reports errors through the Lexer's hooks.
#pragma once

#include "str.h"

// Tokens: single characters stand for themselves (; & ^ $ ( ) { } = ` \n); these are the rest.
enum Token : int {
    Teof = -1,
    Tword = 256,  // a word (quoted or not); keywords are words the lexer recognised
    Tredir,  // < > >> << <> with an optional [fd]
    Tdup,  // >[a=b] or >[a=]
    Tpipe,  // | |[a] |[a=b]
    Tsub,  // the ( of a subscript, right after a variable name
    Tandand,
    Toror,
    Tcount,  // $#
    Tflat,  // $"
    Tfor,
    Tin,
    Twhile,
    Tif,
    Tnot,
    Ttwiddle,
    Tbang,
    Tsubshell,
    Tswitch,
    Tfn,
};

// Tree node kinds. Words: Word, Var ($), Sub ($x(..)), Count ($#), Flat ($"), Backq (`{}),
// List ((...)), Pipefd (<{} >{}), Concat (^), Words (a sequence of words). Commands: the rest.
enum class Kind : unsigned char {
    Word, Var, Sub, Count, Flat, Backq, List, Pipefd, Concat, Words,
    Simple, Arglist, Brace, Pcmd, Seq, Async, Andand, Oror, Pipe, Bang, Subshell,
    Redir, Dup, Assign, If, Ifnot, For, While, Switch, Twiddle, Fn,
};

enum class Rtype : unsigned char { None, Read, Write, Append, Here, Rdwr, Dupfd, Close };

// GLOB marks an unquoted * ? or [ inside a word: the character after it is special.
constexpr char GLOB = '\001';

struct Tree {
    Kind kind;
    Rtype rtype = Rtype::None;
    bool quoted = false;  // Word: written in quotes
    // Redir: fd0 is the descriptor redirected. Dup >[fd0=fd1]: fd0 becomes a copy of fd1.
    // Pipe: fd0 is the left command's output, fd1 the right command's input.
    int fd0 = 0, fd1 = 0;
    char* str = nullptr;  // Word: its text with GLOB marks; Redir Here: the document
    Tree* child[3] = {};
};

Tree* tree_new(Kind kind, Tree* c0 = nullptr, Tree* c1 = nullptr, Tree* c2 = nullptr);
Tree* tree_word(const char* s, bool quoted);
void tree_free(Tree* t);
Tree* tree_copy(const Tree* t);
// Appends the command as rc would print it (whatis, fn definitions in /env).
void tree_print(Str& out, const Tree* t);

// A source of characters for the lexer: text already read or a function that reads more.
struct Source {
    const char* text = nullptr;  // a string source (eval, -c); nullptr: read with fill
    long pos = 0, len = 0;
    // fill reads more into buf and returns the count (0 at end of file, <0 on error).
    long (*fill)(void* arg, char* buf, long n) = nullptr;
    void* arg = nullptr;
    char buf[4096];
    long bufpos = 0, buflen = 0;
};

// A here document whose body is still to be read: it starts on the line after the one
// holding its << operator.
struct Heredoc {
    Tree* redir;  // Redir with rtype Here; child[0] is the terminator word
    Heredoc* next;
};

struct Lexer {
    Source* src = nullptr;
    int* lineno = nullptr;  // the running input's line number, counted as rc counts it
    void (*prompt)(void* arg) = nullptr;  // called before each new line is read
    void (*echo)(void* arg, int c) = nullptr;  // -v: every character read
    // Substitutes variables into a here document with an unquoted terminator, as it is
    // read (so the values are those at parse time, as in Plan 9's rc).
    void (*subst)(void* arg, const char* doc, Str& out) = nullptr;
    void* hook_arg = nullptr;

    int peekc = -2;  // one character of lookahead (-2: none)
    int after_backslash = -2;  // the character read after a backslash that began no newline
    bool doprompt = true;  // the next character starts a new line
    bool lastword = false;  // the last token was a word: ( is a subscript, a word gets ^
    bool lastdol = false;  // the last token was $: the variable name ends at non-name chars
    bool inquote = false;
    bool incomment = false;
    Str tok;  // the last token's text, for error messages
    Str error;  // an error the lexer found in the token (reported before the parser's)
    Heredoc* heredocs = nullptr;  // here documents whose bodies start after this line
    bool after_newline = false;  // the last token was a newline: bodies may be due
    bool iflast = false;  // the last command parsed was an if: `if not` may follow
    int lastc = 0;  // the last character consumed
};

// The next token; a word's tree is in *val (freed by the parser if unused).
int lex(Lexer& lx, Tree** val);
void lex_skipnl(Lexer& lx);
void lex_heredocs(Lexer& lx);  // reads the bodies due after the newline just lexed
int lex_nextc(Lexer& lx);
int lex_advance(Lexer& lx);

// parse_line reads one command line. It returns true with *out the tree (nullptr for an
// empty line), or false at end of input (*out nullptr) or after a syntax error
// (*error set to the message rc prints, *out nullptr; the rest of the line is skipped).
struct ParseResult {
    Tree* tree = nullptr;
    bool eof = false;
    Str error;  // "token '=': syntax error" and the like, one per line; empty if none
    const char* status = nullptr;  // what $status becomes after the error
    int error_line = 0;
};
ParseResult parse_line(Lexer& lx);

// Pattern matching on words with GLOB marks: does s match pattern? (glob.cpp)
bool match(const char* s, const char* pattern);
bool has_glob(const char* s);
char* deglob(char* s);  // removes the marks in place
bool wordchr(int c);
bool idchr(int c);
// Appends s quoted as rc would need to read it back ('' for the empty word).
void quote_word(Str& out, const char* s);
