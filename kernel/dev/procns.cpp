// /proc/N/ns is writable (ANTS): its owner rewrites N's name space from outside by writing
// what a shell would type (nscmd.h). Names resolve in N's name space, from N's root and
// current directory; a mount opens the srv file there and attaches as the writer,
// without authentication (a server that wants it refuses the attach; srvfs(4) an
// authenticated mount to get a posting that needs none).
//
// Unlike ANTS, nothing is locked across the command, so a failed write cannot block the
// next one: the target's Pgrp, root and dot are held by reference while the command runs
// (it may sleep in a file server, and N may exit meanwhile: the change then goes to a name
// space nobody uses any more).
#include "dev/procns.h"
#include "9p/mnt.h"
#include "lib9/sys.h"
#include "port/lib.h"
#include "port/nscmd.h"
#include "port/nsops.h"
#include "port/pgrp.h"

namespace {

constexpr long MAXNSCMD = 3 * MAXPATH + 64;  // three names, a verb and flags

// The target's name space, held while a command runs in it.
class HeldEnv {
public:
    explicit HeldEnv(Proc* p) : m_env { p->pgrp, p->slash, p->dot }
    {
        m_env.pgrp->ref++;
        cincref(m_env.slash);
        cincref(m_env.dot);
    }
    ~HeldEnv()
    {
        cclose(m_env.dot);
        cclose(m_env.slash);
        pgrp_release(m_env.pgrp);
    }
    HeldEnv(const HeldEnv&) = delete;
    HeldEnv& operator=(const HeldEnv&) = delete;
    const NameEnv& env() const { return m_env; }

private:
    NameEnv m_env;
};

// mount srvfile old spec: the srv file is opened in the target's name space.
Result<void> mount_srvfile(const NameEnv& env, const NsCmd& cmd)
{
    if (env.pgrp->noattach)
        return Enoattach;
    Chan* c = TRY(namec(env, cmd.source, Amode::Open, ORDWR));
    Result<void> r;
    if ((c->mode & 3) != ORDWR) {
        r = Ebadusefd;
    } else {
        auto m = mnt_version(c, 0, "9P2000");
        r = m.is_error() ? Result<void>(m.error()) : ns_mount(env, m.value(), nullptr, cmd.target, cmd.flag, cmd.spec);
    }
    cclose(c);
    return r;
}

}  // namespace

Result<void> procns_may_write(const Proc* p)
{
    if (p->privatemem)
        return Eperm;
    if (strcmp(current_user(), "none") == 0 && p != up)
        return Eperm;
    return {};
}

Result<void> procns_write(Proc* p, const void* text, long n)
{
    if (n > MAXNSCMD)
        return Ebadarg;
    struct Buf {  // the tokens: off the kernel stack, which the walks below need
        char* p;
        ~Buf() { delete[] p; }
    } buf { new char[n + 1] };
    if (!buf.p)
        return Enomem;
    NsCmd cmd;
    if (const char* e = nscmd_parse(static_cast<const char*>(text), n, buf.p, &cmd))
        return e;
    if (up->pgrp->noattach)  // a process kept from mounting may not mount elsewhere
        return Enoattach;
    if (!p->pgrp || !p->slash || !p->dot || p->state == Pstate::Moribund)
        return Eprocdied;
    HeldEnv held(p);
    const NameEnv& env = held.env();
    switch (cmd.verb) {
    case NsVerb::Bind:
        return ns_bind(env, cmd.source, cmd.target, cmd.flag);
    case NsVerb::Mount:
        return mount_srvfile(env, cmd);
    case NsVerb::Unmount:
        return ns_unmount(env, cmd.source, cmd.target);
    }
    return Ebadarg;
}
