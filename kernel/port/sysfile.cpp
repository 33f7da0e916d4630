// File system calls: open, close, pread, pwrite, dup.
#include "lib9/sys.h"
#include "port/chan.h"
#include "port/lib.h"
#include "port/proc.h"
#include "port/syscall.h"
#include "port/umem.h"

namespace {

constexpr int OPENFLAGS = 3 | OTRUNC | OCEXEC | ORCLOSE;

Result<int64_t> offset_arg(SyscallArgs a)
{
    int64_t off = static_cast<int64_t>(static_cast<uint64_t>(a[4]) << 32 | a[3]);
    if (off < -1)
        return Ebadarg;
    return off;
}

// pread and pwrite: (fd, buf, n, offset low word, offset high word); offset -1 means
// the fd's own offset, which then advances.
Result<long> rdwr(SyscallArgs a, bool write)
{
    int32_t n = a[2];
    if (n < 0)
        return Ebadarg;
    TRY(validaddr(a[1], n, !write));
    Chan* c = TRY(fd_get(up->fgrp, a[0], write ? OWRITE : OREAD));
    int64_t off = TRY(offset_arg(a));
    bool current = off == -1;
    uint64_t at = current ? c->offset : off;
    long m = TRY(write ? c->dev->write(c, uptr(a[1]), n, at) : c->dev->read(c, uptr(a[1]), n, at));
    if (current)
        c->offset += m;
    return m;
}

}  // namespace

Result<long> sysopen(SyscallArgs a)
{
    char path[1024];
    TRY(copy_user_string(path, sizeof path, a[0]));
    int mode = a[1];
    if (mode & ~OPENFLAGS)
        return Ebadarg;
    Chan* c = TRY(namec(up, path, mode));
    auto fd = fd_install(up->fgrp, c);
    if (fd.is_error())
        cclose(c);
    return TRY(fd);
}

Result<long> sysclose(SyscallArgs a)
{
    int fd = a[0];
    Chan* c = TRY(fd_get(up->fgrp, fd));
    up->fgrp->fd[fd] = nullptr;
    cclose(c);
    return 0L;
}

Result<long> syspread(SyscallArgs a)
{
    return rdwr(a, false);
}

Result<long> syspwrite(SyscallArgs a)
{
    return rdwr(a, true);
}

Result<long> sysdup(SyscallArgs a)
{
    int old = a[0], nfd = a[1];
    Chan* c = TRY(fd_get(up->fgrp, old));
    if (nfd == old)
        return nfd;
    if (nfd != -1 && (nfd < 0 || nfd >= NFD))
        return Ebadfd;
    cincref(c);
    auto r = fd_install(up->fgrp, c, nfd);
    if (r.is_error())
        cclose(c);
    return TRY(r);
}
