// exec: read the program file, check its ELF headers, build a whole new address space
// beside the old one (text and data copied in, bss and stack left to demand-fill, the
// arguments written at the top of the stack), and only then switch to it and free the
// old one, so a failed exec leaves the caller intact.
//
// Stack at entry: sp -> argc, argv[0], ..., argv[argc-1], 0, then the strings.
#include "port/exec.h"
#include "lib9/sys.h"
#include "mem.h"
#include "port/chan.h"
#include "port/elf.h"
#include "port/lib.h"
#include "port/namec.h"
#include "port/page.h"
#include "port/proc.h"

namespace {

constexpr uint32_t MAXPROGRAM = 16u << 20;

struct FileBuf {
    uint8_t* data = nullptr;
    uint32_t len = 0;
};

Result<FileBuf> read_file(Chan* c)
{
    FileBuf b;
    uint32_t cap = 0;
    for (;;) {
        if (b.len == cap) {
            uint32_t ncap = cap ? cap * 2 : 64 * 1024;
            if (ncap > MAXPROGRAM) {
                delete[] b.data;
                return Etoobig;
            }
            auto* n = new uint8_t[ncap];
            if (!n) {
                delete[] b.data;
                return Enomem;
            }
            if (b.len)
                memcpy(n, b.data, b.len);
            delete[] b.data;
            b.data = n;
            cap = ncap;
        }
        auto r = c->dev->read(c, b.data + b.len, cap - b.len, b.len);
        if (r.is_error()) {
            delete[] b.data;
            return r.error();
        }
        if (r.value() == 0)
            return b;
        b.len += r.value();
    }
}

// The kernel address of user page va in pd, allocating and mapping it if absent.
uint8_t* user_page(uint32_t pd, uint32_t va, bool writable)
{
    uint32_t pa = mmu_lookup(pd, va);
    if (!pa) {
        pa = page_alloc();
        if (!pa)
            return nullptr;
        if (!mmu_map(pd, va, pa, writable)) {
            page_free(pa);
            return nullptr;
        }
    }
    return kaddr<uint8_t>(pa);
}

bool copy_to(uint32_t pd, uint32_t va, const void* src, uint32_t len, bool writable)
{
    auto* s = static_cast<const uint8_t*>(src);
    while (len > 0) {
        uint8_t* page = user_page(pd, mem::pgrounddown(va), writable);
        if (!page)
            return false;
        uint32_t off = va & (mem::BY2PG - 1);
        uint32_t n = min(len, mem::BY2PG - off);
        memcpy(page + off, s, n);
        va += n, s += n, len -= n;
    }
    return true;
}

// Map every page of the loads [first, last] (present from the start, bss tail included)
// and copy their file bytes in; the segment spans them all.
Segment load_segment(uint32_t pd, const ElfImage& img, int first, int last, const uint8_t* file, bool* ok)
{
    bool writable = img.load[first].writable;
    Segment s { mem::pgrounddown(img.load[first].vaddr), mem::pgroundup(img.load[last].vaddr + img.load[last].memsz), writable };
    for (int i = first; i <= last && *ok; i++) {
        const ElfLoad& l = img.load[i];
        for (uint32_t va = mem::pgrounddown(l.vaddr); va < l.vaddr + l.memsz && *ok; va += mem::BY2PG)
            *ok = user_page(pd, va, writable) != nullptr;
        if (*ok)
            *ok = copy_to(pd, l.vaddr, file + l.offset, l.filesz, writable);
    }
    return s;
}

// Lay out argc, argv and the strings under USTKTOP; returns the initial sp or 0.
uint32_t build_stack(uint32_t pd, const char* args, int argc, uint32_t argslen)
{
    uint32_t strings = (USTKTOP - argslen) & ~3u;
    uint32_t sp = (strings - (argc + 2) * 4) & ~15u;
    if (!copy_to(pd, strings, args, argslen, true))
        return 0;
    uint32_t words[MAXEXECARGS + 2];
    words[0] = argc;
    const char* a = args;
    for (int i = 0; i < argc; i++) {
        words[i + 1] = strings + (a - args);
        a += strlen(a) + 1;
    }
    words[argc + 1] = 0;
    return copy_to(pd, sp, words, (argc + 2) * 4, true) ? sp : 0;
}

const char* last_element(const char* path)
{
    const char* e = path;
    for (const char* p = path; *p; p++)
        if (*p == '/')
            e = p + 1;
    return e;
}

}  // namespace

Result<void> exec_image(Proc* p, const char* path, const char* args, int argc, uint32_t argslen)
{
    if (argc > MAXEXECARGS || argslen > MAXEXECARGLEN)
        return Etoobig;
    Chan* c = TRY(namec(proc_nameenv(p), path, Amode::Open, OEXEC));
    auto file = read_file(c);
    cclose(c);
    FileBuf f = TRY(file);
    ElfImage img;
    const char* err = elf_parse(f.data, f.len, UTZERO, USTKTOP - USTKSIZE, &img);
    uint32_t pd = err ? 0 : mmu_newpd();
    if (!err && !pd)
        err = Enovmem;
    Segment seg[NSEG];
    uint32_t sp = 0;
    if (!err) {
        bool ok = true;
        bool has_data = img.load[img.nload - 1].writable;
        int ntext = img.nload - (has_data ? 1 : 0);
        if (ntext > 0)
            seg[STEXT] = load_segment(pd, img, 0, ntext - 1, f.data, &ok);
        if (has_data)
            seg[SDATA] = load_segment(pd, img, ntext, ntext, f.data, &ok);
        uint32_t brk = seg[SDATA].top ? seg[SDATA].top : seg[STEXT].top;
        seg[SBSS] = Segment { brk, brk, true };
        seg[SSTACK] = Segment { USTKTOP - USTKSIZE, USTKTOP, true };
        if (ok)
            sp = build_stack(pd, args, argc, argslen);
        if (!sp) {
            mmu_freepd(pd);
            err = Enovmem;
        }
    }
    delete[] f.data;
    if (err)
        return err;

    uint32_t old = p->pd;
    p->pd = pd;
    if (p == up)
        mmu_switch(pd);
    if (old)
        mmu_freepd(old);
    for (int i = 0; i < NSEG; i++)
        p->seg[i] = seg[i];
    kstrcpy(p->text, last_element(path), KNAMELEN);
    p->notify = 0;  // the old handler's address means nothing in the new program
    p->notified = false;
    proc_setup_exec(p, img.entry, sp);
    return {};
}
