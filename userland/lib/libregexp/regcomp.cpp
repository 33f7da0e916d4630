// regcomp, regcomplit, regcompnl: regexp(6) patterns compiled into the instruction graph
// of regcomp.h. A recursive-descent parser emits code as it goes (Thompson's construction
// with patch lists: a fragment's unfinished exits are chained through their own unused
// out fields, so nothing is ever copied or moved). The graph has the shape of Plan 9's,
// which decides the submatches of ambiguous patterns (see regexec.cpp). Every error is an
// error return with Plan 9's text in errstr; parentheses nest at most Maxdepth deep so a
// hostile pattern cannot exhaust the stack.
#include "regcomp.h"
#include "../../cmd/sort.h"

namespace {

constexpr int Maxdepth = 1000;

// A growable array of plain values (instructions, runes).
template<class T>
struct Grow {
    T* v = nullptr;
    int n = 0;
    int cap = 0;

    bool push(const T& x)
    {
        if (n == cap) {
            int ncap = cap ? 2 * cap : 16;
            auto* nv = (T*)realloc(v, (usize)ncap * sizeof(T));
            if (nv == nullptr)
                return false;
            v = nv;
            cap = ncap;
        }
        v[n++] = x;
        return true;
    }
};

// A piece of program: its entry and the list of exits still to be patched. An exit is an
// instruction's out (id 2i) or y (id 2i+1) field, which holds the next id until patched.
struct Frag {
    int start = -1;  // -1: the empty fragment
    int head = -1;
    int tail = -1;
};

struct Tok {
    Rune r = 0;
    bool quoted = false;  // written \c: never an operator
    bool end = false;
    int len = 0;
};

struct Span {
    Rune lo, hi;
};

struct Comp {
    const char* p;
    bool literal;
    Op dot;
    Grow<Reinst> inst;
    Grow<Rune> span;
    int nsub = 0;
    int depth = 0;
    const char* err = nullptr;

    bool fail(const char* e)
    {
        if (err == nullptr)
            err = e;
        return false;
    }

    Tok peek()
    {
        Tok t;
        if (*p == 0) {
            t.end = true;
            return t;
        }
        t.len = chartorune(&t.r, p);
        if (t.r == '\\' && !literal) {
            if (p[t.len] == 0) {
                t.end = true;  // a trailing backslash quotes nothing
                fail("trailing backslash");
                return t;
            }
            t.len += chartorune(&t.r, p + t.len);
            t.quoted = true;
        }
        return t;
    }

    Tok next()
    {
        Tok t = peek();
        p += t.len;
        return t;
    }

    bool is_op(const Tok& t, Rune c) { return !t.end && !t.quoted && !literal && t.r == c; }

    int emit(Op op, int x = 0)
    {
        if (!inst.push(Reinst {op, -1, x, -1})) {
            fail("out of memory");
            return -1;
        }
        return inst.n - 1;
    }

    int& field(int id) { return id & 1 ? inst.v[id >> 1].y : inst.v[id >> 1].out; }

    void patch(int head, int target)
    {
        while (head >= 0) {
            int next = field(head);
            field(head) = target;
            head = next;
        }
    }

    // The fragment of one instruction whose exit is its field id.
    Frag single(int i, int id)
    {
        Frag f;
        f.start = i;
        f.head = f.tail = id;
        return f;
    }

    // Appends b's exits to a's.
    void join(Frag* a, const Frag& b)
    {
        if (a->head < 0) {
            a->head = b.head;
            a->tail = b.tail;
        } else if (b.head >= 0) {
            field(a->tail) = b.head;
            a->tail = b.tail;
        }
    }

    bool alt(Frag* f);
    bool cat(Frag* f);
    bool repeat(Frag* f);
    bool atom(Frag* f);
    bool group(Frag* f);
    bool cclass(Frag* f);
};

bool Comp::alt(Frag* f)
{
    if (!cat(f))
        return false;
    while (is_op(peek(), '|')) {
        next();
        Frag b;
        if (f->start < 0 || !cat(&b) || b.start < 0)
            return fail("missing operand for |");
        int s = emit(Op::Split);
        if (s < 0)
            return false;
        inst.v[s].out = b.start;  // Plan 9 tries the right alternative first
        inst.v[s].y = f->start;
        f->start = s;
        join(f, b);
    }
    return true;
}

bool Comp::cat(Frag* f)
{
    for (;;) {
        Tok t = peek();
        if (err)
            return false;
        if (t.end || is_op(t, '|') || is_op(t, ')'))
            return true;
        Frag g;
        if (!repeat(&g))
            return false;
        if (f->start < 0) {
            *f = g;
        } else {
            patch(f->head, g.start);
            f->head = g.head;
            f->tail = g.tail;
        }
    }
}

bool Comp::repeat(Frag* f)
{
    if (!atom(f))
        return false;
    for (Tok t; is_op(t = peek(), '*') || is_op(t, '+') || is_op(t, '?');) {
        next();
        int s = emit(Op::Split);
        if (s < 0)
            return false;
        inst.v[s].y = f->start;  // another round is the deferred choice
        if (t.r == '?') {
            f->start = s;
            join(f, single(s, 2 * s));
            continue;
        }
        patch(f->head, s);
        *f = single(t.r == '*' ? s : f->start, 2 * s);
    }
    return true;
}

bool Comp::atom(Frag* f)
{
    Tok t = next();
    if (t.quoted || literal) {
        int i = emit(Op::Rune, t.r);
        *f = single(i, 2 * i);
        return i >= 0;
    }
    Op op;
    switch (t.r) {
    case '*':
    case '+':
    case '?':
        return fail(t.r == '*' ? "missing operand for *" : t.r == '+' ? "missing operand for +"
                                                                      : "missing operand for ?");
    case '(':
        return group(f);
    case '[':
        return cclass(f);
    case '.':
        op = dot;
        break;
    case '^':
        op = Op::Bol;
        break;
    case '$':
        op = Op::Eol;
        break;
    default:
        op = Op::Rune;
        break;
    }
    int i = emit(op, t.r);
    *f = single(i, 2 * i);
    return i >= 0;
}

bool Comp::group(Frag* f)
{
    if (++depth > Maxdepth)
        return fail("too many nested parentheses");
    int n = ++nsub;
    Frag g;
    if (!alt(&g))
        return false;
    if (!is_op(next(), ')'))
        return fail("unmatched left paren");
    if (g.start < 0)
        return fail("missing operand for (");
    depth--;
    int open = emit(Op::Save, 2 * n);
    int close = emit(Op::Save, 2 * n + 1);
    if (close < 0)
        return false;
    inst.v[open].out = g.start;
    patch(g.head, close);
    *f = single(open, 2 * close);
    return true;
}

// [s] or [^s]: runes and ranges a-b; ] and - are quoted to be members, and a negated
// class never matches newline (it is put in the set it excludes).
bool Comp::cclass(Frag* f)
{
    Grow<Span> set;
    Op op = Op::Class;
    Tok t = next();
    if (is_op(t, '^')) {
        op = Op::NClass;
        set.push(Span {'\n', '\n'});
        t = next();
    }
    bool ok = true;
    for (; ok; t = next()) {
        if (t.end || (is_op(t, '-') && set.n == 0)) {
            ok = fail("malformed '[]'");
        } else if (is_op(t, ']')) {
            break;
        } else if (is_op(t, '-')) {
            t = next();
            if (t.end || is_op(t, ']'))
                ok = fail("malformed '[]'");
            else
                set.v[set.n - 1].hi = t.r;
        } else if (!set.push(Span {t.r, t.r})) {
            ok = fail("out of memory");
        }
    }
    int first = span.n / 2;
    if (ok) {
        sort(set.v, set.n, [](const Span& a, const Span& b) { return a.lo < b.lo; });
        int last = -1;  // index in span of the hi of the range being extended
        for (int i = 0; i < set.n && ok; i++) {
            Span s = set.v[i];
            if (s.lo > s.hi)
                continue;  // z-a: nothing
            if (last >= 0 && s.lo <= span.v[last] + 1) {
                if (s.hi > span.v[last])
                    span.v[last] = s.hi;
            } else if (span.push(s.lo) && span.push(s.hi)) {
                last = span.n - 1;
            } else {
                ok = fail("out of memory");
            }
        }
    }
    free(set.v);
    if (!ok)
        return false;
    int i = emit(op, first);
    if (i < 0)
        return false;
    inst.v[i].y = span.n / 2 - first;
    *f = single(i, 2 * i);
    return true;
}

// The first instruction that is not a Save: what every match begins with.
const Reinst* entry(const Reprog* prog)
{
    const Reinst* i = &prog->inst[prog->start];
    while (i->op == Op::Save)
        i = &prog->inst[i->out];
    return i;
}

Reprog* compile(const char* s, bool literal, Op dot)
{
    Comp c {s, literal, dot, {}, {}};
    Frag f;
    Reprog* prog = nullptr;
    if (c.alt(&f) && !c.peek().end)
        c.fail("unmatched right paren");
    int m = c.err ? -1 : c.emit(Op::Match);
    if (m >= 0) {
        c.patch(f.head, m);
        usize size = sizeof(Reprog) + c.inst.n * sizeof(Reinst) + c.span.n * sizeof(Rune);
        prog = (Reprog*)malloc(size);
        if (prog == nullptr)
            c.fail("out of memory");
    }
    if (prog) {
        prog->inst = (Reinst*)(prog + 1);
        prog->span = (Rune*)(prog->inst + c.inst.n);
        prog->ninst = c.inst.n;
        prog->nspan = c.span.n / 2;
        prog->nsub = c.nsub;
        prog->start = f.start < 0 ? m : f.start;
        memmove(prog->inst, c.inst.v, c.inst.n * sizeof(Reinst));
        if (c.span.n > 0)
            memmove(prog->span, c.span.v, c.span.n * sizeof(Rune));
        const Reinst* e = entry(prog);
        prog->firstrune = e->op == Op::Rune && e->x < Runeself ? e->x : -1;
        prog->bolonly = e->op == Op::Bol;
    } else {
        werrstr("%s", c.err);
    }
    free(c.inst.v);
    free(c.span.v);
    return prog;
}

}  // namespace

extern "C" {

Reprog* regcomp(const char* s) { return compile(s, false, Op::Any); }
Reprog* regcomplit(const char* s) { return compile(s, true, Op::Any); }
Reprog* regcompnl(const char* s) { return compile(s, false, Op::AnyNL); }

}  // extern "C"
