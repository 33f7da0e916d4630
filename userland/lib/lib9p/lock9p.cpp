// Srv::lock in user programs: libc's Lock in Srvlock's first two words, and the pid
// (which getpid keeps per process) to tell the holder. See Srvguard in conn.cpp.
#include <cstddef>

#include "libc.h"
#include "lib9p/proto.h"

namespace {

static_assert(sizeof(Lock) == 2 * sizeof(long) && offsetof(Srvlock, key) == 0 && offsetof(Srvlock, sem) == sizeof(long),
    "Srvlock must begin with a Lock's words");

Lock* plain(Srvlock* l) { return reinterpret_cast<Lock*>(l); }

}  // namespace

long lockself() { return getpid(); }
void locktake(Srvlock* l) { lock(plain(l)); }
void lockgive(Srvlock* l) { unlock(plain(l)); }
