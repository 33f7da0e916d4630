// nsdiff (nsdiff.h): mount tables and the commands between them. The tables are grouped by
// mount point (a group's entries in creation order, which with their flags fixes the
// order of its union). A group that differs between model and target is dirty, and so
// is every group whose channels were found through a dirty one: its mount point or a
// bind's source lies beneath a dirty mount point, or beneath a mount point that existed
// in a different state (more or fewer of its entries) when the entry was made. cpns
// unmounts the target's dirty groups newest first, so each mount point is named while
// the mounts above it still stand as when it was made, then replays the model's dirty
// entries in the model's order, so each is made in the state it was made in there.
// A mount point made only of `bind P P` changes no walk through it and is passed over.
// subns names an entry by its source only where that name still walks to it; otherwise
// it unmounts the mount point and makes again what stays, or skips the entry, saying why.
// Tables are small (tens of entries): each pass is quadratic in their size, and cpns
// repeats its pass while it finds new dirty mount points, at most once per mount point.
#ifdef MYRMEX_HOST
#include <cstring>
#else
#include "libc.h"
#endif
#include "libregexp/regexp.h"
#include "nsdiff.h"

namespace {

// An array of n value-initialised Ts, freed with its owner.
template<class T> class Arr {
public:
    explicit Arr(long n) : m_p(new T[n > 0 ? n : 1]()) {}
    ~Arr() { delete[] m_p; }
    Arr(const Arr&) = delete;
    Arr& operator=(const Arr&) = delete;
    T& operator[](long i) { return m_p[i]; }
    const T& operator[](long i) const { return m_p[i]; }

private:
    T* m_p;
};

// A growing string; take() hands over the new[]'d text.
class Buf {
public:
    ~Buf() { delete[] m_p; }
    void add(const char* s, long n)
    {
        if (m_n + n + 1 > m_cap) {
            long cap = m_cap ? m_cap : 64;
            while (cap < m_n + n + 1)
                cap *= 2;
            char* p = new char[cap];
            if (m_n)
                memcpy(p, m_p, m_n);
            delete[] m_p;
            m_p = p;
            m_cap = cap;
        }
        memcpy(m_p + m_n, s, n);
        m_n += n;
        m_p[m_n] = 0;
    }
    void add(const char* s) { add(s, static_cast<long>(strlen(s))); }
    void add(char c) { add(&c, 1); }
    // A word as the kernel's tokenizer reads it back: in rc quotes if it holds a blank
    // or a quote (or is empty), with '' for each quote.
    void word(const char* s)
    {
        bool quote = *s == 0;
        for (const char* p = s; *p; p++)
            quote |= *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\'';
        if (!quote) {
            add(s);
            return;
        }
        add('\'');
        for (const char* p = s; *p; p++) {
            if (*p == '\'')
                add('\'');
            add(*p);
        }
        add('\'');
    }
    char* take()
    {
        if (!m_p)
            add("", 0);
        char* p = m_p;
        m_p = nullptr;
        m_n = m_cap = 0;
        return p;
    }

private:
    char* m_p = nullptr;
    long m_n = 0, m_cap = 0;
};

enum : char { Beneath = 1, At = 2 };  // how a source lies under a mount point

bool prefix(const char* s, const char* p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

// dir is path or one of its ancestors, element by element; / is everything's.
bool under(const char* path, const char* dir)
{
    if (strcmp(dir, "/") == 0)
        return path[0] == '/';
    long n = static_cast<long>(strlen(dir));
    return strncmp(path, dir, n) == 0 && (path[n] == 0 || path[n] == '/');
}

// Equal but for the mount point, which the groups compare.
bool same_entry(const NsEntry& a, const NsEntry& b)
{
    return a.mount == b.mount && a.flags == b.flags && strcmp(a.src, b.src) == 0 && strcmp(a.spec, b.spec) == 0;
}

// Why a mount point cannot be named in a write to /proc/N/ns, or nil.
const char* unnameable(const char* on)
{
    return prefix(on, "#|") ? "a pipe cannot be named" : nullptr;
}

// Why an entry cannot be made again (or named in an unmount) by another process, or nil.
const char* unreplayable(const NsEntry& e)
{
    if (prefix(e.src, "#|"))
        return "a pipe cannot be named";
    if (prefix(e.src, "#D/ssl") || prefix(e.src, "#a/tls"))
        return "an ssl or tls connection cannot be reopened";
    if (e.mount && !prefix(e.src, "#s/") && !prefix(e.src, "#z/"))
        return "not mounted from a srv file";
    return unnameable(e.on);
}

void add_flags(Buf& b, int flags)
{
    if (flags == 0)
        return;
    b.add(" -");
    if (flags & NsAfter)
        b.add('a');
    if (flags & NsBefore)
        b.add('b');
    if (flags & NsCreate)
        b.add('c');
    if (flags & NsCache)
        b.add('C');
}

// `bind [-abcC] src on` or `mount [-abcC] src on [spec]`.
char* entry_cmd(const NsEntry& e)
{
    Buf b;
    b.add(e.mount ? "mount" : "bind");
    add_flags(b, e.flags);
    b.add(' ');
    b.word(e.src);
    b.add(' ');
    b.word(e.on);
    if (e.mount && *e.spec) {
        b.add(' ');
        b.word(e.spec);
    }
    return b.take();
}

// `unmount [src] on`.
char* unmount_cmd(const char* src, const char* on)
{
    Buf b;
    b.add("unmount ");
    if (src) {
        b.word(src);
        b.add(' ');
    }
    b.word(on);
    return b.take();
}

bool parse_flags(const char* s, int* flags)
{
    *flags = 0;
    if (*s == 0)
        return true;
    if (*s++ != '-' || *s == 0)
        return false;
    for (; *s; s++) {
        switch (*s) {
        case 'a': *flags |= NsAfter; break;
        case 'b': *flags |= NsBefore; break;
        case 'c': *flags |= NsCreate; break;
        case 'C': *flags |= NsCache; break;
        default: return false;
        }
    }
    return true;
}

// Fills *e from the line [p, end), NUL-terminating its fields in place. *skip is set for
// a line that is no entry (empty, or cd).
bool parse_line(char* p, char* end, NsEntry* e, bool* skip)
{
    *skip = p == end;
    if (*skip)
        return true;
    if (memchr(p, 0, end - p))
        return false;
    enum { Maxf = 6 };
    char* f[Maxf];
    int nf = 0;
    for (char* s = p;;) {
        char* sp = static_cast<char*>(memchr(s, ' ', end - s));
        if (nf < Maxf)
            f[nf] = s;
        nf++;
        if (!sp)
            break;
        *sp = 0;
        s = sp + 1;
    }
    if (strcmp(f[0], "cd") == 0) {
        *skip = nf >= 2;
        return *skip;
    }
    e->mount = strcmp(f[0], "mount") == 0;
    if (e->mount ? nf != 4 && nf != 5 : strcmp(f[0], "bind") != 0 || nf != 4)
        return false;
    if (!parse_flags(f[1], &e->flags) || *f[2] == 0 || *f[3] == 0)
        return false;
    e->src = f[2];
    e->on = f[3];
    e->spec = nf == 5 ? f[4] : end;  // *end is a NUL
    return true;
}

// The two tables grouped by mount point, and which groups are dirty.
class Diff {
public:
    Diff(const NsTable& model, const NsTable& target);
    void copy(NsSteps& out);
    void add(NsSteps& out);
    void sub(NsSteps& out);

private:
    // One table: gid[i] is entry i's group; order[first[g] .. first[g+1]) are the
    // entries of group g in creation order; src_under[i * ngroups + q] says entry i is
    // a bind whose source lies Beneath group q's mount point or is At it.
    struct Side {
        const NsTable& t;
        Arr<int> gid, first, order;
        Arr<char> src_under;

        Side(const NsTable& tab, int ngroups)
            : t(tab), gid(tab.count()), first(ngroups + 1), order(tab.count()),
              src_under(static_cast<long>(tab.count()) * ngroups)
        {
        }
        int size(int g) const { return first[g + 1] - first[g]; }
        const NsEntry& at(int g, int i) const { return t[order[first[g] + i]]; }
        int newest(int g) const { return size(g) ? at(g, size(g) - 1).seq : -1; }
        // How many of group g's entries were made before the entry numbered seq.
        int older(int g, int seq) const
        {
            int k = 0;
            while (k < size(g) && at(g, k).seq < seq)
                k++;
            return k;
        }
        bool has(int g, const NsEntry& e) const
        {
            for (int i = 0; i < size(g); i++)
                if (same_entry(at(g, i), e))
                    return true;
            return false;
        }
        // Only `bind P P` on P: a walk through it goes where it went without it.
        bool transparent(int g) const
        {
            if (size(g) != 1)
                return false;
            const NsEntry& e = at(g, 0);
            return !e.mount && !(e.flags & (NsAfter | NsBefore)) && strcmp(e.src, e.on) == 0;
        }
    };

    int group_of(const char* on) const;
    void build(Side& s);
    bool depends(const Side& s, const NsEntry& e, int q) const
    {
        return q != s.gid[e.seq] && (m_on_under[s.gid[e.seq] * m_ngroups + q] || s.src_under[e.seq * m_ngroups + q]);
    }
    // e's walks went through q's mount point, or e bound that very mount point (which
    // copies its union, flags and all): they change as q does, unless q only lists
    // `bind Q Q` and was only crossed.
    bool affects(const Side& s, const NsEntry& e, int q) const
    {
        return depends(s, e, q) && (!s.transparent(q) || s.src_under[e.seq * m_ngroups + q] == At);
    }
    bool resolved_differently(int g) const;
    const char* unnamed_on(int g) const;
    const char* unnamed_alone(const NsEntry& e) const;
    bool named_since(int g, const NsEntry& e) const;
    bool remakable(const NsEntry& e, bool first, const Arr<char>& going) const;
    bool spread(int g);
    void mark_dirty();

    Arr<const char*> m_name;  // each group's mount point
    int m_ngroups;
    Arr<char> m_on_under;  // [g * ngroups + q]: q's mount point is a proper ancestor of g's
    Side m_model, m_target;
    Arr<char> m_dirty;
};

// Numbers the distinct mount points of both tables in name[].
int count_groups(const NsTable& a, const NsTable& b, Arr<const char*>& name)
{
    int n = 0;
    const NsTable* tables[] = { &a, &b };
    for (const NsTable* t : tables) {
        for (int i = 0; i < t->count(); i++) {
            int g = 0;
            while (g < n && strcmp(name[g], (*t)[i].on) != 0)
                g++;
            if (g == n)
                name[n++] = (*t)[i].on;
        }
    }
    return n;
}

Diff::Diff(const NsTable& model, const NsTable& target)
    : m_name(model.count() + target.count()), m_ngroups(count_groups(model, target, m_name)),
      m_on_under(static_cast<long>(m_ngroups) * m_ngroups), m_model(model, m_ngroups), m_target(target, m_ngroups),
      m_dirty(m_ngroups)
{
    for (int g = 0; g < m_ngroups; g++)
        for (int q = 0; q < m_ngroups; q++)
            m_on_under[g * m_ngroups + q] = q != g && under(m_name[g], m_name[q]);
    build(m_model);
    build(m_target);
}

int Diff::group_of(const char* on) const
{
    for (int g = 0; g < m_ngroups; g++)
        if (strcmp(m_name[g], on) == 0)
            return g;
    return -1;  // not reached: every mount point of both tables has a group
}

void Diff::build(Side& s)
{
    int n = s.t.count();
    for (int i = 0; i < n; i++) {
        s.gid[i] = group_of(s.t[i].on);
        s.first[s.gid[i] + 1]++;
    }
    for (int g = 0; g < m_ngroups; g++)
        s.first[g + 1] += s.first[g];
    Arr<int> filled(m_ngroups);
    for (int i = 0; i < n; i++) {
        int g = s.gid[i];
        s.order[s.first[g] + filled[g]++] = i;
        if (!s.t[i].mount)
            for (int q = 0; q < m_ngroups; q++)
                s.src_under[static_cast<long>(i) * m_ngroups + q]
                    = !under(s.t[i].src, m_name[q]) ? 0 : strcmp(s.t[i].src, m_name[q]) == 0 ? At : Beneath;
    }
}

// For a group that is the same in both tables: was any of its entries made through a
// mount point that is dirty, or that had a different number of its entries at the time?
bool Diff::resolved_differently(int g) const
{
    const Side* sides[] = { &m_model, &m_target };
    for (const Side* s : sides)
        for (int i = 0; i < s->size(g); i++)
            for (int q = 0; q < m_ngroups; q++)
                if (m_dirty[q] && depends(*s, s->at(g, i), q))
                    return true;
    for (int i = 0; i < m_model.size(g); i++) {
        const NsEntry& em = m_model.at(g, i);
        const NsEntry& et = m_target.at(g, i);
        for (int q = 0; q < m_ngroups; q++)
            if (!m_dirty[q] && affects(m_model, em, q)
                && m_model.older(q, em.seq) != m_target.older(q, et.seq))
                return true;
    }
    return false;
}

// For a dirty group g: the clean mount points that must go too. A model entry of g is
// made again after the target's clean mount points are all in place, so each one it is
// found through must not have gained entries after it in the model; and g's mount point
// can be named for its unmount only if those above it have not changed since it was made.
bool Diff::spread(int g)
{
    bool changed = false;
    for (int i = 0; i < m_model.size(g); i++) {
        const NsEntry& e = m_model.at(g, i);
        for (int q = 0; q < m_ngroups; q++) {
            if (!m_dirty[q] && affects(m_model, e, q) && m_model.newest(q) > e.seq) {
                m_dirty[q] = true;
                changed = true;
            }
        }
    }
    if (m_target.size(g) == 0)
        return changed;
    int made = m_target.at(g, 0).seq;
    for (int q = 0; q < m_ngroups; q++) {
        if (!m_dirty[q] && !m_target.transparent(q) && m_on_under[g * m_ngroups + q] && m_target.newest(q) > made) {
            m_dirty[q] = true;
            changed = true;
        }
    }
    return changed;
}

void Diff::mark_dirty()
{
    for (int g = 0; g < m_ngroups; g++) {
        bool same = m_model.size(g) == m_target.size(g);
        for (int i = 0; same && i < m_model.size(g); i++)
            same = same_entry(m_model.at(g, i), m_target.at(g, i));
        m_dirty[g] = !same;
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (int g = 0; g < m_ngroups; g++) {
            if (m_dirty[g])
                changed |= spread(g);
            else if (resolved_differently(g))
                m_dirty[g] = changed = true;
        }
    }
}

void Diff::copy(NsSteps& out)
{
    mark_dirty();
    // Newest first: an unmount is listed at the oldest entry of its mount point.
    for (int i = m_target.t.count() - 1; i >= 0; i--) {
        int g = m_target.gid[i];
        if (m_dirty[g] && m_target.at(g, 0).seq == i)
            out.add(unmount_cmd(nullptr, m_name[g]), unnameable(m_name[g]), true);
    }
    for (int i = 0; i < m_model.t.count(); i++)
        if (m_dirty[m_model.gid[i]])
            out.add(entry_cmd(m_model.t[i]), unreplayable(m_model.t[i]), false);
}

void Diff::add(NsSteps& out)
{
    Arr<char> replaced(m_ngroups);  // a command has replaced the target's union
    for (int i = 0; i < m_model.t.count(); i++) {
        const NsEntry& e = m_model.t[i];
        int g = m_model.gid[i];
        if (!replaced[g] && m_target.has(g, e))
            continue;
        const char* why = unreplayable(e);
        out.add(entry_cmd(e), why, false);
        if (!why && !(e.flags & (NsAfter | NsBefore)))
            replaced[g] = true;
    }
}

// Why the target's mount point g cannot be named in an unmount, or nil: it must still
// walk to where it did when its first entry was made, through no mount changed since.
const char* Diff::unnamed_on(int g) const
{
    if (const char* why = unnameable(m_name[g]))
        return why;
    for (int q = 0; q < m_ngroups; q++)
        if (m_on_under[g * m_ngroups + q] && !m_target.transparent(q) && m_target.newest(q) > m_target.at(g, 0).seq)
            return "a mount above it was made after it";
    return nullptr;
}

// Why a target entry cannot be unmounted by its own name (unmount SRC ON), or nil. SRC
// must name no member that stays, and still walk to the member it named when the entry
// was made: not into the entry's own union, and through no mount point changed since.
const char* Diff::unnamed_alone(const NsEntry& e) const
{
    if (const char* why = unreplayable(e))
        return why;
    int g = m_target.gid[e.seq];
    if (const char* why = unnamed_on(g))
        return why;
    for (int i = 0; i < m_target.size(g); i++)
        if (strcmp(m_target.at(g, i).src, e.src) == 0 && m_model.has(g, m_target.at(g, i)))
            return "a member that stays has the same name";
    for (int q = 0; q < m_ngroups; q++) {
        if (!m_target.src_under[e.seq * m_ngroups + q])
            continue;
        if (q == g)
            return "its name leads into its own union";
        if ((!m_target.transparent(q) || m_target.src_under[e.seq * m_ngroups + q] == At)
            && m_target.newest(q) > e.seq)
            return "its name leads through a mount made after it";
    }
    return nullptr;
}

// Whether a newer entry of the target's group g that goes was unmounted by e's source: as
// both names still walk where they did, that took e too.
bool Diff::named_since(int g, const NsEntry& e) const
{
    for (int i = m_target.size(g) - 1; i >= 0 && m_target.at(g, i).seq > e.seq; i--) {
        const NsEntry& n = m_target.at(g, i);
        if (strcmp(n.src, e.src) == 0 && !m_model.has(g, n) && !unnamed_alone(n))
            return true;
    }
    return false;
}

// Whether a target entry that stays can be made again once its mount point is unmounted,
// listed as it was and walking where it did: it can be replayed, the first replaces (made
// by -a or -b it would begin its union with the directory), and its source is the mount
// point itself (the first only), or is no other mount point (binding one copies its
// union) and lies beneath none changed since it was made or changing now.
bool Diff::remakable(const NsEntry& e, bool first, const Arr<char>& going) const
{
    if (unreplayable(e) || (first && (e.flags & (NsAfter | NsBefore))))
        return false;
    int g = m_target.gid[e.seq];
    for (int q = 0; q < m_ngroups; q++) {
        char src = m_target.src_under[e.seq * m_ngroups + q];
        if (src == 0 || (q == g && first && src == At))
            continue;
        if (q == g || src == At || going[q] || (!m_target.transparent(q) && m_target.newest(q) > e.seq))
            return false;
    }
    return true;
}

void Diff::sub(NsSteps& out)
{
    Arr<char> going(m_ngroups);  // the target's group loses entries
    for (int g = 0; g < m_ngroups; g++)
        for (int i = 0; i < m_target.size(g); i++)
            going[g] |= !m_model.has(g, m_target.at(g, i));
    // How each group loses them: one by one; all at once; or all at once, those that stay
    // then made again, when one that goes cannot be named alone and they all can be.
    enum How : char { Keep, Each, All, Remake };
    Arr<char> how(m_ngroups);
    for (int g = 0; g < m_ngroups; g++) {
        bool stay = false, alone = true, remake = true;
        for (int i = 0; i < m_target.size(g); i++) {
            const NsEntry& e = m_target.at(g, i);
            if (m_model.has(g, e)) {
                remake &= remakable(e, !stay, going);
                stay = true;
            } else {
                alone &= !unnamed_alone(e);
            }
        }
        if (going[g] && unnamed_on(g))
            how[g] = Each;  // each will be skipped, saying why
        else
            how[g] = !going[g] ? Keep : !stay ? All : alone || !remake ? Each : Remake;
    }
    for (int i = m_target.t.count() - 1; i >= 0; i--) {
        const NsEntry& e = m_target.t[i];
        int g = m_target.gid[i];
        if (how[g] == Each && !m_model.has(g, e)) {
            const char* why = unnamed_alone(e);
            if (why || !named_since(g, e))
                out.add(unmount_cmd(e.src, e.on), why, true);
        }
        if ((how[g] == All || how[g] == Remake) && m_target.at(g, 0).seq == i) {
            out.add(unmount_cmd(nullptr, e.on), nullptr, true);
            for (int k = 0; how[g] == Remake && k < m_target.size(g); k++)
                if (m_model.has(g, m_target.at(g, k)))
                    out.add(entry_cmd(m_target.at(g, k)), nullptr, false);
        }
    }
}

}  // namespace

NsTable::~NsTable()
{
    delete[] m_text;
    delete[] m_e;
}

bool NsTable::parse(const char* text, long n, int* badline)
{
    delete[] m_text;
    delete[] m_e;
    m_n = 0;
    m_text = new char[n + 1];
    memcpy(m_text, text, n);
    m_text[n] = 0;
    long lines = 1;
    for (long i = 0; i < n; i++)
        lines += m_text[i] == '\n';
    m_e = new NsEntry[lines];
    char* end = m_text + n;
    int lineno = 1;
    for (char* p = m_text; p < end; p++, lineno++) {
        char* e = static_cast<char*>(memchr(p, '\n', end - p));
        if (!e)
            e = end;
        *e = 0;
        bool skip;
        if (!parse_line(p, e, &m_e[m_n], &skip)) {
            *badline = lineno;
            m_n = 0;
            return false;
        }
        if (!skip) {
            m_e[m_n].seq = m_n;
            m_n++;
        }
        p = e;
    }
    return true;
}

NsSteps::~NsSteps()
{
    for (int i = 0; i < m_n; i++)
        delete[] m_v[i].text;
    delete[] m_v;
}

void NsSteps::add(char* text, const char* why, bool unmount)
{
    if (m_n == m_cap) {
        m_cap = m_cap ? 2 * m_cap : 16;
        NsStep* v = new NsStep[m_cap];
        for (int i = 0; i < m_n; i++)
            v[i] = m_v[i];
        delete[] m_v;
        m_v = v;
    }
    m_v[m_n++] = NsStep { text, why, unmount };
}

void ns_diff(NsOp op, const NsTable& model, const NsTable& target, NsSteps& out)
{
    Diff d(model, target);
    switch (op) {
    case NsOp::Copy: d.copy(out); break;
    case NsOp::Add: d.add(out); break;
    case NsOp::Sub: d.sub(out); break;
    }
}

bool ns_keep(const NsFilter& f, const NsStep& c)
{
    if (f.rio) {
        const char* unsafe[] = { "/mnt/wsys", "/mnt/term", "/dev/cons", c.unmount ? "rio" : "/rio" };
        for (const char* s : unsafe)
            if (strstr(c.text, s))
                return false;
    }
    if (f.exclude && regexec(f.exclude, c.text, nullptr, 0))
        return false;
    if (f.only && !regexec(f.only, c.text, nullptr, 0))
        return false;
    return true;
}

char* ns_echo(const char* cmd, const char* pid)
{
    Buf b;
    b.add("echo '");
    for (const char* p = cmd; *p; p++) {
        if (*p == '\'')
            b.add('\'');
        b.add(*p);
    }
    b.add("' >/proc/");
    b.add(pid);
    b.add("/ns");
    return b.take();
}
