// The contract between port/ and the machine layer (pc/): everything port code may call
// on the hardware. pc/ implements it; port/ never includes pc/ files, only the machine
// headers mem.h and ureg.h that every architecture provides.
#pragma once
#include <cstdint>

struct Proc;
struct Ureg;

// Interrupt priority: splhi masks interrupts and returns the previous state.
int splhi();
int spllo();
void splx(int s);
bool islo();

[[noreturn]] void halt_forever();  // stop this CPU for good (after a panic)
void idle_wait();  // wait for the next interrupt with interrupts on

// Consoles: output goes to every console device; input arrives through cons_input().
void console_write(const char* s, int n);
void cons_input(int c);  // called at interrupt level by uart and keyboard drivers

// Clock
inline constexpr int HZ = 100;
uint64_t ticks();  // clock interrupts since boot
uint64_t ms_since_boot();
uint64_t ns_since_boot();
void time_set(uint64_t epoch_secs);  // the wall clock now reads epoch_secs
uint64_t time_ns();  // nanoseconds since the epoch

// Address spaces. A page directory is named by its physical address.
uint32_t mmu_newpd();  // 0 if out of memory
void mmu_freepd(uint32_t pd);  // frees the directory and its user page tables
void mmu_switch(uint32_t pd);
bool mmu_map(uint32_t pd, uint32_t va, uint32_t pa, bool writable);  // false if out of memory
void mmu_map_noflush(uint32_t pd, uint32_t va, uint32_t pa, bool writable);  // va is mapped already
uint32_t mmu_lookup(uint32_t pd, uint32_t va);  // physical page mapped at va, or 0
// The first page from the page-aligned va up to end that is not mapped (or, with write,
// not writable), or end if there is none.
uint32_t mmu_unmapped(uint32_t pd, uint32_t va, uint32_t end, bool write);
void mmu_unmap(uint32_t pd, uint32_t va);  // forgets the mapping at va, if any
void mmu_flush();  // forget every user translation of the current address space

// Processes: the machine part of creating and running one.
void proc_setup_kernel(Proc* p, void (*fn)(void*), void* arg);  // first run calls fn(arg)
void proc_setup_fork(Proc* child, Proc* parent);  // child returns 0 from the parent's system call
void proc_setup_exec(Proc* p, uint32_t entry, uint32_t sp);  // reset the user registers
void proc_switch(Proc* from, Proc* to);  // save from, resume to (address space, TSS, stack)
void proc_release_machine(Proc* p);
bool notify_user(Proc* p, const char* note);  // start p's note handler; false if it cannot  // forget machine state of an exiting process (FPU owner)

// Power
[[noreturn]] void arch_reboot();
[[noreturn]] void arch_halt();  // power off (or stop the CPU if we cannot)

// CPU description for #P/cputype and the boot summary
const char* cpu_name();
unsigned cpu_mhz();
