// #d: the open file descriptors of the current process. Opening #d/N gives another
// reference to fd N (Plan 9's dup device), in a mode no wider than fd N's; #d/Nctl
// describes it. Qid paths: 0 the directory, (N+1)*2 for N, (N+1)*2+1 for Nctl.
#include "lib9/sys.h"
#include "port/chan.h"
#include "port/fgrp.h"
#include "port/lib.h"
#include "port/proc.h"

namespace {

Chan* fd_chan(int fd)
{
    return fd >= 0 && fd < NFD && up->fgrp ? up->fgrp->fd[fd] : nullptr;
}

bool fd_dir(int fd, bool ctl, DirBuf& db)
{
    Chan* c = fd_chan(fd);
    if (!c)
        return false;
    db.d = Dir {};
    db.d.qid = Qid { static_cast<uint64_t>(fd + 1) * 2 + (ctl ? 1 : 0), 0, QTFILE };
    static const uint32_t perms[] = { 0400, 0200, 0600, 0400 };
    db.d.mode = ctl ? 0400 : perms[c->mode & 3];
    snprint(db.name, sizeof db.name, ctl ? "%dctl" : "%d", fd);
    db.d.name = db.name;
    db.d.uid = db.d.gid = db.d.muid = current_user();
    return true;
}

}  // namespace

class DupDev final : public Dev {
public:
    constexpr DupDev() : Dev('d', "dup") {}

    bool gen(Chan*, int i, DirBuf& db) override
    {
        for (int k = 0, fd = 0; fd < NFD; fd++) {  // two entries per open fd, in fd order
            if (!fd_chan(fd))
                continue;
            if (k == i / 2)
                return fd_dir(fd, i % 2, db);
            k++;
        }
        return false;
    }

    Result<void> dirstat(Chan* c, DirBuf& db) override
    {
        if (c->qid.path == 0) {
            root_dir(c, db, 0555, current_user());
            return {};
        }
        int fd = static_cast<int>(c->qid.path / 2) - 1;
        if (!fd_dir(fd, c->qid.path & 1, db))
            return Ebadfd;
        return {};
    }

    Result<Chan*> open(Chan* c, int omode) override
    {
        if (c->qid.type & QTDIR || (c->qid.path & 1))
            return Dev::open(c, omode);
        int fd = static_cast<int>(c->qid.path / 2) - 1;
        ChanRef f = TRY(fd_get(up->fgrp, fd));
        int have = f->mode & 3, want = omode & 3;
        if (have != ORDWR && want != have && !(have == OEXEC && want == OREAD))
            return Eperm;
        return f.release();
    }

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.type & QTDIR)
            return dirread(c, buf, n, off);
        int fd = static_cast<int>(c->qid.path / 2) - 1;
        ChanRef f = TRY(fd_get(up->fgrp, fd));
        static const char* const modes[] = { "r", "w", "rw", "x" };
        char line[MAXPATH_LINE];
        snprint(line, sizeof line, "%d %s %c %u %llu %s\n", fd, modes[f->mode & 3], f->dev->dc(), f->devno,
            f->offset, chan_path(f.get()));
        return read_string(buf, n, off, line);
    }

private:
    static constexpr int MAXPATH_LINE = 1100;
};

namespace {
DupDev instance;
}
Dev& dupdev = instance;
