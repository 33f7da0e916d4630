// Name evaluation (see namec.h).
// The path is first made absolute (against dot's name) and cleaned lexically, which is
// how ".." works across mount points: "/bin/.." is "/" whatever is bound on /bin. The
// walk then starts from dot, when the clean name lies below it, or from the root of the
// name ("/" or a #x device). After every step, if the new position is a mount point, the
// walk continues in its union: the next element is looked up in each member in order.
#include "port/namec.h"
#include "lib9/cleanname.h"
#include "port/lib.h"
#include "port/pgrp.h"

namespace {

// Where a walk stands: c, and if c is a mount point, its union (borrowed from pgrp:
// valid until the walk next sleeps).
struct Pos {
    Chan* c;
    Mhead* mh;
};

void release(Pos& p)
{
    if (p.c)
        cclose(p.c);
    p.c = nullptr;
}

// Step from pos to the child elem, trying each union member in order.
Result<void> step(Pgrp* pg, Pos& pos, const char* elem)
{
    const char* err = nullptr;
    Chan* next = nullptr;
    auto try_from = [&](Chan* from) {
        Chan* t = cclone(from);
        if (!t) {
            err = Enomem;
            return;
        }
        auto r = t->dev->walk(t, elem);
        if (r.is_error()) {
            if (!err)
                err = r.error();
            cclose(t);
            return;
        }
        next = t;
    };
    if (pos.mh) {
        // A member's walk may sleep, and meanwhile another process may unmount or
        // rebind here: hold the head, and find each member afresh by its place.
        Mhead* mh = pos.mh;
        mh->ref++;
        for (int i = 0; !next; i++) {
            Mount* m = mount_at(mh, i);
            if (!m)
                break;
            try_from(m->to);
        }
        mhead_release(mh);
    } else {
        try_from(pos.c);
    }
    if (!next)
        return err ? err : Enonexist;
    cclose(pos.c);
    pos.c = next;
    pos.mh = find_mount(pg, next);
    return {};
}

// Replace a mount point by what is mounted there: its first member, remembering the
// whole union (for reading directories and for bind sources).
Result<Chan*> resolve(Pos& pos)
{
    if (!pos.mh) {
        Chan* c = pos.c;
        pos.c = nullptr;
        return c;
    }
    Chan* c = cclone(pos.mh->mount->to);
    if (!c)
        return Enomem;
    if (c->qid.type & QTDIR) {
        c->umh = pos.mh;
        pos.mh->ref++;
    }
    release(pos);
    return c;
}

bool allowed_without_attach(char dc)
{
    return dc == '|' || dc == 'd' || dc == 'e' || dc == 'c' || dc == 'p';
}

// The start of an absolute clean name: "/" or a device attach. *rest is what remains.
Result<Pos> root_of(const NameEnv& env, const char* name, const char** rest)
{
    if (name[0] == '/') {
        *rest = name + 1;
        if (!env.slash)
            return Enonexist;
        Chan* c = cclone(env.slash);
        if (!c)
            return Enomem;
        return Pos { c, find_mount(env.pgrp, c) };
    }
    Dev* d = name[1] ? devtab_lookup(name[1]) : nullptr;
    if (!d)
        return Ebadsharp;
    if (env.pgrp->noattach && !allowed_without_attach(name[1]))
        return Enoattach;
    char spec[KNAMELEN];
    const char* p = name + 2;
    int n = 0;
    while (*p && *p != '/') {
        if (n == KNAMELEN - 1)
            return Ebadsharp;
        spec[n++] = *p++;
    }
    spec[n] = 0;
    *rest = *p ? p + 1 : p;
    Chan* c = TRY(d->attach(spec));
    char root[KNAMELEN + 2];
    memcpy(root, name, p - name);
    root[p - name] = 0;
    chan_setpath(c, root);
    return Pos { c, find_mount(env.pgrp, c) };
}

// Build the clean absolute name of path into full; *below_dot gets the part under dot
// when the name lies inside dot's tree.
Result<void> full_name(const NameEnv& env, const char* path, char* full, const char** below_dot)
{
    *below_dot = nullptr;
    size_t n = strlen(path);
    if (n >= MAXPATH)
        return Elongname;
    if (path[0] == '/' || path[0] == '#') {
        memcpy(full, path, n + 1);
        cleanname(full);
        return {};
    }
    const char* d = env.dot ? chan_path(env.dot) : "/";
    size_t dn = strlen(d);
    if (dn + 1 + n >= MAXPATH)
        return Elongname;
    memcpy(full, d, dn);
    full[dn] = '/';
    memcpy(full + dn + 1, path, n + 1);
    cleanname(full);
    if (env.dot && strncmp(full, d, dn) == 0 && (full[dn] == '/' || full[dn] == 0))
        *below_dot = full[dn] == '/' ? full + dn + 1 : full + dn;
    if (env.dot && strcmp(d, "/") == 0 && full[0] == '/')
        *below_dot = full + 1;
    return {};
}

// The last element of a clean name, and its length from the start of the name.
const char* last_elem(const char* name)
{
    const char* e = name;
    for (const char* p = name; *p; p++)
        if (*p == '/')
            e = p + 1;
    return e;
}

// Open what pos names, calling it `name`. A device may hand back another chan that is
// already open (dup, srv); that one keeps its own name.
Result<Chan*> open_resolved(Pos& pos, int omode, const char* name)
{
    Chan* c = TRY(resolve(pos));
    chan_setpath(c, name);
    auto r = c->dev->open(c, omode);
    if (r.is_error()) {
        cclose(c);
        return r.error();
    }
    if (r.value() != c) {  // the device handed back another open Chan (dup, srv)
        cclose(c);
        return r.value();
    }
    c->mode = omode & 3;
    c->open = true;
    c->offset = 0;
    return c;
}

Result<Chan*> create_in(Pos& parent, const char* name, int omode, uint32_t perm)
{
    Chan* dir = parent.c;
    if (parent.mh) {
        dir = nullptr;
        for (Mount* m = parent.mh->mount; m && !dir; m = m->next)
            if (m->mflag & MCREATE)
                dir = m->to;
        if (!dir)
            return Enocreate;
    }
    Chan* c = cclone(dir);
    if (!c)
        return Enomem;
    auto r = c->dev->create(c, name, omode, perm);
    if (r.is_error()) {
        cclose(c);
        return r.error();
    }
    c->mode = omode & 3;
    c->open = true;
    c->offset = 0;
    return c;
}

}  // namespace

Result<Chan*> namec(const NameEnv& env, const char* path, Amode amode, int omode, uint32_t perm)
{
    if (path[0] == 0)
        return Enonexist;
    char full[MAXPATH];
    const char* below_dot;
    TRY(full_name(env, path, full, &below_dot));

    const char* rest;
    Pos pos;
    if (below_dot) {
        rest = below_dot;
        Chan* c = cclone(env.dot);
        if (!c)
            return Enomem;
        pos = Pos { c, find_mount(env.pgrp, c) };
    } else {
        pos = TRY(root_of(env, full, &rest));
    }

    // Walk every element but the last one that create needs to make.
    const char* create_name = nullptr;
    char elem[NAMEMAX + 1];
    while (*rest) {
        const char* e = rest;
        while (*e && *e != '/')
            e++;
        size_t n = e - rest;
        if (n > NAMEMAX) {
            release(pos);
            return Elongname;
        }
        memcpy(elem, rest, n);
        elem[n] = 0;
        rest = *e ? e + 1 : e;
        if (amode == Amode::Create && !*rest) {
            create_name = last_elem(full);
            break;
        }
        auto r = step(env.pgrp, pos, elem);
        if (r.is_error()) {
            release(pos);
            return r.error();
        }
    }

    Result<Chan*> result = Enonexist;
    switch (amode) {
    case Amode::Create: {
        if (!create_name) {  // the name is a root: it exists, so create truncates it
            result = open_resolved(pos, omode | OTRUNC, full);
            break;
        }
        Pos existing { cclone(pos.c), pos.mh };
        if (!existing.c) {
            result = Enomem;
            break;
        }
        if (!step(env.pgrp, existing, create_name).is_error()) {
            result = open_resolved(existing, omode | OTRUNC, full);
            release(existing);
            break;
        }
        release(existing);
        pos.mh = find_mount(env.pgrp, pos.c);  // the step may have slept, and the union changed
        result = create_in(pos, create_name, omode, perm);
        if (!result.is_error())
            chan_setpath(result.value(), full);
        break;
    }
    case Amode::Open:
        result = open_resolved(pos, omode, full);
        break;
    case Amode::Mount:
    case Amode::Remove:
        result = pos.c;
        pos.c = nullptr;
        break;
    case Amode::Todir:
    case Amode::Access:
    case Amode::Bind:
        result = resolve(pos);
        if (!result.is_error() && amode == Amode::Todir && !(result.value()->qid.type & QTDIR)) {
            cclose(result.value());
            result = Enotdir;
        }
        break;
    }
    if (!result.is_error() && amode != Amode::Open && amode != Amode::Create)
        chan_setpath(result.value(), full);
    release(pos);
    return result;
}
