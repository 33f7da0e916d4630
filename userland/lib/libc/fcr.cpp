// The floating-point control register (Plan 9's getfcr/setfcr) on the x87. Plan 9's
// exception bits mean "trap enabled" where the x87's mean "masked", so those six bits are
// inverted on the way in and out; the precision and rounding fields pass through as the
// x87 lays them out (FPPDBL and friends in libc.h). A program that wants doubles rounded
// as on machines without extended precision (seq, to match other systems' sequences)
// sets the precision to FPPDBL.
#include "libc.h"

namespace {

constexpr ulong Trapbits = 0x3F;

}  // namespace

extern "C" {

ulong getfcr()
{
    ushort cw;
    asm volatile("fnstcw %0" : "=m"(cw));
    return cw ^ Trapbits;
}

void setfcr(ulong fcr)
{
    ushort cw = (fcr ^ Trapbits) & 0xFFFF;
    asm volatile("fldcw %0" : : "m"(cw));
}

}  // extern "C"
