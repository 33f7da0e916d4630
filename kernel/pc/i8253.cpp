// The 8253/8254 interval timer drives the clock at HZ; the TSC, calibrated against
// the timer's channel 2 at boot, gives finer time and the CPU's speed.
#include "io.h"
#include "pc/pc.h"
#include "port/portfns.h"
#include "port/proc.h"

namespace {
constexpr uint32_t PIT_HZ = 1193182;
volatile uint64_t nticks;
uint64_t tsc_boot;
uint64_t tsc_per_ms;
unsigned mhz;

// TSC cycles while channel 2 counts down 5 ms.
uint64_t tsc_in_5ms()
{
    constexpr uint32_t count = PIT_HZ / 200;
    outb(0x61, (inb(0x61) & ~0x02) | 0x01);  // gate on, speaker off
    outb(0x43, 0xB0);  // channel 2, lobyte/hibyte, mode 0
    outb(0x42, count & 0xFF);
    outb(0x42, count >> 8);
    uint64_t t0 = rdtsc();
    while (!(inb(0x61) & 0x20))
        ;
    return rdtsc() - t0;
}

// The fewest cycles of three countdowns: a CPU that is itself emulated may be held off
// past the end of one (on a loaded host), which only ever adds cycles, and a clock
// calibrated on that would run slow.
void calibrate_tsc()
{
    uint64_t cycles = tsc_in_5ms();
    for (int i = 0; i < 2; i++) {
        uint64_t c = tsc_in_5ms();
        if (c < cycles)
            cycles = c;
    }
    tsc_per_ms = cycles / 5 ? cycles / 5 : 1;
    mhz = static_cast<unsigned>((cycles * 200 + 500000) / 1000000);
}
}  // namespace

void i8253_init()
{
    calibrate_tsc();
    tsc_boot = rdtsc();
    uint32_t div = PIT_HZ / HZ;
    outb(0x43, 0x34);  // channel 0, lobyte/hibyte, rate generator
    outb(0x40, div & 0xFF);
    outb(0x40, div >> 8);
    i8259_enable(0);
}

void clock_interrupt(bool from_user)
{
    nticks = nticks + 1;
    timer_tick();
    alarm_tick();
    sched_tick(from_user);
}

uint64_t ticks() { return nticks; }
uint64_t ms_since_boot() { return (rdtsc() - tsc_boot) / tsc_per_ms; }
uint64_t ns_since_boot() { return (rdtsc() - tsc_boot) * 1000000 / tsc_per_ms; }

namespace {
int64_t epoch_offset_ns;  // wall clock minus time since boot
}

namespace {
uint32_t boot_epoch;
}

uint32_t boot_seconds()
{
    return boot_epoch;
}

void time_set(uint64_t epoch_secs)
{
    if (!boot_epoch)
        boot_epoch = static_cast<uint32_t>(epoch_secs - ns_since_boot() / 1000000000);
    epoch_offset_ns = static_cast<int64_t>(epoch_secs * 1000000000ull) - static_cast<int64_t>(ns_since_boot());
}

uint64_t time_ns()
{
    return static_cast<uint64_t>(epoch_offset_ns + static_cast<int64_t>(ns_since_boot()));
}
unsigned cpu_mhz() { return mhz; }
