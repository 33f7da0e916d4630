// regexec: a Pike VM over the program of regcomp.h, and regsub, which uses its matches.
// Plan 9's machine: for each rune of the subject a list of threads, each an instruction
// and its captures, is run in order. A thread follows out pointers at once; the y of a
// Split is appended to the list being run, a consumed rune appends the next instruction
// to the next list. A thread reaching an instruction already listed is dropped unless it
// started earlier, when it takes the place over; that makes the match leftmost, and
// matching goes on while threads live to make it the longest. The order of the lists
// decides the submatches of ambiguous patterns, as in Plan 9's library. Plan 9 rechecks
// an instruction already run in this step; we rerun it only for a thread that started
// earlier (anything else could change nothing), so a step runs each instruction a
// bounded number of times and the cost is linear in the subject, never exponential.
#include "regcomp.h"

namespace {

// A thread list with an index from instruction to its latest entry.
struct List {
    int n;
    int max;  // entries allocated
    int* pc;  // the instruction of each entry
    const char** caps;  // ncap captures per entry; [0] is where the thread started
    uint gen;  // stamp[pc] == gen: where[pc] is valid for this list
    uint* stamp;
    int* where;
};

struct Vm {
    const Reprog* prog;
    const char* bol;  // where ^ matches: the start of the subject
    const char* eol;  // the end of the subject, or nil for its NUL
    int ncap;  // captures kept per thread: 2 per subexpression wanted, 0 included
    uint gen;
    List list[2];
    const char** work;  // the captures of the thread being run
    const char** best;  // the match so far, if matched
    bool matched;
    bool nomem;
};

bool at_end(const Vm* vm, const char* p) { return p == vm->eol || *p == 0; }

// Decodes the rune at p without reading past the end of the subject.
int decode(const Vm* vm, const char* p, Rune* r)
{
    if ((uchar)*p < Runeself) {
        *r = (uchar)*p;
        return 1;
    }
    if (vm->eol == nullptr || vm->eol - p >= UTFmax)
        return chartorune(r, p);
    char buf[UTFmax + 1] = {};
    memmove(buf, p, vm->eol - p);
    return chartorune(r, buf);
}

bool in_class(const Reprog* prog, const Reinst* i, Rune r)
{
    const Rune* s = prog->span + 2 * i->x;
    for (int k = 0; k < i->y; k++, s += 2)
        if (r >= s[0] && r <= s[1])
            return true;
    return false;
}

void clear(Vm* vm, List* l)
{
    l->n = 0;
    l->gen = ++vm->gen;
}

// Lists pc with captures cap in l, whose entries from `from` on have yet to run.
void add(Vm* vm, List* l, int pc, const char* const* cap, int from)
{
    usize size = vm->ncap * sizeof *cap;
    if (l->stamp[pc] == l->gen) {
        const char** old = l->caps + l->where[pc] * vm->ncap;
        bool earlier = cap[0] < old[0];
        if (earlier && l->where[pc] >= from)
            memmove(old, cap, size);
        if (!earlier || l->where[pc] >= from)
            return;
    }
    if (l->n == l->max) {
        int nmax = 2 * l->max;
        auto* npc = (int*)realloc(l->pc, nmax * sizeof(int));
        if (npc)
            l->pc = npc;
        auto* ncp = (const char**)realloc(l->caps, nmax * size);
        if (ncp)
            l->caps = ncp;
        if (npc == nullptr || ncp == nullptr) {
            vm->nomem = true;
            return;
        }
        l->max = nmax;
    }
    l->pc[l->n] = pc;
    memmove(l->caps + l->n * vm->ncap, cap, size);
    l->stamp[pc] = l->gen;
    l->where[pc] = l->n++;
}

// Whether the thread at instruction i moves past rune r.
bool consumes(const Reprog* prog, const Reinst* i, Rune r)
{
    switch (i->op) {
    case Op::Rune:
        return r == (Rune)i->x;
    case Op::Class:
        return in_class(prog, i, r);
    case Op::NClass:
        return !in_class(prog, i, r);
    case Op::Any:
        return r != '\n';
    case Op::AnyNL:
        return true;
    default:
        return false;
    }
}

// Where a match could next start, given that none is in progress: p itself, or a later
// position the program's first rune or ^ allows; nil if there is none.
const char* skip(const Vm* vm, const char* p)
{
    const Reprog* prog = vm->prog;
    if (prog->firstrune >= 0) {
        while (!at_end(vm, p) && *p != prog->firstrune)
            p++;
        return at_end(vm, p) ? nullptr : p;
    }
    if (prog->bolonly && p != vm->bol && p[-1] != '\n') {
        while (!at_end(vm, p) && *p != '\n')
            p++;
        return at_end(vm, p) ? nullptr : p + 1;
    }
    return p;
}

void record(Vm* vm, const char* p)
{
    const char** w = vm->work;
    if (!vm->matched || w[0] < vm->best[0] || (w[0] == vm->best[0] && p > vm->best[1])) {
        memmove(vm->best, w, vm->ncap * sizeof *w);
        vm->best[1] = p;
        vm->matched = true;
    }
}

// Runs thread t of clist at p, before rune r (none at the end of the subject).
void step(Vm* vm, List* clist, List* nlist, int t, const char* p, Rune r, bool end)
{
    memmove(vm->work, clist->caps + t * vm->ncap, vm->ncap * sizeof *vm->work);
    for (int pc = clist->pc[t];;) {
        const Reinst* i = &vm->prog->inst[pc];
        switch (i->op) {
        case Op::Split:
            add(vm, clist, i->y, vm->work, t);
            break;
        case Op::Save:
            if (i->x < vm->ncap)
                vm->work[i->x] = p;
            break;
        case Op::Bol:
            if (p != vm->bol && p[-1] != '\n')
                return;
            break;
        case Op::Eol:
            if (!at_end(vm, p) && *p != '\n')
                return;
            break;
        case Op::Match:
            record(vm, p);
            return;
        default:
            if (!end && consumes(vm->prog, i, r))
                add(vm, nlist, i->out, vm->work, 0);
            return;
        }
        pc = i->out;
    }
}

// Runs the machine from p; true if it matched (the match in vm->best). With anymatch
// the first match will do.
bool run(Vm* vm, const char* p, bool anymatch)
{
    List* clist = &vm->list[0];
    List* nlist = &vm->list[1];
    const char** cap = vm->best + vm->ncap;  // the new thread's captures
    clear(vm, clist);
    for (;;) {
        if (clist->n == 0 && (vm->matched || (p = skip(vm, p)) == nullptr))
            return vm->matched;
        // As in Plan 9's rregexec (sed's), a thread starts here even after a match: it
        // cannot win, but the place it takes in the list orders the submatches.
        for (int k = 0; k < vm->ncap; k++)
            cap[k] = nullptr;
        cap[0] = p;
        add(vm, clist, vm->prog->start, cap, 0);
        if (vm->nomem)
            return false;
        bool end = at_end(vm, p);
        Rune r = 0;
        int n = end ? 0 : decode(vm, p, &r);
        clear(vm, nlist);
        for (int t = 0; t < clist->n; t++) {
            step(vm, clist, nlist, t, p, r, end);
            if (vm->matched && anymatch)
                return true;
        }
        if (end)
            return vm->matched;
        List* l = clist;
        clist = nlist;
        nlist = l;
        p += n;
    }
}

}  // namespace

extern "C" {

int regexec(const Reprog* prog, const char* s, Resub* mp, int ms)
{
    if (mp == nullptr)
        ms = 0;
    Vm vm {};
    vm.prog = prog;
    vm.bol = s;
    const char* start = s;
    if (ms > 0) {
        if (mp[0].sp)
            start = mp[0].sp;
        vm.eol = mp[0].ep;
        for (int k = 0; k < ms; k++)
            mp[k] = Resub {nullptr, nullptr};
    }
    int nsub = ms < prog->nsub + 1 ? ms : prog->nsub + 1;
    vm.ncap = 2 * (nsub > 1 ? nsub : 1);
    int ni = prog->ninst;
    // One fixed block (both lists' indexes, the working, best and new captures) and the
    // lists themselves, which grow if threads that started earlier rerun instructions.
    usize fixed = 2 * ni * (sizeof(uint) + sizeof(int)) + 3 * vm.ncap * sizeof(char*);
    char* mem = (char*)malloc(fixed);
    bool ok = mem != nullptr;
    for (int k = 0; k < 2; k++) {
        List* l = &vm.list[k];
        l->max = ni + 1;
        l->pc = (int*)malloc(l->max * sizeof(int));
        l->caps = (const char**)malloc(l->max * vm.ncap * sizeof(char*));
        ok = ok && l->pc && l->caps;
    }
    if (ok) {
        vm.work = (const char**)mem;
        vm.best = vm.work + vm.ncap;  // and the new thread's captures after it
        for (int k = 0; k < 2; k++) {
            vm.list[k].stamp = (uint*)(vm.work + 3 * vm.ncap) + k * ni;
            vm.list[k].where = (int*)(vm.list[0].stamp + 2 * ni) + k * ni;
        }
        for (int k = 0; k < 2 * ni; k++)
            vm.list[0].stamp[k] = 0;
        ok = run(&vm, start, ms == 0);
    }
    vm.nomem |= mem == nullptr || vm.list[0].caps == nullptr || vm.list[1].caps == nullptr
        || vm.list[0].pc == nullptr || vm.list[1].pc == nullptr;
    if (vm.nomem) {
        werrstr("out of memory");
        ok = false;
    }
    if (ok)
        for (int k = 0; k < nsub; k++)
            if (vm.best[2 * k] && vm.best[2 * k + 1])
                mp[k] = Resub {vm.best[2 * k], vm.best[2 * k + 1]};
    free(mem);
    for (int k = 0; k < 2; k++) {
        free(vm.list[k].pc);
        free(vm.list[k].caps);
    }
    return vm.nomem ? -1 : ok;
}

void regsub(const char* src, char* dst, int dlen, const Resub* mp, int ms)
{
    if (dlen <= 0)
        return;
    char* e = dst + dlen - 1;
    auto put = [&](const char* from, const char* to) {
        while (from < to && dst < e)
            *dst++ = *from++;
    };
    for (; *src; src++) {
        int k = -1;
        if (*src == '&') {
            k = 0;
        } else if (*src == '\\' && src[1] >= '0' && src[1] <= '9') {
            k = *++src - '0';
        } else if (*src == '\\') {
            if (*++src == 0)
                break;  // a trailing backslash stands for nothing
        }
        if (k < 0)
            put(src, src + 1);
        else if (mp && k < ms && mp[k].sp)
            put(mp[k].sp, mp[k].ep);
    }
    *dst = 0;
}

}  // extern "C"
