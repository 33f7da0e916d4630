// User memory checks (see umem.h).
#include "port/umem.h"
#include "mem.h"
#include "port/lib.h"
#include "port/proc.h"

[[gnu::hot]] Result<void> validaddr(uint32_t va, uint32_t len, bool write)
{
    if (!valid_user_range(up, va, len, write))
        return Ebadaddr;
    return {};
}

Result<void> copy_user_string(char* dst, uint32_t n, uint32_t va)
{
    uint32_t i = 0;
    while (i < n) {
        uint32_t page_end = mem::pgrounddown(va + i) + mem::BY2PG;
        if (page_end == 0 || !valid_user_range(up, va + i, 1, false))
            return Ebadaddr;
        auto* p = uptr<const char>(va);
        for (; va + i < page_end && i < n; i++) {
            dst[i] = p[i];
            if (p[i] == 0)
                return {};
        }
        if (va + i < va)
            return Ebadaddr;
    }
    dst[n - 1] = 0;
    return Elongname;
}
