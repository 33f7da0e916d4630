// The system calls that start 9P conversations: fversion (negotiate on a channel),
// fauth (an authentication file) and mount (attach and put the tree in the namespace).
// The channel must be open for reading and writing; it is held for the whole call, so
// closing its fd meanwhile does not pull it away.
#include "9p/mnt.h"
#include "lib9/sys.h"
#include "port/fgrp.h"
#include "port/lib.h"
#include "port/namec.h"
#include "port/pgrp.h"
#include "port/syscall.h"
#include "port/umem.h"

namespace {

constexpr char VERSION9P[] = "9P2000";

// The transport behind fd, with a reference for the caller.
Result<Chan*> transport(int fd)
{
    ChanRef c = TRY(fd_get(up->fgrp, fd));
    if (!c->open || (c->mode & 3) != ORDWR)
        return Ebadusefd;
    return c.release();
}

// An attach name from user space; a null pointer is the empty name.
Result<void> user_aname(char* aname, uint32_t va)
{
    aname[0] = 0;
    if (va)
        TRY(copy_user_string(aname, NAMEMAX + 1, va));
    return {};
}

// mount's work once the transport c is held: version, auth file, attach, mount.
Result<void> mount_over(Chan* c, int afd, const char* old, int flag, const char* aname)
{
    NameEnv env = proc_nameenv(up);
    if (env.pgrp->noattach)
        return Enoattach;
    Mnt* m = TRY(mnt_version(c, 0, VERSION9P));
    Mfid* afid = nullptr;
    ChanRef ac;  // holds afid while the mount uses it
    if (afd >= 0) {
        ac = TRY(fd_get(up->fgrp, afd));
        afid = mnt_fid(ac.get());
        if (!afid || afid->m != m)
            return Ebadusefd;
    }
    return ns_mount(env, m, afid, old, flag, aname);
}

}  // namespace

// mount(fd, afd, old, flag, aname)
Result<long> sysmount(SyscallArgs a)
{
    int flag = a[3];
    if (!valid_mount_flag(flag))
        return Ebadarg;
    char old[MAXPATH], aname[NAMEMAX + 1];
    TRY(copy_user_string(old, sizeof old, a[2]));
    TRY(user_aname(aname, a[4]));
    Chan* c = TRY(transport(a[0]));
    auto r = mount_over(c, static_cast<int>(a[1]), old, flag, aname);
    cclose(c);
    TRY(r);
    return 0L;
}

Result<void> ns_mount(const NameEnv& env, Mnt* m, Mfid* afid, const char* old, int flag, const char* aname)
{
    if (!valid_mount_flag(flag))
        return Ebadarg;
    if (env.pgrp->noattach)
        return Enoattach;
    Chan* root = TRY(mnt_attach(m, afid, current_user(), aname));
    if (flag & MCACHE)
        root->aux |= Mcached;  // kept by every chan cloned from it
    auto to = namec(env, old, Amode::Mount);
    if (to.is_error()) {
        cclose(root);
        return to.error();
    }
    auto r = cmount(env.pgrp, root, to.value(), flag, aname);
    cclose(root);
    cclose(to.value());
    return r;
}

// fversion(fd, msize, version, nversion): version holds the version wanted, NUL-terminated
// within nversion bytes, and receives the one agreed; returns its length.
Result<long> sysfversion(SyscallArgs a)
{
    uint32_t msize = a[1], n = a[3];
    if (n == 0 || n > ERRMAX)
        return Ebadarg;
    TRY(validaddr(a[2], n, true));
    char want[ERRMAX];
    memcpy(want, uptr(a[2]), n);
    bool terminated = false;
    for (uint32_t i = 0; i < n && !terminated; i++)
        terminated = want[i] == 0;
    if (!terminated)
        return Ebadarg;
    Chan* c = TRY(transport(a[0]));
    auto m = mnt_version(c, msize, want[0] ? want : VERSION9P);
    Result<long> r = m.is_error() ? Result<long>(m.error()) : Result<long>(0L);
    if (!m.is_error()) {
        long k = strlen(m.value()->version);
        if (k + 1 > static_cast<long>(n))
            r = Eshort;
        else {
            memcpy(uptr(a[2]), m.value()->version, k + 1);
            r = k;
        }
    }
    cclose(c);
    return r;
}

// fauth(fd, aname): an fd for the authentication protocol that mount's afd then names.
Result<long> sysfauth(SyscallArgs a)
{
    char aname[NAMEMAX + 1];
    TRY(user_aname(aname, a[1]));
    Chan* c = TRY(transport(a[0]));
    auto m = mnt_version(c, 0, VERSION9P);
    Result<Chan*> ac = m.is_error() ? Result<Chan*>(m.error()) : mnt_auth(m.value(), up->user, aname);
    cclose(c);
    if (ac.is_error())
        return ac.error();
    chan_setpath(ac.value(), "#M");
    auto fd = fd_install(up->fgrp, ac.value());
    if (fd.is_error())
        cclose(ac.value());
    return TRY(fd);
}
