// Directory reads (read(5)): a reply holds whole stat entries only, and the next read
// must start where the last one ended, so a fid remembers the index of the entry that
// comes next (Fid.dirindex); reading at offset 0 starts over.
#include "lib9/error.h"
#include "lib9p/file.h"
#include "lib9p/proto.h"

namespace {

int treegen(long n, Dir* d, void* aux)
{
    const File* dir = static_cast<const File*>(aux);
    if (n >= dir->nkids)
        return -1;
    *d = dir->kids[n]->d;
    return 0;
}

}  // namespace

const char* dirread9p(Req* r, Dirgen gen, void* aux)
{
    uint32_t count = r->ifcall.count, used = 0;
    long i = r->fid->dirindex;
    Dir d;
    for (; used < count && gen(i, &d, aux) == 0; i++) {
        size_t n = convD2M(&d, r->rbuf + used, count - used);
        if (n <= BIT16SZ) {
            if (used == 0)
                return Eshort;
            break;
        }
        used += uint32_t(n);
    }
    r->fid->dirindex = i;
    r->ofcall.count = used;
    return nullptr;
}

const char* treedirread(Req* r) { return dirread9p(r, treegen, r->fid->file); }
