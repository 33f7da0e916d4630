// holdsrv name: a 9P server posted as /srv/name whose tree holds one file, held, whose
// stats are never answered (a server hung on a request), for tests of clients that must
// not wait on it for anything else. Everything else is answered as a plain tree.
#include "libc.h"
#include "lib9p/file.h"
#include "lib9p/serve.h"

namespace {

void fsstat(Req* r)
{
    if (strcmp(r->fid->file->d.name, "held") != 0)
        respond(r, nullptr);  // the tree's own entry
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "holdsrv";
    if (argc != 2)
        sysfatal("usage: holdsrv name");
    Srv fs;
    fs.tree = alloctree(getuser(), getuser(), DMDIR | 0777, nullptr);
    const char* err = nullptr;
    File* held = createfile(fs.tree->root, "held", getuser(), 0666, nullptr, &err);
    if (!held)
        sysfatal("createfile: %s", err);
    closefile(held);  // the tree keeps it
    fs.stat = fsstat;
    if (postmountsrv(&fs, argv[1], nullptr, 0) < 0)
        sysfatal("%r");
    exits(nullptr);
}
