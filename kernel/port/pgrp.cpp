// Namespaces: mount tables and unions (see pgrp.h).
// Invariant: a Mhead in a table has at least one member; removing the last one removes
// the head. Mount ids come from one counter, so copies of a namespace list their entries
// in the same order as the original.
#include "port/pgrp.h"
#include "port/lib.h"

namespace {

int mountid_counter;

Mount* newmount(Chan* to, int flag, const char* spec, int id)
{
    auto* m = new Mount;
    if (!m)
        return nullptr;
    if (spec && *spec) {
        size_t n = strlen(spec);
        m->spec = new char[n + 1];
        if (!m->spec) {
            delete m;
            return nullptr;
        }
        memcpy(m->spec, spec, n + 1);
    }
    m->to = to;
    cincref(to);
    m->mflag = flag;
    m->mountid = id;
    return m;
}

void freemount(Mount* m)
{
    cclose(m->to);
    delete[] m->spec;
    delete m;
}

void freemounts(Mount* m)
{
    while (m) {
        Mount* next = m->next;
        freemount(m);
        m = next;
    }
}

// Copy a union list; nullptr with *ok false if out of memory.
Mount* copymounts(const Mount* m, bool keepids, bool* ok)
{
    Mount* head = nullptr;
    Mount** tail = &head;
    for (; m; m = m->next) {
        Mount* n = newmount(m->to, m->mflag, m->spec, keepids ? m->mountid : ++mountid_counter);
        if (!n) {
            freemounts(head);
            *ok = false;
            return nullptr;
        }
        *tail = n;
        tail = &n->next;
    }
    return head;
}

void unlink_head(Pgrp* p, Mhead* h)
{
    for (Mhead** l = &p->heads; *l; l = &(*l)->next) {
        if (*l == h) {
            *l = h->next;
            h->next = nullptr;
            return;
        }
    }
}

}  // namespace

Pgrp* pgrp_new()
{
    return new Pgrp;
}

void mhead_release(Mhead* h)
{
    if (--h->ref > 0)
        return;
    freemounts(h->mount);
    cclose(h->from);
    delete h;
}

void pgrp_release(Pgrp* p)
{
    if (--p->ref > 0)
        return;
    while (Mhead* h = p->heads) {
        p->heads = h->next;
        mhead_release(h);
    }
    delete p;
}

Pgrp* pgrp_copy(Pgrp* from)
{
    Pgrp* p = pgrp_new();
    if (!p)
        return nullptr;
    p->noattach = from->noattach;
    Mhead** tail = &p->heads;
    for (const Mhead* h = from->heads; h; h = h->next) {
        auto* n = new Mhead;
        bool ok = n != nullptr;
        if (n) {
            n->from = h->from;
            cincref(n->from);
            n->mount = copymounts(h->mount, true, &ok);
            *tail = n;
            tail = &n->next;
        }
        if (!ok) {
            pgrp_release(p);
            return nullptr;
        }
    }
    return p;
}

Mhead* find_mount(Pgrp* p, const Chan* c)
{
    for (Mhead* h = p->heads; h; h = h->next)
        if (chan_same_file(h->from, c))
            return h;
    return nullptr;
}

Mount* mount_at(const Mhead* h, int i)
{
    Mount* m = h->mount;
    for (; m && i > 0; i--)
        m = m->next;
    return m;
}

Result<void> cmount(Pgrp* p, Chan* to, Chan* old, int flag, const char* spec)
{
    if (p->noattach)
        return Enoattach;
    if (!valid_mount_flag(flag))
        return Ebadarg;
    int order = flag & MORDER;
    bool olddir = old->qid.type & QTDIR, todir = to->qid.type & QTDIR;
    if (olddir != todir || (!olddir && order != MREPL))
        return Emount;
    int keep = flag & (MCREATE | MCACHE | MORDER);
    Mhead* h = find_mount(p, old);
    // As in Plan 9, a union made by -a or -b on a directory that has none yet starts with
    // that directory itself (ns lists it as `bind  old old`, before the new member).
    Mount* base = nullptr;
    if (!h && order != MREPL && !(base = newmount(old, 0, nullptr, ++mountid_counter)))
        return Enomem;
    bool ok = true;
    Mount* add;
    if (to->umh && to->umh->mount) {
        // Binding a union copies its members, as Plan 9 does: the first with this bind's
        // flags, the rest after it.
        add = copymounts(to->umh->mount, false, &ok);
        for (Mount* m = add; m; m = m->next)
            m->mflag = m == add ? keep : order == MREPL ? MAFTER : order;
    } else
        add = newmount(to, keep, spec, ++mountid_counter), ok = add != nullptr;
    if (!ok) {
        freemounts(base);
        return Enomem;
    }

    if (!h) {
        h = new Mhead;
        if (!h) {
            freemounts(base);
            freemounts(add);
            return Enomem;
        }
        h->from = old;
        cincref(old);
        h->mount = base;
        h->next = p->heads;
        p->heads = h;
    }
    Mount* last = add;
    while (last->next)
        last = last->next;
    if (order == MREPL) {
        freemounts(h->mount);
        h->mount = add;
    } else if (order == MBEFORE) {
        last->next = h->mount;
        h->mount = add;
    } else {
        Mount** l = &h->mount;
        while (*l)
            l = &(*l)->next;
        *l = add;
    }
    return {};
}

Result<void> cunmount(Pgrp* p, Chan* old, Chan* member)
{
    Mhead* h = find_mount(p, old);
    if (!h)
        return Eunmount;
    if (!member) {
        unlink_head(p, h);
        mhead_release(h);
        return {};
    }
    bool found = false;
    for (Mount** l = &h->mount; *l;) {
        Mount* m = *l;
        if (chan_same_file(m->to, member)) {
            *l = m->next;
            freemount(m);
            found = true;
        } else {
            l = &m->next;
        }
    }
    if (!found)
        return Eunion;
    if (!h->mount) {
        unlink_head(p, h);
        mhead_release(h);
    }
    return {};
}

void pgrp_foreach(Pgrp* p, void (*fn)(const Mhead* h, const Mount* m, void* arg), void* arg)
{
    int last = 0;
    for (;;) {  // repeatedly find the next mount id above `last`: O(n^2), n is small
        const Mhead* bh = nullptr;
        const Mount* best = nullptr;
        for (const Mhead* h = p->heads; h; h = h->next)
            for (const Mount* m = h->mount; m; m = m->next)
                if (m->mountid > last && (!best || m->mountid < best->mountid))
                    best = m, bh = h;
        if (!best)
            return;
        fn(bh, best, arg);
        last = best->mountid;
    }
}
