// The shell proper: variables and functions, the redirection stack, the input stack and
// the interpreter's entry points. rc evaluates parse trees directly; the state below is
// the one rc process's (a forked child gets a copy and exits when its command is done).
#pragma once

#include "syntax.h"

// A variable, which may also name a function. Local bindings ($* in functions and .,
// "name=value command") push the outer value onto saved and pop it afterwards.
struct Saved {
    Words val;
    Saved* next;
};

struct Var {
    char* name;
    Words val;
    Tree* fn = nullptr;  // the function's body (a Brace), or nullptr
    bool changed = false;  // the value is not yet in /env
    bool fn_changed = false;  // the function is not yet in /env
    Saved* saved = nullptr;
    Var* next = nullptr;  // hash chain
};

Var* var_lookup(const char* name);  // nullptr if never set
Var* var_get(const char* name);  // created empty if need be
const Words& var_value(const char* name);
void var_set(const char* name, Words&& val);
void var_set1(const char* name, const char* val);
void var_push(const char* name, Words&& val);
void var_pop(const char* name);
void fn_define(const char* name, Tree* body);  // takes the tree; nullptr deletes
void env_import(bool functions);
void env_export();  // writes what changed to /env (in a child about to exec)
void whatis_assign(Str& out, Var* v);  // x=(a b)
void whatis_fn(Str& out, Var* v);  // fn f {...}

// The redirection stack: what forked children apply to their descriptors before running.
struct Redir {
    enum Op : unsigned char { Open, Dup, Close } op;
    int from;  // Open: the descriptor rc opened; Dup: the descriptor copied
    int to;
    Redir* next;  // the older entry
};

// One source of commands: a file, the console, an eval string or -c.
struct Input {
    Source src;
    Lexer lx;
    const char* cmdfile = nullptr;  // the name errors are reported against (nullptr: "line N")
    bool interactive = false;
    int lineno = 1;
    bool first_line = true;  // the prompt is $prompt(1), else $prompt(2)
};

struct Shell {
    bool flag[128] = {};  // the command-line flags, also set by the flag builtin
    const char* argv0 = "rc";
    bool ifnot = false;  // the last if's condition was false
    int condition_depth = 0;  // inside a condition: -e does not apply
    bool is_child = false;  // a forked copy of rc that exits when its command ends
    bool unwinding = false;  // an error: stop everything up to an interactive input
    Redir* redir = nullptr;
    int* pipefds = nullptr;  // descriptors of <{} >{} words open for the running command
    int npipefds = 0;
    int call_depth = 0;
    volatile int trap[8] = {};  // notes received, by signal index
    volatile int ntrap = 0;
    volatile bool read_interrupted = false;
};
extern Shell sh;

enum Signal { Sigexit, Sighup, Sigint, Sigquit, Sigalrm, Sigkill, Sigfpe, Sigterm, Nsig };
extern const char* const signame[Nsig];

// exec.cpp
void run(Tree* t, bool tail = false);
void run_input(Input* in);  // reads and runs commands until end of input or an unwind
void set_status(const char* s);
const char* get_status();
bool truestatus();
void rc_error(const char* msg);  // "rc: msg", $status "error"... and unwind
void dotrap();
[[noreturn]] void rc_exit(const char* status);  // nullptr: the status sigexit leaves
int fork_child(int rfork_flags = 0);  // 0 in the child (redirections applied), pid, or -1
int fork_with_pipe(int p[2]);  // a pipe and fork_child; -1 after an error (pipe closed)
void wait_for(int pid);  // sets $status from its wait message
void wait_all();  // every child, including & ones
void exec_init();
void call_function(Var* fn, Words&& args);

// words.cpp
Words eval_words(Tree* t, bool glob = true);  // a Words list, or any word
char* eval_single(Tree* t, const char* what);  // nullptr (and an error) unless one word
void close_pipefds();

// globdir.cpp
void glob_expand(char* word, Words& out);  // takes word; appends the matches or word

// redir.cpp
bool redir_push(Tree* t);  // false after an error
void redir_pop();
void redir_apply_all();  // in a child: make the stack real, then forget it
int redir_fd(int fd);  // the descriptor rc should use for fd with the stack in effect

// builtins.cpp
using Builtin = void (*)(Words& args);
Builtin builtin_lookup(const char* name);
void search_exec(Words& args);  // exec args[0] along $path; prints the error and exits
char* search_path(const char* name, bool executable);  // malloc'd, or nullptr

// main.cpp
void print_prompt(void* arg);
void echo_input(void* arg, int c);
void heredoc_subst(void* arg, const char* doc, Str& out);
long read_fd(void* arg, char* buf, long n);
