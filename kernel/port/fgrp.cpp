// File descriptor groups (see fgrp.h).
#include "port/fgrp.h"

Fgrp* fgrp_new()
{
    return new Fgrp;
}

Fgrp* fgrp_copy(Fgrp* f)
{
    Fgrp* n = new Fgrp;
    if (!n)
        return nullptr;
    for (int i = 0; i < NFD; i++) {
        n->fd[i] = f->fd[i];
        if (n->fd[i])
            cincref(n->fd[i]);
    }
    return n;
}

void fgrp_release(Fgrp* f)
{
    if (--f->ref > 0)
        return;
    for (Chan* c : f->fd)
        if (c)
            cclose(c);
    delete f;
}

void fgrp_close_on_exec(Fgrp* f)
{
    for (Chan*& c : f->fd) {
        if (c && (c->flag & CCEXEC)) {
            cclose(c);
            c = nullptr;
        }
    }
}

Result<int> fd_install(Fgrp* f, Chan* c, int at)
{
    if (at >= NFD)
        return Ebadfd;
    if (at < 0) {
        for (at = 0; at < NFD && f->fd[at]; at++)
            ;
        if (at == NFD)
            return Enofd;
    }
    if (f->fd[at])
        cclose(f->fd[at]);
    f->fd[at] = c;
    return at;
}

[[gnu::hot]] Result<ChanRef> fd_get(Fgrp* f, int fd, int want_mode)
{
    if (fd < 0 || fd >= NFD || !f->fd[fd])
        return Ebadfd;
    Chan* c = f->fd[fd];
    if (want_mode >= 0) {
        int m = c->mode & 3;
        bool ok = want_mode == OREAD ? (m == OREAD || m == ORDWR || m == OEXEC) : (m == OWRITE || m == ORDWR);
        if (!ok || !c->open)
            return Ebadusefd;
    }
    cincref(c);
    return ChanRef(c);
}

Result<Chan*> fd_take(Fgrp* f, int fd)
{
    if (fd < 0 || fd >= NFD || !f->fd[fd])
        return Ebadfd;
    Chan* c = f->fd[fd];
    f->fd[fd] = nullptr;
    return c;
}
