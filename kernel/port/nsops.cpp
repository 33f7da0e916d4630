// bind and unmount by name (see nsops.h).
#include "port/nsops.h"
#include "9p/mnt.h"
#include "port/lib.h"
#include "port/pgrp.h"

namespace {

// The member of old's union that was mounted over the connection c, with a reference.
Chan* member_over(Pgrp* p, const Chan* old, const Chan* c)
{
    Mhead* h = find_mount(p, old);
    for (Mount* m = h ? h->mount : nullptr; m; m = m->next) {
        Mfid* f = mnt_fid(m->to);
        if (f && f->m->c == c) {
            cincref(m->to);
            return m->to;
        }
    }
    return nullptr;
}

// What `unmount name old` removes from old: the file name names or, for a srv posting,
// the member mounted from it.
Result<Chan*> unmount_member(const NameEnv& env, const char* name, const Chan* old)
{
    Chan* c = TRY(namec(env, name, Amode::Access));
    char dc = c->dev->dc();
    if ((dc != 's' && dc != 'z') || (c->qid.type & QTDIR))
        return c;
    auto posted = c->dev->open(c, OREAD);  // the posted chan, in place of c
    cclose(c);
    Chan* conn = TRY(posted);
    Chan* m = member_over(env.pgrp, old, conn);
    if (!m)
        return conn;  // not mounted from: cunmount finds no such member
    cclose(conn);
    return m;
}

}  // namespace

Result<void> ns_bind(const NameEnv& env, const char* name, const char* old, int flag)
{
    if (!valid_mount_flag(flag))
        return Ebadarg;
    if (env.pgrp->noattach)
        return Enoattach;
    Chan* from = TRY(namec(env, name, Amode::Bind));
    auto to = namec(env, old, Amode::Mount);
    if (to.is_error()) {
        cclose(from);
        return to.error();
    }
    auto r = cmount(env.pgrp, from, to.value(), flag, nullptr);
    cclose(from);
    cclose(to.value());
    return r;
}

Result<void> ns_unmount(const NameEnv& env, const char* name, const char* old)
{
    Chan* mnt = TRY(namec(env, old, Amode::Mount));
    Chan* member = nullptr;
    if (name) {
        auto m = unmount_member(env, name, mnt);
        if (m.is_error()) {
            cclose(mnt);
            return m.error();
        }
        member = m.value();
    }
    auto r = cunmount(env.pgrp, mnt, member);
    if (member)
        cclose(member);
    cclose(mnt);
    return r;
}
