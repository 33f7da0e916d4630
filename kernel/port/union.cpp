// Union directory reads. c->uri is the member being read and c->umc that member, open;
// each member is read to its end before the next is opened, so entries come out whole
// and in union order. A member that cannot be opened is skipped, as in Plan 9.
#include "port/union.h"
#include "port/pgrp.h"

Result<long> union_read(Chan* c, void* buf, long n)
{
    for (;;) {
        if (!c->umc) {
            Mount* m = mount_at(c->umh, c->uri);
            if (!m)
                return 0L;
            Chan* mc = cclone(m->to);
            if (!mc)
                return Enomem;
            auto o = mc->dev->open(mc, OREAD);
            if (o.is_error()) {
                cclose(mc);
                c->uri++;
                continue;
            }
            if (o.value() != mc)
                cclose(mc);
            mc = o.value();
            mc->open = true;
            c->umc = mc;
        }
        long r = TRY(c->umc->dev->read(c->umc, buf, n, c->umc->offset));
        if (r > 0) {
            c->umc->offset += r;
            return r;
        }
        cclose(c->umc);
        c->umc = nullptr;
        c->uri++;
    }
}

void union_rewind(Chan* c)
{
    if (c->umc)
        cclose(c->umc);
    c->umc = nullptr;
    c->uri = 0;
}
