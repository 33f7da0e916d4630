// #e: environment. #ec is the boot configuration: one read-only file per key=value pair
// of the boot command line (Plan 9 serves plan9.ini there). Per-process environment
// groups (#e proper) arrive next.
// Qid paths: 0 is the directory, i+1 is pair i.
#include "lib9/sys.h"
#include "port/chan.h"
#include "port/conf.h"
#include "port/lib.h"

namespace {

void conf_dir(size_t i, DirBuf& db)
{
    Conf& conf = bootconf();
    db.d = Dir {};
    db.d.qid = Qid { i + 1, 0, QTFILE };
    db.d.mode = 0444;
    db.d.length = strlen(conf.value(i));
    db.d.name = conf.key(i);
    db.d.uid = db.d.gid = db.d.muid = eve();
}

}  // namespace

class EnvDev final : public Dev {
public:
    constexpr EnvDev() : Dev('e', "env") {}

    Result<Chan*> attach(const char* spec) override
    {
        if (strcmp(spec, "c") != 0)
            return Enonexist;
        return Dev::attach(spec);
    }

    bool gen(Chan*, int i, DirBuf& db) override
    {
        if (static_cast<size_t>(i) >= bootconf().count())
            return false;
        conf_dir(i, db);
        return true;
    }

    Result<void> dirstat(Chan* c, DirBuf& db) override
    {
        if (c->qid.path == 0) {
            db.d = Dir {};
            db.d.qid = c->qid;
            db.d.mode = DMDIR | 0555;
            db.d.name = "#ec";
            db.d.uid = db.d.gid = db.d.muid = eve();
            return {};
        }
        size_t i = c->qid.path - 1;
        if (i >= bootconf().count())
            return Enonexist;
        conf_dir(i, db);
        return {};
    }

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.type & QTDIR)
            return dirread(c, buf, n, off);
        size_t i = c->qid.path - 1;
        if (i >= bootconf().count())
            return Enonexist;
        return read_string(buf, n, off, bootconf().value(i));
    }
};

namespace {
EnvDev instance;
}
Dev& envdev = instance;
