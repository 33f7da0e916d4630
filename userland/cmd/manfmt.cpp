// manfmt: a small nroff for the man macros (see manfmt.h). The layout is the one Plan 9's
// nroff -man gives a terminal: a page offset of 5 columns and a line length of 65 beyond
// it, text indented IN (5) within that, filled but neither adjusted nor hyphenated, two
// blanks after an input line that ends a sentence, and never two blank lines in a row.
// The state mirrors the macro package's registers (IN, )I, )R, PD and the .RS stack) so
// that .TP, .IP, .HP, .RS and .RE nest as they do there. Lengths are in columns, one per
// rune. Every buffer is fixed and bounded: overlong input is cut, never overrun, and
// nesting of conditionals is limited, so hostile pages cannot exhaust the stack.
#include "manfmt.h"
#include "mantok.h"

namespace {

using namespace man;

enum : int {
    Po = 5,  // page offset
    Ll = 65,  // line length, from the page offset
    Mind = 5,  // the macros' default indent, )M
    Tabstop = 5,
    Linemax = 1024,  // bytes of an output line; a longer one is broken
    Wordmax = 512,  // bytes of a word or a .TP tag
    Argmax = 2048,  // bytes of a request's arguments, and of a line made from them
    Nargs = 9,
    Rsmax = 16,  // .RS levels remembered
    Depthmax = 8,  // conditionals nested on one line
};

// Appends to a bounded buffer; what does not fit is dropped.
struct Buf {
    char* s;
    int n, max;

    void add(const char* t, int k)
    {
        for (int i = 0; i < k && n < max; i++)
            s[n++] = t[i];
    }
    void add(const char* t) { add(t, length(t)); }
};

class Roff {
public:
    Roff(ManPut put, void* arg) : m_put(put), m_arg(arg) {}

    void run(const char* p, const char* e)
    {
        while (p < e) {
            const char* q = p;
            while (q < e && *q != '\n')
                q++;
            line(p, q, 0);
            p = q + 1;
        }
        brk();
        if (m_titled)
            blank();
    }

private:
    // output
    void out(const char* s, long n) { m_put(m_arg, s, n); }

    void blank()
    {
        if (!m_lastblank)
            out("\n", 1);
        m_lastblank = true;
    }

    void spaces(int n)
    {
        static const char sp[] = "                ";
        for (; n > 0; n -= 16)
            out(sp, n < 16 ? n : 16);
    }

    void emit(int indent, const char* s, int n)
    {
        while (n > 0 && s[n - 1] == ' ')
            n--;
        if (n == 0) {
            blank();
            return;
        }
        spaces(Po + indent);
        out(s, n);
        out("\n", 1);
        m_lastblank = false;
    }

    // the output line
    void startline(int indent)
    {
        m_lind = indent;
        m_ti = -1;
        m_started = true;
        m_len = m_col = 0;
    }

    void append(const char* s, int n, int w)
    {
        if (m_len + n > Linemax) {
            flush();
            startline(m_in);
        }
        for (int i = 0; i < n; i++)
            m_line[m_len++] = s[i];
        m_col += w;
    }

    void pad(int n)
    {
        for (; n > 0; n--)
            append(" ", 1, 1);
    }

    void flush()
    {
        if (!m_started)
            return;
        emit(m_lind, m_line, m_len);
        m_started = false;
        m_nospace = false;
    }

    // Places a finished word on the line (or in the tag), after the blanks before it.
    void place(const char* s, int n, int w)
    {
        if (m_tagging) {
            Buf b{m_tag, m_taglen, Wordmax};
            if (m_taglen > 0)
                for (int i = 0; i < m_gap; i++)
                    b.add(" ", 1);
            b.add(s, n);
            m_tagcol += runes(m_tag + m_taglen, b.n - m_taglen);
            m_taglen = b.n;
        } else if (!m_started) {
            startline(m_ti >= 0 ? m_ti : m_in);
            if (m_keepgap)
                pad(m_gap);
        } else if (m_fill && m_lind + m_col + m_gap + w > Ll) {
            flush();
            startline(m_in);
        } else {
            pad(m_gap);
        }
        if (!m_tagging)
            append(s, n, w);
        m_gap = 0;
        m_keepgap = false;
    }

    void endword()
    {
        if (m_wlen > 0 || m_zero)
            place(m_word, m_wlen, runes(m_word, m_wlen));
        m_wlen = 0;
        m_zero = false;
    }

    void chars(const char* s, int n)
    {
        if (m_wlen + n > Wordmax)
            endword();
        for (int i = 0; i < n; i++)
            m_word[m_wlen++] = s[i];
    }

    void tab()
    {
        endword();
        if (m_tagging) {
            m_gap++;
            return;
        }
        int base = m_started ? m_col : 0;
        int at = base + (m_started || m_keepgap ? m_gap : 0);
        m_gap = (at / Tabstop + 1) * Tabstop - base;
        m_keepgap = true;
    }

    // The tag of a .TP is done: it starts the line at IN+)R, and the text follows on
    // the same line at )I if the tag is narrower, else on the next.
    void endtag()
    {
        m_tagging = false;
        m_in = clamp(m_R + m_IN + m_I);
        startline(clamp(m_IN + m_R));
        append(m_tag, m_taglen, m_tagcol);
        if (m_tagcol < m_I)
            pad(m_I - m_tagcol);
        else
            flush();
        m_gap = 0;
        m_keepgap = false;
    }

    void brk()
    {
        endword();
        if (m_tagging)
            endtag();
        flush();
        m_gap = 0;
        m_keepgap = false;
    }

    void space(int n)
    {
        brk();
        if (!m_nospace && n > 0)
            blank();
    }

    static int clamp(int n) { return n < 0 ? 0 : n > Ll ? Ll : n; }

    // text lines
    void text(const char* p, const char* e)
    {
        bool cont = m_joining;
        m_joining = false;
        if (!cont && !m_tagging) {
            if (p == e) {
                space(1);
                return;
            }
            if (*p == ' ') {
                brk();
                m_keepgap = true;
            }
        }
        bool sentence = false;
        while (p < e) {
            Tok t;
            p = token(p, e, &t);
            switch (t.kind) {
            case Kind::Chars: {
                if (t.n == 0)
                    break;
                chars(t.s, t.n);
                char c = t.s[t.n - 1];
                if (c == '.' || c == '?' || c == '!')
                    sentence = true;
                else if (c != ')' && c != ']' && c != '"' && c != '\'' && c != '*')
                    sentence = false;
                break;
            }
            case Kind::Blank:
                endword();
                m_gap++;
                sentence = false;
                break;
            case Kind::Tab:
                tab();
                sentence = false;
                break;
            case Kind::Zero:
                m_zero = true;
                sentence = false;
                break;
            case Kind::Join: m_joining = true; break;
            case Kind::Stop:
            case Kind::None: break;
            }
        }
        if (m_joining)
            return;
        endword();
        if (m_tagging)
            endtag();
        else if (!m_fill)
            brk();
        else {
            m_gap = sentence ? 2 : 1;
            m_keepgap = false;
        }
    }

    void text(const Buf& b) { text(b.s, b.s + b.n); }

    // The text of s with escapes resolved and blanks kept, into b.
    static void plain(const char* s, Buf* b)
    {
        const char* e = s + length(s);
        while (s < e) {
            Tok t;
            s = token(s, e, &t);
            if (t.kind == Kind::Chars)
                b->add(t.s, t.n);
            else if (t.kind == Kind::Blank || t.kind == Kind::Tab)
                b->add(" ", 1);
        }
    }

    static int width(const char* s)
    {
        char buf[Wordmax];
        Buf b{buf, 0, Wordmax};
        plain(s, &b);
        return runes(buf, b.n);
    }

    // A length in columns from an argument: [+-]N[unit] or \w'text', relative to cur
    // when signed. Vertical lengths come out in lines the same way.
    static int number(const char* s, int cur)
    {
        int sign = *s == '+' ? 1 : *s == '-' ? -1 : 0;
        if (sign != 0)
            s++;
        long tenths = 0;
        if (s[0] == '\\' && s[1] == 'w' && s[2] != 0) {
            char d = s[2];
            char inner[Wordmax];
            int n = 0;
            for (s += 3; *s && *s != d; s++)
                if (n < Wordmax - 1)
                    inner[n++] = *s;
            inner[n] = 0;
            tenths = 10L * width(inner);
        } else {
            for (; *s >= '0' && *s <= '9' && tenths < 100000; s++)
                tenths = tenths * 10 + (*s - '0') * 10;
            if (*s == '.' && s[1] >= '0' && s[1] <= '9')
                tenths += s[1] - '0';
            while (*s == '.' || (*s >= '0' && *s <= '9'))
                s++;
            if (*s == 'i')
                tenths *= 10;
            else if (*s == 'c')
                tenths *= 4;
            else if (*s == 'p')
                tenths /= 7;
            else if (*s == 'u')
                tenths /= 24;
        }
        int n = int((tenths + 5) / 10);
        return sign > 0 ? cur + n : sign < 0 ? cur - n : n;
    }

    // Splits a request's arguments as macro arguments: blanks separate them, double
    // quotes group (a doubled quote inside is one), escapes are kept for later.
    int args(const char* p, const char* e, char** av)
    {
        int k = 0;
        auto put = [&](char c) {
            if (k < Argmax - 1)
                m_args[k++] = c;
        };
        int n = 0;
        while (n < Nargs) {
            while (p < e && (*p == ' ' || *p == '\t'))
                p++;
            if (p >= e || (p + 1 < e && p[0] == '\\' && p[1] == '"'))
                break;
            av[n++] = m_args + k;
            bool quoted = *p == '"';
            if (quoted)
                p++;
            while (p < e) {
                if (quoted && *p == '"') {
                    p++;
                    if (p < e && *p == '"') {
                        put(*p++);
                        continue;
                    }
                    break;
                }
                if (!quoted && (*p == ' ' || *p == '\t'))
                    break;
                if (*p == '\\' && p + 1 < e) {
                    if (p[1] == '"') {
                        p = e;
                        break;
                    }
                    put(*p++);
                }
                put(*p++);
            }
            m_args[k] = 0;
            if (k < Argmax - 1)
                k++;
        }
        return n;
    }

    // Evaluates the condition of .if or .ie at p: n is true (this is nroff), t, e and
    // o-less tests false, 'a'b' compares strings, anything else is a number (registers
    // read as 0). Leaves p after the condition.
    static bool condition(const char*& p, const char* e)
    {
        bool neg = false;
        while (p < e && *p == '!') {
            neg = !neg;
            p++;
        }
        bool v = false;
        if (p >= e) {
            v = false;
        } else if (*p == 'n' || *p == 'o') {
            v = true;
            p++;
        } else if (*p == 't' || *p == 'e') {
            p++;
        } else if (*p == '\'' || *p == '"') {
            char d = *p++;
            const char* a = p;
            while (p < e && *p != d)
                p++;
            int na = int(p - a);
            const char* b = p < e ? ++p : p;
            while (p < e && *p != d)
                p++;
            int nb = int(p - b);
            if (p < e)
                p++;
            v = na == nb;
            for (int i = 0; v && i < na; i++)
                v = a[i] == b[i];
        } else {
            long n = 0;
            bool minus = *p == '-';
            if (*p == '+' || *p == '-')
                p++;
            for (; p < e && *p >= '0' && *p <= '9'; p++)
                n = n < 100000 ? n * 10 + (*p - '0') : n;
            v = !minus && n > 0;
            while (p < e && *p != ' ' && *p != '\t')
                p++;
        }
        return v != neg;
    }

    // Counts how a line opens and closes \{ \} blocks.
    static int braces(const char* p, const char* e)
    {
        int n = 0;
        for (; p + 1 < e; p++)
            if (*p == '\\') {
                if (p[1] == '{')
                    n++;
                else if (p[1] == '}')
                    n--;
                p++;
            }
        return n;
    }

    void conditional(const char* p, const char* e, bool v, int depth)
    {
        while (p < e && (*p == ' ' || *p == '\t'))
            p++;
        if (!v) {
            int n = braces(p, e);
            if (n > 0)
                m_skip += n;
            return;
        }
        if (p + 1 < e && p[0] == '\\' && p[1] == '{') {
            p += 2;
            while (p < e && (*p == ' ' || *p == '\t'))
                p++;
        }
        if (p < e)
            line(p, e, depth + 1);
    }

    void line(const char* p, const char* e, int depth)
    {
        if (depth > Depthmax)
            return;
        if (m_skipdef) {
            if (e - p >= 2 && p[0] == '.' && p[1] == '.')
                m_skipdef = false;
            return;
        }
        if (m_skip > 0) {
            m_skip += braces(p, e);
            return;
        }
        if (p < e && (*p == '.' || *p == '\'')) {
            request(p + 1, e, depth);
            return;
        }
        if (e - p == 2 && p[0] == '\\' && p[1] == '}')
            return;
        text(p, e);
    }

    enum class Join {
        Pad,  // .B, .I: the first six arguments with blanks between, and for missing ones
        Blank,  // .L: the arguments with blanks between
        Run,  // .BR and kin: the first six run together
    };

    // The text line a font macro makes of its arguments, between pre and post. The
    // blanks .B and .I leave at the end keep their lines from ending a sentence.
    void fontline(const char* pre, char** av, int n, Join join, const char* post)
    {
        char buf[Argmax];
        Buf b{buf, 0, Argmax};
        b.add(pre);
        int last = join == Join::Pad ? 6 : n < 6 ? n : 6;
        for (int i = 0; i < last; i++) {
            if (i > 0 && join != Join::Run)
                b.add(" ");
            if (i < n)
                b.add(av[i]);
        }
        b.add(post);
        text(b);
    }

    void heading(int indent, char** av, int n)
    {
        m_PD = 1;
        brk();
        m_ti = indent;
        space(m_PD);
        m_R = 0;
        m_fill = true;
        fontline("\\&", av, n, Join::Pad, "");
        brk();
        m_in = m_IN;
        m_I = Mind;
        m_nospace = true;
    }

    void title(char** av, int n)
    {
        brk();
        m_PD = 1;
        m_IN = m_I = Mind;
        m_R = 0;
        m_rsdepth = 0;
        m_in = m_IN;
        char buf[3 * Wordmax];
        Buf left{buf, 0, Wordmax};
        plain(n > 0 ? av[0] : "", &left);
        left.add("(");
        plain(n > 1 ? av[1] : "", &left);
        left.add(")");
        Buf mid{buf + Wordmax, 0, Wordmax};
        if (n > 2 && av[2][0] != 0) {
            mid.add("(");
            plain(av[2], &mid);
            mid.add(")");
        }
        int wl = runes(left.s, left.n), wm = runes(mid.s, mid.n);
        Buf b{buf + 2 * Wordmax, 0, Wordmax};
        b.add(left.s, left.n);
        int at = wl;
        for (; at < (Ll - wm) / 2; at++)
            b.add(" ");
        b.add(mid.s, mid.n);
        for (at += wm; at < Ll - wl; at++)
            b.add(" ");
        b.add(left.s, left.n);
        blank();
        emit(0, b.s, b.n);
        blank();
        m_titled = true;
        m_nospace = true;
    }

    void tp(char** av, int n)
    {
        brk();
        if (n > 0 && av[0][0] != 0)
            m_I = number(av[0], m_I);
        space(m_PD);
        m_nospace = true;
        m_tagging = true;
        m_taglen = m_tagcol = 0;
    }

    void rs(char** av, int n)
    {
        if (m_rsdepth < Rsmax) {
            m_rsI[m_rsdepth] = m_I;
            m_rsR[m_rsdepth] = m_R;
        }
        m_rsdepth++;
        m_R += n > 0 ? number(av[0], 0) : m_I;
        m_I = Mind;
        brk();
        m_in = clamp(m_R + m_IN);
    }

    // .RE k returns to the state before the k-th open .RS, by default the last.
    void re(char** av, int n)
    {
        int k = n > 0 ? number(av[0], 0) : m_rsdepth;
        if (k <= 0)
            k = 1;
        if (k <= m_rsdepth) {
            m_I = k <= Rsmax ? m_rsI[k - 1] : Mind;
            m_R = k <= Rsmax ? m_rsR[k - 1] : 0;
            m_rsdepth = k - 1;
        } else if (m_rsdepth == 0) {
            m_I = m_R = 0;
        }
        brk();
        m_in = clamp(m_R + m_IN);
    }

    void request(const char* p, const char* e, int depth)
    {
        while (p < e && (*p == ' ' || *p == '\t'))
            p++;
        if (p + 1 < e && p[0] == '\\' && p[1] == '"')
            return;
        char nm[3] = {0, 0, 0};
        for (int i = 0; i < 2 && p < e && *p != ' ' && *p != '\t'; i++)
            nm[i] = *p++;
        auto is = [&](const char* s) { return nm[0] == s[0] && nm[1] == s[1]; };
        if (is("if") || is("ie") || is("el")) {
            bool v = is("el") ? !m_ie : condition(p, e);
            if (is("ie"))
                m_ie = v;
            conditional(p, e, v, depth);
            return;
        }
        char* av[Nargs];
        int n = args(p, e, av);
        if (is("TH"))
            title(av, n);
        else if (is("SH"))
            heading(0, av, n);
        else if (is("SS"))
            heading(3, av, n);
        else if (is("PP") || is("LP") || is("P")) {
            space(m_PD);
            m_in = clamp(m_R + m_IN);
            m_I = Mind;
            m_nospace = true;
        } else if (is("TP"))
            tp(av, n);
        else if (is("IP") && n > 0 && av[0][0] != 0) {
            char* tag = av[0];
            tp(av + 1, n - 1);
            fontline("\\&", &tag, 1, Join::Run, "");
        } else if (is("IP") || is("HP")) {
            int w = is("IP") ? 1 : 0;
            space(m_PD);
            if (n > w && av[w][0] != 0)
                m_I = number(av[w], m_I);
            m_in = clamp(m_R + m_IN + m_I);
            if (is("HP"))
                m_ti = clamp(m_R + m_IN);
        } else if (is("RS"))
            rs(av, n);
        else if (is("RE"))
            re(av, n);
        else if (is("TF")) {
            space(m_PD);
            m_I = (n > 0 ? width(av[0]) : 0) + 2;
            m_in = clamp(m_R + m_IN + m_I);
            m_PD = 0;
        } else if (is("PD"))
            m_PD = n > 0 ? number(av[0], 0) : 1;
        else if (is("EX") || is("nf")) {
            brk();
            m_fill = false;
        } else if (is("EE") || is("fi")) {
            brk();
            m_fill = true;
        } else if (is("br"))
            brk();
        else if (is("sp"))
            space(n > 0 ? number(av[0], 0) : 1);
        else if (is("bp"))
            space(1);
        else if (is("in")) {
            brk();
            int was = m_in;
            m_in = clamp(n > 0 ? number(av[0], m_in) : m_previn);
            m_previn = was;
        } else if (is("ti")) {
            brk();
            m_ti = clamp(n > 0 ? number(av[0], m_in) : m_in);
        } else if ((is("B") || is("I")) && n > 0)
            fontline("\\&", av, n, Join::Pad, "");
        else if (is("SM"))
            for (int i = 0; i < n && i < 6; i++)
                fontline("\\&", av + i, 1, Join::Run, "");
        else if (is("L") && n > 0)
            fontline("`", av, n, Join::Blank, "'");
        else if (is("LR") || is("RL")) {
            const char* a[3] = {"", "", ""};
            for (int i = 0; i < n && i < 3; i++)
                a[i] = av[i];
            char buf[Argmax];
            Buf b{buf, 0, Argmax};
            if (is("RL"))
                b.add(a[0]);
            b.add("`");
            b.add(a[is("RL") ? 1 : 0]);
            b.add("'");
            b.add(a[is("RL") ? 2 : 1]);
            text(b);
        } else if (is("RI") || is("IR") || is("IB") || is("BI") || is("RB") || is("BR"))
            fontline("\\&", av, n, Join::Run, is("IR") && n <= 2 ? "\\&" : "");
        else if (is("de") || is("am") || is("ig"))
            m_skipdef = true;
    }

    ManPut m_put;
    void* m_arg;

    // the man macros' registers, in columns
    int m_IN = 0;  // paragraph indent
    int m_I = Mind;  // )I: indent of the text after a .TP or .IP tag
    int m_R = 0;  // )R: the indent .RS has added
    int m_PD = 1;  // blank lines before a paragraph
    int m_rsI[Rsmax], m_rsR[Rsmax];  // )I and )R as each .RS found them
    int m_rsdepth = 0;

    // the formatter's
    int m_in = 0, m_previn = 0;  // indent, and the one before the last .in
    int m_ti = -1;  // indent of the next output line only, if >= 0
    bool m_fill = true;
    bool m_nospace = false;  // .sp does nothing until text is output (.ns)
    bool m_lastblank = false;  // the last line out was blank
    bool m_titled = false;  // .TH has been seen: the page ends with a blank line
    bool m_ie = false;  // the last .ie condition
    bool m_skipdef = false;  // in a .de, .am or .ig body
    int m_skip = 0;  // \{ blocks open in a false conditional

    // the output line
    char m_line[Linemax];
    int m_len = 0, m_col = 0, m_lind = 0;  // bytes, columns, indent
    bool m_started = false;
    int m_gap = 0;  // blanks due before the next word
    bool m_keepgap = false;  // even at the start of a line (leading blanks, tabs)

    // the word being read, and the line's other state
    char m_word[Wordmax];
    int m_wlen = 0;
    bool m_zero = false;  // \& was read: the word exists even if empty
    bool m_joining = false;  // \c: the next input line continues this one

    // the tag of a .TP, which is the next text line
    bool m_tagging = false;
    char m_tag[Wordmax];
    int m_taglen = 0, m_tagcol = 0;

    char m_args[Argmax];
};

}  // namespace

void manfmt(const char* text, long n, ManPut put, void* arg)
{
    Roff r(put, arg);
    r.run(text, text + n);
}
