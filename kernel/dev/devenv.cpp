// #e: environment. For now only #ec, the boot configuration: one read-only file per
// key=value pair of the boot command line (Plan 9 serves plan9.ini there). Per-process
// environment groups (#e proper) arrive with the namespace work.
// Qid paths: 0 is the directory, i+1 is pair i.
#include "lib9/sys.h"
#include "port/chan.h"
#include "port/conf.h"
#include "port/lib.h"

class EnvDev final : public Dev {
public:
    constexpr EnvDev() : Dev('e', "env") {}

    Result<Chan*> attach(const char* spec) override
    {
        if (strcmp(spec, "c") != 0)
            return Enonexist;
        return Dev::attach(spec);
    }

    Result<void> walk(Chan* c, const char* name) override
    {
        if (!(c->qid.type & QTDIR))
            return Enotdir;
        if (strcmp(name, "..") == 0)
            return {};
        Conf& conf = bootconf();
        for (size_t i = 0; i < conf.count(); i++) {
            if (strcmp(conf.key(i), name) == 0) {
                c->qid = Qid { i + 1, 0, QTFILE };
                return {};
            }
        }
        return Enonexist;
    }

    Result<void> open(Chan* c, int omode) override
    {
        return check_open_mode(c->qid.type & QTDIR ? DMDIR | 0555 : 0444, omode);
    }

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        if (c->qid.type & QTDIR)
            return Eisdir;
        Conf& conf = bootconf();
        size_t i = c->qid.path - 1;
        if (i >= conf.count())
            return Enonexist;
        return read_string(buf, n, off, conf.value(i));
    }
};

namespace {
EnvDev instance;
}
Dev& envdev = instance;
