// The device table: every `#x` device the kernel has, by its letter.
#include "port/chan.h"

extern Dev& rootdev;
extern Dev& consdev;
extern Dev& envdev;
extern Dev& archdev;
extern Dev& dupdev;
extern Dev& srvdev;
extern Dev& zrvdev;
extern Dev& pipedev;
extern Dev& procdev;
extern Dev& rtcdev;
extern Dev& mntdev;
extern Dev& uartdev;

namespace {
Dev* const devtab[] = { &rootdev, &consdev, &envdev, &archdev, &dupdev, &srvdev, &zrvdev, &pipedev, &procdev, &rtcdev, &mntdev, &uartdev };
}

Dev* devtab_lookup(char dc)
{
    for (Dev* d : devtab)
        if (d->dc() == dc)
            return d;
    return nullptr;
}
