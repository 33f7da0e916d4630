// nsmodel (nsmodel.h): the write grammar is ANTS's (design ANTS.md 2.1): 2 to 5 tokens with
// rc quoting; `unmount OLD`; `VERB NEW OLD`; `VERB -FLAGS NEW OLD [SPEC]`; `VERB NEW OLD
// SPEC`. Unions follow kernel/port/pgrp.cpp: a replacing bind or mount makes the union
// just the new member, -b puts it first, -a last, a union begun by -a or -b starts with
// the mount point's own directory (listed as `bind  P P`), binding a mount point copies
// its union, and an unmount that empties a union removes the mount point.
#include "nsmodel.h"

#include <algorithm>

#include "../../../userland/cmd/nsdiff.h"

namespace nsmodel {

namespace {

const char* const Ebadarg = "bad arg in system call";

bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::vector<std::string> tokenize(const std::string& s)
{
    std::vector<std::string> v;
    size_t i = 0;
    for (;;) {
        while (i < s.size() && blank(s[i]))
            i++;
        if (i == s.size())
            return v;
        std::string t;
        bool quoting = false;
        for (; i < s.size() && (quoting || !blank(s[i])); i++) {
            if (s[i] != '\'')
                t += s[i];
            else if (!quoting)
                quoting = true;
            else if (i + 1 < s.size() && s[i + 1] == '\'')
                t += '\'', i++;
            else
                quoting = false;
        }
        v.push_back(t);
    }
}

bool srvfile(const std::string& s)
{
    return s.rfind("#s/", 0) == 0 || s.rfind("#z/", 0) == 0;
}

std::string flag_text(int flags)
{
    std::string s;
    if (flags & NsAfter)
        s += 'a';
    if (flags & NsBefore)
        s += 'b';
    if (flags & NsCreate)
        s += 'c';
    if (flags & NsCache)
        s += 'C';
    return s.empty() ? s : "-" + s;
}

}  // namespace

Head* Ns::find(const Chan& from)
{
    for (Head& h : m_heads)
        if (h.from == from)
            return &h;
    return nullptr;
}

const Head* Ns::find(const Chan& from) const
{
    return const_cast<Ns*>(this)->find(from);
}

Chan Ns::domount(const Chan& c) const
{
    const Head* h = find(c);
    return h ? h->union_[0].c : c;
}

// A name's channel: every mount point on the way is crossed, the last one only if
// mount_last (bind's NEW is crossed, a mount point OLD is not).
Chan Ns::walk(const std::string& name, bool mount_last) const
{
    Chan c { "", "/" };
    size_t i = 1;
    if (name[0] == '#') {
        i = name.find('/');
        c.path = name.substr(0, i);
        i = i == std::string::npos ? name.size() : i + 1;
    }
    std::vector<std::string> elems;
    while (i < name.size()) {
        size_t j = std::min(name.find('/', i), name.size());
        if (j > i)
            elems.push_back(name.substr(i, j - i));
        i = j + 1;
    }
    if (!elems.empty() || mount_last)
        c = domount(c);
    for (size_t k = 0; k < elems.size(); k++) {
        c.path = c.path == "/" ? "/" + elems[k] : c.path + "/" + elems[k];
        if (k + 1 < elems.size() || mount_last)
            c = domount(c);
    }
    return c;
}

void Ns::add(const std::string& on, std::vector<Member> ms, int order)
{
    Chan from = walk(on, false);
    Head* h = find(from);
    if (!h) {
        m_heads.push_back(Head { on, from, {} });
        h = &m_heads.back();
        if (order != 0)  // a union begun by -a or -b starts with the directory itself
            h->union_.push_back(Member { false, 0, on, "", from, ++m_ids });
    }
    for (Member& m : ms)
        m.id = ++m_ids;
    if (order == NsBefore)
        h->union_.insert(h->union_.begin(), ms.begin(), ms.end());
    else if (order == NsAfter)
        h->union_.insert(h->union_.end(), ms.begin(), ms.end());
    else
        h->union_ = ms;
}

std::string Ns::write(const std::string& line)
{
    std::vector<std::string> f = tokenize(line);
    if (f.size() < 2 || f.size() > 5)
        return Ebadarg;
    if (f.size() == 2 && f[0] != "unmount")
        return Ebadarg;
    int flags = 0;
    size_t i = 1;
    if (f.size() >= 4 && f[1][0] == '-') {
        for (char c : f[1])
            flags |= c == 'a' ? NsAfter : c == 'b' ? NsBefore : c == 'c' ? NsCreate : c == 'C' ? NsCache : 0;
        i = 2;
    }
    if ((flags & NsAfter) && (flags & NsBefore))
        return Ebadarg;
    const std::string& old = f.size() == 2 ? f[1] : f[i + 1];
    if (f[0] == "unmount") {
        Head* h = find(walk(old, false));
        if (!h)
            return "not mounted";
        if (f.size() == 2) {
            m_heads.erase(m_heads.begin() + (h - m_heads.data()));
            return "";
        }
        const std::string& name = f[i];
        Chan c = srvfile(name) ? Chan {} : walk(name, true);
        size_t before = h->union_.size();
        std::erase_if(h->union_, [&](const Member& m) { return srvfile(name) ? m.mount && m.src == name : m.c == c; });
        if (h->union_.size() == before)
            return "not in union";
        if (h->union_.empty())
            m_heads.erase(m_heads.begin() + (h - m_heads.data()));
        return "";
    }
    std::string spec = i + 2 < f.size() ? f[i + 2] : "";
    int order = flags & (NsAfter | NsBefore);
    if (f[0] == "bind") {
        if (const Head* u = find(walk(f[i], false))) {
            // Binding a union copies its members; each keeps its own flags but for those
            // of the bind, which are added (so a copied -a member bound with -b has both).
            std::vector<Member> copies = u->union_;
            for (Member& m : copies)
                m.flags = (m.flags & ~flags) | flags;
            add(old, copies, order);
        } else {
            add(old, { Member { false, flags, f[i], "", walk(f[i], true), 0 } }, order);
        }
    } else if (f[0] == "mount") {
        if (!srvfile(f[i]))
            return "'" + f[i] + "' is not a srv file";
        add(old, { Member { true, flags, f[i], spec, Chan { f[i] + "!" + spec, "/" }, 0 } }, order);
    }
    return "";  // other verbs are ignored, as the kernel ignores them
}

std::string Ns::table() const
{
    std::vector<std::string> heads;
    for (const Head& h : m_heads) {
        std::vector<Member> m = h.union_;
        std::sort(m.begin(), m.end(), [](const Member& a, const Member& b) { return a.id < b.id; });
        std::string s = h.on + " {" + h.from.tree + "}" + h.from.path + ":\n";
        for (const Member& x : m)
            s += "\t" + std::string(x.mount ? "mount " : "bind ") + flag_text(x.flags) + " " + x.src + " " + x.spec
                + " {" + x.c.tree + "}" + x.c.path + "\n";
        heads.push_back(s);
    }
    std::sort(heads.begin(), heads.end());
    std::string s;
    for (const std::string& h : heads)
        s += h;
    return s;
}

std::string Ns::text(bool deep) const
{
    std::vector<std::pair<const Head*, const Member*>> all;
    for (const Head& h : m_heads)
        for (const Member& m : h.union_)
            all.push_back({ &h, &m });
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second->id < b.second->id; });
    std::string s;
    for (auto [h, m] : all) {
        s += (m->mount ? "mount " : "bind ") + flag_text(m->flags) + " " + m->src + " " + h->on;
        if (m->mount)
            s += " " + m->spec;
        if (deep)
            s += "\t{" + m->c.tree + "}" + m->c.path + " on {" + h->from.tree + "}" + h->from.path;
        s += "\n";
    }
    return s + "cd /\n";
}

}  // namespace nsmodel
