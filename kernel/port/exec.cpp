// exec: read the program file, check its ELF headers, build new segments beside the old
// ones (text and data copied into their frames, bss and stack zero-filled on demand, the
// arguments written at the top of the stack), and only then switch to them and drop the
// old ones, so a failed exec leaves the caller intact. Pages are mapped on first touch.
// A file starting "#!" is a script: its interpreter is run instead, with the script's path.
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

// The kernel address of the page at va in segment s, giving it a frame if it has none.
uint8_t* seg_page(Segment* s, uint32_t va)
{
    uint32_t* slot = seg_slot(s, va, true);
    if (!slot)
        return nullptr;
    if (!*slot && !(*slot = page_alloc()))
        return nullptr;
    return kaddr<uint8_t>(*slot);
}

bool copy_to(Segment* s, uint32_t va, const void* src, uint32_t len)
{
    auto* from = static_cast<const uint8_t*>(src);
    while (len > 0) {
        uint8_t* page = seg_page(s, mem::pgrounddown(va));
        if (!page)
            return false;
        uint32_t off = va & (mem::BY2PG - 1);
        uint32_t n = min(len, mem::BY2PG - off);
        memcpy(page + off, from, n);
        va += n, from += n, len -= n;
    }
    return true;
}

// A segment spanning the loads [first, last], holding their file bytes; its other pages
// (the bss tail in the last one's pages included) are zero when first touched.
Segment* load_segment(const ElfImage& img, int first, int last, const uint8_t* file)
{
    bool writable = img.load[first].writable;
    uint32_t base = mem::pgrounddown(img.load[first].vaddr);
    uint32_t top = mem::pgroundup(img.load[last].vaddr + img.load[last].memsz);
    Segment* s = seg_new(writable ? SegKind::Data : SegKind::Text, base, top, top, writable);
    for (int i = first; i <= last && s; i++) {
        const ElfLoad& l = img.load[i];
        if (!copy_to(s, l.vaddr, file + l.offset, l.filesz)) {
            seg_release(s);
            s = nullptr;
        }
    }
    return s;
}

// Lay out argc, argv and the strings under USTKTOP; returns the initial sp or 0.
uint32_t build_stack(Segment* stack, const char* args, int argc, uint32_t argslen)
{
    uint32_t strings = (USTKTOP - argslen) & ~3u;
    uint32_t sp = (strings - (argc + 2) * 4) & ~15u;
    if (!copy_to(stack, strings, args, argslen))
        return 0;
    uint32_t words[MAXEXECARGS + 2];
    words[0] = argc;
    const char* a = args;
    for (int i = 0; i < argc; i++) {
        words[i + 1] = strings + (a - args);
        a += strlen(a) + 1;
    }
    words[argc + 1] = 0;
    return copy_to(stack, sp, words, (argc + 2) * 4) ? sp : 0;
}

const char* last_element(const char* path)
{
    const char* e = path;
    for (const char* p = path; *p; p++)
        if (*p == '/')
            e = p + 1;
    return e;
}

constexpr uint32_t MAXSCRIPTLINE = 256;  // of a script's #! line, as Plan 9

bool is_script(const FileBuf& f)
{
    return f.len >= 2 && f.data[0] == '#' && f.data[1] == '!';
}

// The arguments for a script's interpreter: the words of its "#!interp [arg ...]" line,
// then the script's path, then the arguments after argv[0] (Plan 9's shargs). Returns
// the packed strings (to delete[]) with their count and length, or an error.
struct Packed {
    char* args;
    int argc;
    uint32_t len;
};

Result<Packed> script_args(const FileBuf& f, const char* path, const char* args, int argc, uint32_t argslen)
{
    uint32_t end = 2;
    while (end < f.len && end < MAXSCRIPTLINE && f.data[end] != '\n')
        end++;
    if (end == f.len || f.data[end] != '\n')
        return Ebadexec;
    uint32_t first = strlen(args) + 1;  // argv[0], replaced by the path
    auto* out = new char[end + strlen(path) + 1 + (argslen - first)];
    if (!out)
        return Enomem;
    Packed pk { out, 0, 0 };
    char* o = out;
    for (uint32_t i = 2; i < end;) {
        while (i < end && (f.data[i] == ' ' || f.data[i] == '\t' || f.data[i] == '\r'))
            i++;
        if (i == end)
            break;
        while (i < end && f.data[i] != ' ' && f.data[i] != '\t' && f.data[i] != '\r')
            *o++ = f.data[i++];
        *o++ = 0;
        pk.argc++;
    }
    if (pk.argc == 0) {
        delete[] out;
        return Ebadexec;
    }
    o = strecpy(o, o + strlen(path) + 1, path) + 1;
    memcpy(o, args + first, argslen - first);
    o += argslen - first;
    pk.argc += argc;  // the path, and argv[1..]
    pk.len = o - out;
    return pk;
}

Result<void> exec_file(Proc* p, const char* path, const char* args, int argc, uint32_t argslen, bool script_ok);

Result<void> exec_script(Proc* p, const FileBuf& f, const char* path, const char* args, int argc, uint32_t argslen)
{
    Packed pk = TRY(script_args(f, path, args, argc, argslen));
    auto r = exec_file(p, pk.args, pk.args, pk.argc, pk.len, false);
    delete[] pk.args;
    return r;
}

Result<void> exec_file(Proc* p, const char* path, const char* args, int argc, uint32_t argslen, bool script_ok)
{
    if (argc > MAXEXECARGS || argslen > MAXEXECARGLEN)
        return Etoobig;
    Chan* c = TRY(namec(proc_nameenv(p), path, Amode::Open, OEXEC));
    auto file = read_file(c);
    cclose(c);
    FileBuf f = TRY(file);
    if (is_script(f)) {
        auto r = script_ok ? exec_script(p, f, path, args, argc, argslen) : Result<void>(Ebadexec);
        delete[] f.data;
        return r;
    }
    ElfImage img;
    const char* err = elf_parse(f.data, f.len, UTZERO, USTKTOP - USTKSIZE, &img);
    uint32_t pd = err ? 0 : mmu_newpd();
    if (!err && !pd)
        err = Enovmem;
    Segment* seg[NSEG] = {};
    uint32_t sp = 0;
    if (!err) {
        bool has_data = img.load[img.nload - 1].writable;
        int ntext = img.nload - (has_data ? 1 : 0);
        seg[STEXT] = load_segment(img, 0, ntext - 1, f.data);
        if (has_data)
            seg[SDATA] = load_segment(img, ntext, ntext, f.data);
        uint32_t brk = seg[SDATA] ? seg[SDATA]->top : seg[STEXT] ? seg[STEXT]->top : 0;
        seg[SBSS] = seg_new(SegKind::Bss, brk, brk, USTKTOP - USTKSIZE, true);
        seg[SSTACK] = seg_new(SegKind::Stack, USTKTOP - USTKSIZE, USTKTOP, USTKTOP, true);
        bool ok = seg[STEXT] && (seg[SDATA] || !has_data) && seg[SBSS] && seg[SSTACK];
        if (ok)
            sp = build_stack(seg[SSTACK], args, argc, argslen);
        if (!sp) {
            for (Segment* s : seg)
                if (s)
                    seg_release(s);
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
    seg_free_all(p);
    for (int i = 0; i < NSEG; i++)
        p->seg[i] = seg[i];
    kstrcpy(p->text, last_element(path), KNAMELEN);
    p->notify = 0;  // the old handler's address means nothing in the new program
    p->notified = false;
    proc_setup_exec(p, img.entry, sp);
    return {};
}

}  // namespace

Result<void> exec_image(Proc* p, const char* path, const char* args, int argc, uint32_t argslen)
{
    return exec_file(p, path, args, argc, argslen, true);
}
