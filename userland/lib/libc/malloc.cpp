// The heap: first fit over an address-ordered free list, carved from memory that sbrk
// adds to the end of the data segment; freed blocks merge with free neighbours, and the
// heap never shrinks. Each block starts with a header whose `next` holds Magic while the
// block is allocated, so freeing a bad or already free pointer is caught. One lock
// guards the free list for processes that share memory (rfork RFMEM); it is taken
// before sbrk's.
#include "libc.h"

namespace {

struct Block {
    usize size;  // bytes, header included; a multiple of sizeof(Block)
    Block* next;  // next free block by address, or Magic
};

constexpr usize Unit = sizeof(Block);  // also the alignment of every allocation
Block* const Magic = (Block*)(uintptr)0xA110CA7Eu;
constexpr usize Grow = 64 * 1024;  // least the heap grows by, to keep brk calls rare

Lock heaplock;
Block* freelist;

[[noreturn]] void corrupt(const char* what)
{
    write(2, what, strlen(what));
    abort();
}

// Puts b on the free list, merging it with the free blocks that touch it. The caller
// holds heaplock (as for take and grow).
void insert(Block* b)
{
    Block* prev = nullptr;
    Block* next = freelist;
    while (next != nullptr && next < b) {
        prev = next;
        next = next->next;
    }
    if ((prev != nullptr && (char*)prev + prev->size > (char*)b)
        || (next != nullptr && (char*)b + b->size > (char*)next))
        corrupt("free: block overlaps the free list\n");
    if (next != nullptr && (char*)b + b->size == (char*)next) {
        b->size += next->size;
        next = next->next;
    }
    b->next = next;
    if (prev == nullptr) {
        freelist = b;
    } else if ((char*)prev + prev->size == (char*)b) {
        prev->size += b->size;
        prev->next = b->next;
    } else {
        prev->next = b;
    }
}

Block* take(usize need)
{
    for (Block** pp = &freelist; *pp != nullptr; pp = &(*pp)->next) {
        Block* b = *pp;
        if (b->size < need)
            continue;
        if (b->size - need >= 2 * Unit) {
            auto* rest = (Block*)((char*)b + need);
            rest->size = b->size - need;
            rest->next = b->next;
            *pp = rest;
            b->size = need;
        } else {
            *pp = b->next;
        }
        b->next = Magic;
        return b;
    }
    return nullptr;
}

// Adds at least need bytes from sbrk to the free list; false if the break cannot move.
bool grow(usize need)
{
    usize n = need > Grow ? need : Grow;
    void* p = sbrk(n);
    if (p == (void*)-1) {
        n = need;
        p = sbrk(n);
        if (p == (void*)-1)
            return false;
    }
    auto* b = (Block*)p;
    b->size = n;
    insert(b);
    return true;
}

}  // namespace

extern "C" {

void* malloc(usize n)
{
    if (n > ~(usize)0 / 2)
        return nullptr;
    usize need = (n + 2 * Unit - 1) / Unit * Unit;  // header plus n, rounded up
    lock(&heaplock);
    Block* b = take(need);
    if (b == nullptr && grow(need))
        b = take(need);
    unlock(&heaplock);
    return b ? b + 1 : nullptr;
}

void free(void* p)
{
    if (p == nullptr)
        return;
    Block* b = (Block*)p - 1;
    lock(&heaplock);  // before the check, so that two processes freeing one block are caught
    if (b->next != Magic || b->size < Unit || b->size % Unit != 0)
        corrupt("free: bad pointer or block freed twice\n");
    insert(b);
    unlock(&heaplock);
}

void* realloc(void* p, usize n)
{
    if (p == nullptr)
        return malloc(n);
    if (n == 0) {
        free(p);
        return nullptr;
    }
    Block* b = (Block*)p - 1;
    if (b->next != Magic)
        corrupt("realloc: bad pointer\n");
    usize have = b->size - Unit;
    if (n <= have)
        return p;
    void* q = malloc(n);
    if (q == nullptr)
        return nullptr;
    memmove(q, p, have);
    free(p);
    return q;
}

void* mallocz(usize n, int clr)
{
    void* p = malloc(n);
    if (p != nullptr && clr)
        memset(p, 0, n);
    return p;
}

void* calloc(usize n, usize size)
{
    if (size != 0 && n > ~(usize)0 / size)
        return nullptr;
    return mallocz(n * size, 1);
}

}  // extern "C"
