// Paging. The kernel page directory maps physical [0, min(memory, DIRECTMAX)) at KZERO
// with global 4 MiB pages; every process directory copies those kernel entries, so the
// kernel half is identical everywhere and never changes after boot. User pages are
// 4 KiB, reached through page tables allocated on demand below KZERO. User mappings
// hold no frame references: the segments own the frames (port/segment.cpp).
#include "mem.h"
#include "io.h"
#include "pc/pc.h"
#include "port/lib.h"
#include "port/page.h"
#include "port/portfns.h"

namespace {

constexpr uint32_t PTEP = 1, PTEW = 2, PTEU = 4, PTESIZE = 0x80, PTEG = 0x100;
constexpr uint32_t KPDX = mem::KZERO >> 22;

alignas(4096) uint32_t kpd[1024];

uint32_t* pd_of(uint32_t pd) { return kaddr<uint32_t>(pd); }

// The page-table entry for va, allocating its table if asked; nullptr if none.
uint32_t* pte_of(uint32_t pd, uint32_t va, bool alloc)
{
    uint32_t& pde = pd_of(pd)[va >> 22];
    if (!(pde & PTEP)) {
        if (!alloc)
            return nullptr;
        uint32_t pt = page_alloc();
        if (!pt)
            return nullptr;
        pde = pt | PTEP | PTEW | PTEU;
    }
    return kaddr<uint32_t>(pde & ~0xFFFu) + ((va >> 12) & 1023);
}

}  // namespace

uint32_t kernel_pd;

void mmu_init(uint32_t memtop)
{
    uint32_t global = cpu_has_pge() ? PTEG : 0;
    uint32_t top = min(memup4m(memtop), mem::DIRECTMAX);
    for (uint32_t pa = 0; pa < top; pa += mem::BY2BIGPG)
        kpd[KPDX + (pa >> 22)] = pa | PTEP | PTEW | PTESIZE | global;
    if (global)
        putcr4(getcr4() | 0x80);  // PGE
    kernel_pd = paddr(kpd);
    putcr3(kernel_pd);
}

uint32_t mmu_newpd()
{
    uint32_t pd = page_alloc();
    if (pd)
        memcpy(pd_of(pd) + KPDX, kpd + KPDX, (1024 - KPDX) * 4);
    return pd;
}

void mmu_freepd(uint32_t pd)
{
    uint32_t* d = pd_of(pd);
    for (uint32_t i = 0; i < KPDX; i++)
        if (d[i] & PTEP)
            page_free(d[i] & ~0xFFFu);
    page_free(pd);
}

[[gnu::hot]] void mmu_switch(uint32_t pd)
{
    if (getcr3() != pd)
        putcr3(pd);
}

bool mmu_map(uint32_t pd, uint32_t va, uint32_t pa, bool writable)
{
    uint32_t* pte = pte_of(pd, va, true);
    if (!pte)
        return false;
    *pte = pa | PTEP | PTEU | (writable ? PTEW : 0);
    if (getcr3() == pd)
        invlpg(va);
    return true;
}

void mmu_map_noflush(uint32_t pd, uint32_t va, uint32_t pa, bool writable)
{
    uint32_t* pte = pte_of(pd, va, false);
    if (pte)
        *pte = pa | PTEP | PTEU | (writable ? PTEW : 0);
}

[[gnu::hot]] uint32_t mmu_lookup(uint32_t pd, uint32_t va)
{
    uint32_t* pte = pte_of(pd, va, false);
    return pte && (*pte & PTEP) ? *pte & ~0xFFFu : 0;
}

[[gnu::hot]] uint32_t mmu_unmapped(uint32_t pd, uint32_t va, uint32_t end, bool write)
{
    uint32_t need = PTEP | (write ? PTEW : 0);
    for (; va < end; va += mem::BY2PG) {
        uint32_t* pte = pte_of(pd, va, false);
        if (!pte || (*pte & need) != need)
            return va;
    }
    return end;
}

void mmu_flush()
{
    putcr3(getcr3());  // kernel mappings are global and survive
}

void mmu_unmap(uint32_t pd, uint32_t va)
{
    uint32_t* pte = pte_of(pd, va, false);
    if (!pte || !(*pte & PTEP))
        return;
    *pte = 0;
    if (getcr3() == pd)
        invlpg(va);
}
