// mantok: the text layer of manfmt: a line of troff input read as tokens, with escapes
// resolved the way nroff resolves them for Plan 9's UTF terminal (special characters,
// the man macros' strings) or dropped (fonts, sizes, motions, which plain text cannot
// show). Never reads past the end it is given.
#include "mantok.h"

namespace man {

int runes(const char* s, int n)
{
    int w = 0;
    for (int i = 0; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            w++;
    return w;
}

int length(const char* s)
{
    int n = 0;
    while (s[n])
        n++;
    return n;
}

namespace {

struct Special {
    const char* name;
    const char* text;
};

// \(xx characters, as Plan 9's UTF terminal table prints them; others print their name.
const Special specials[] = {
    {"em", "-"}, {"hy", "-"}, {"mi", "-"}, {"bu", "∙"}, {"sq", "∎"}, {"ru", "_"}, {"ul", "_"},
    {"dg", "†"}, {"dd", "‡"}, {"fm", "'"}, {"pl", "+"}, {"eq", "="}, {"**", "*"}, {"aa", "'"},
    {"ga", "`"}, {"sl", "/"}, {"br", "|"}, {"mu", "×"}, {"-:", "÷"}, {"+-", "±"}, {"sr", "√"},
    {"->", "→"}, {"<-", "←"}, {"ua", "↑"}, {"da", "↓"}, {">=", "≧"}, {"<=", "≦"}, {"!=", "≠"},
    {"==", "≡"}, {"ap", "≈"}, {"if", "∞"}, {"de", "°"}, {"cO", "©"}, {"rO", "®"}, {"lh", "☜"},
    {"rh", "☞"}, {"cu", "∪"}, {"ca", "∩"}, {"sb", "⊂"}, {"sp", "⊃"}, {"mo", "∊"}, {"es", "∅"},
    {"pd", "∂"}, {"gr", "∇"}, {"is", "∫"}, {"12", "½"}, {"14", "¼"}, {"34", "¾"}, {"*a", "α"},
    {"*b", "β"}, {"*g", "γ"}, {"*d", "δ"}, {"*e", "ε"}, {"*z", "ζ"}, {"*y", "η"}, {"*h", "θ"},
    {"*i", "ι"}, {"*k", "κ"}, {"*l", "λ"}, {"*m", "μ"}, {"*n", "ν"}, {"*c", "ξ"}, {"*o", "ο"},
    {"*p", "π"}, {"*r", "ρ"}, {"*s", "σ"}, {"*t", "τ"}, {"*u", "υ"}, {"*f", "φ"}, {"*x", "χ"},
    {"*q", "ψ"}, {"*w", "ω"}, {"*G", "Γ"}, {"*D", "Δ"}, {"*H", "Θ"}, {"*L", "Λ"}, {"*C", "Ξ"},
    {"*P", "Π"}, {"*S", "Σ"}, {"*F", "Φ"}, {"*Q", "Ψ"}, {"*W", "Ω"},
};

// \*x strings the man macros define for nroff.
const Special strings[] = {{"R", "(Reg.)"}, {"S", ""}, {"Tm", "TM"}};

template <class T, int N>
constexpr int count(const T (&)[N])
{
    return N;
}

bool same(const char* a, const char* b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return b[n] == 0;
}

void settext(Tok* t, const char* s, int n)
{
    t->kind = Kind::Chars;
    t->n = 0;
    for (int i = 0; i < n && t->n < (int)sizeof t->s; i++)
        t->s[t->n++] = s[i];
}

// Reads a name after \( \* \f \n: one character, ( and two, or [ up to ].
const char* name(const char* p, const char* e, const char** start, int* n)
{
    *n = 0;
    if (p >= e)
        return p;
    if (*p == '(') {
        *start = ++p;
        for (; p < e && *n < 2; p++)
            ++*n;
        return p;
    }
    if (*p == '[') {
        *start = ++p;
        for (; p < e && *p != ']'; p++)
            ++*n;
        return p < e ? p + 1 : p;
    }
    *start = p;
    *n = 1;
    return p + 1;
}

void special(Tok* t, const char* s, int n, const Special* table, int ntable, bool named)
{
    for (int i = 0; i < ntable; i++)
        if (same(s, table[i].name, n)) {
            settext(t, table[i].text, length(table[i].text));
            return;
        }
    if (named)
        settext(t, s, n);
    else
        t->kind = Kind::None;
}

// Skips an escape's delimited argument, as in \h'1i' or \w'text'.
const char* delimited(const char* p, const char* e)
{
    if (p >= e)
        return p;
    char d = *p++;
    while (p < e && *p != d)
        p += (*p == '\\' && p + 1 < e) ? 2 : 1;
    return p < e ? p + 1 : p;
}

const char* escape(const char* p, const char* e, Tok* t)
{
    if (p == e) {
        t->kind = Kind::Join;
        return p;
    }
    char c = *p++;
    const char* s;
    int n;
    t->kind = Kind::None;
    switch (c) {
    case '"': t->kind = Kind::Stop; return e;
    case 'c': t->kind = Kind::Join; return e;
    case '&': t->kind = Kind::Zero; return p;
    case 't': t->kind = Kind::Tab; return p;
    case 'e': case 'E': case '\\': settext(t, "\\", 1); return p;
    case '-': settext(t, "-", 1); return p;
    case ' ': case '0': case '~': settext(t, " ", 1); return p;
    case '(': case '[':
        p = name(p - 1, e, &s, &n);
        special(t, s, n, specials, count(specials), true);
        return p;
    case '*':
        p = name(p, e, &s, &n);
        special(t, s, n, strings, count(strings), false);
        return p;
    case 'f': return name(p, e, &s, &n);
    case 'n':
        if (p < e && (*p == '+' || *p == '-'))
            p++;
        return name(p, e, &s, &n);
    case 's':
        if (p < e && (*p == '+' || *p == '-'))
            p++;
        if (p < e && *p == '(')
            return p + 3 <= e ? p + 3 : e;
        if (p < e && *p >= '1' && *p <= '3' && p + 1 < e && p[1] >= '0' && p[1] <= '9')
            return p + 2;
        return p < e ? p + 1 : p;
    case 'k': case 'z': case '$': return p < e ? p + 1 : p;
    case 'h': case 'v': case 'w': case 'X': case 'l': case 'L': case 'o': case 'D': case 'b':
    case 'x': case 'Z': case 'S': case 'H': case 'N': case 'C': case 'A':
        return delimited(p, e);
    case '|': case '^': case '%': case '{': case '}': case 'a': case 'u': case 'd': case 'r': case 'p':
        return p;
    default: settext(t, p - 1, 1); return p;
    }
}

}  // namespace

const char* token(const char* p, const char* e, Tok* t)
{
    char c = *p++;
    if (c == '\\')
        return escape(p, e, t);
    if (c == ' ') {
        t->kind = Kind::Blank;
        return p;
    }
    if (c == '\t') {
        t->kind = Kind::Tab;
        return p;
    }
    t->kind = Kind::Chars;
    t->s[0] = c;
    t->n = 1;
    for (; p < e && (*p & 0xC0) == 0x80 && t->n < 4; p++)
        t->s[t->n++] = *p;
    return p;
}

}  // namespace man
