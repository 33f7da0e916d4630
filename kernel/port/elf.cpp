// ELF32 parsing for exec (see elf.h). Accepts what linkers produce for static i386
// programs: ET_EXEC, up to four PT_LOADs in rising address order, page-congruent and not
// overlapping, the read-only ones (text, rodata) before at most one writable one (data
// and bss), the entry point inside an executable one. Notes and GNU_STACK are ignored;
// anything that needs a dynamic loader or TLS is refused.
#include "port/elf.h"
#include "lib9/error.h"

namespace {

enum : uint32_t { PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_TLS = 7 };
enum : uint32_t { PF_X = 1, PF_W = 2 };
constexpr uint32_t PAGE = 4096;

uint32_t get32(const uint8_t* p) { return p[0] | p[1] << 8 | p[2] << 16 | uint32_t(p[3]) << 24; }
uint16_t get16(const uint8_t* p) { return p[0] | p[1] << 8; }

uint32_t page_end(const ElfLoad& l) { return (l.vaddr + l.memsz + PAGE - 1) & ~(PAGE - 1); }

const char* add_load(ElfImage* img, const ElfLoad& l, size_t len, uint32_t lo, uint32_t hi)
{
    if (l.filesz > l.memsz || l.offset > len || len - l.offset < l.filesz)
        return Ebadexec;
    if (l.vaddr < lo || l.vaddr >= hi || hi - l.vaddr < l.memsz || l.vaddr % PAGE != l.offset % PAGE)
        return Ebadexec;
    if ((l.writable && l.executable) || img->nload == MAXLOADS)
        return Ebadexec;
    if (img->nload > 0) {
        const ElfLoad& prev = img->load[img->nload - 1];
        if (prev.writable || (l.vaddr & ~(PAGE - 1)) < page_end(prev))
            return Ebadexec;
    }
    img->load[img->nload++] = l;
    return nullptr;
}

}  // namespace

const char* elf_parse(const uint8_t* f, size_t len, uint32_t lo, uint32_t hi, ElfImage* img)
{
    *img = ElfImage {};
    if (len < 52 || f[0] != 0x7F || f[1] != 'E' || f[2] != 'L' || f[3] != 'F')
        return Ebadexec;
    if (f[4] != 1 || f[5] != 1 || f[6] != 1)  // ELFCLASS32, little-endian, version 1
        return Ebadexec;
    if (get16(f + 16) != 2 || get16(f + 18) != 3)  // ET_EXEC, EM_386
        return Ebadexec;
    uint32_t entry = get32(f + 24), phoff = get32(f + 28);
    uint32_t phentsize = get16(f + 42), phnum = get16(f + 44);
    if (phentsize < 32 || phnum == 0 || phnum > 64 || phoff > len || (len - phoff) / phentsize < phnum)
        return Ebadexec;
    for (uint32_t i = 0; i < phnum; i++) {
        const uint8_t* ph = f + phoff + i * phentsize;
        uint32_t type = get32(ph);
        if (type == PT_DYNAMIC || type == PT_INTERP || type == PT_TLS)
            return Ebadexec;
        if (type != PT_LOAD)
            continue;
        ElfLoad l { get32(ph + 8), get32(ph + 4), get32(ph + 16), get32(ph + 20),
            (get32(ph + 24) & PF_W) != 0, (get32(ph + 24) & PF_X) != 0 };
        if (l.memsz == 0)
            continue;
        if (const char* err = add_load(img, l, len, lo, hi))
            return err;
    }
    for (int i = 0; i < img->nload; i++) {
        const ElfLoad& l = img->load[i];
        if (l.executable && entry >= l.vaddr && entry - l.vaddr < l.memsz) {
            img->entry = entry;
            return nullptr;
        }
    }
    return Ebadexec;
}
