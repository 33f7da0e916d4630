// Machine memory layout for the pc kernel.
// Physical memory [0, DIRECTMAX) is mapped at KZERO with 4 MiB pages (PSE, present on
// every i686); [VMAPBASE, 4 GiB) is left for device windows. Users own [0, KZERO).
#pragma once
#include <cstdint>

namespace mem {

inline constexpr uint32_t KZERO = 0xC0000000u;
inline constexpr uint32_t KTZERO = KZERO + 0x100000u;  // kernel text, loaded at 1 MiB physical
inline constexpr uint32_t DIRECTMAX = 0x30000000u;  // physical bytes reachable through KZERO (768 MiB)
inline constexpr uint32_t VMAPBASE = KZERO + DIRECTMAX;  // 0xF0000000: device mappings
inline constexpr uint32_t BY2PG = 4096;
inline constexpr uint32_t PGSHIFT = 12;
inline constexpr uint32_t BY2BIGPG = 4u << 20;
inline constexpr uint32_t KSTACK = 16 * 1024;  // kernel stack per process

inline constexpr uint32_t pgroundup(uint32_t x) { return (x + BY2PG - 1) & ~(BY2PG - 1); }
inline constexpr uint32_t pgrounddown(uint32_t x) { return x & ~(BY2PG - 1); }

// Segment selectors (GDT layout is fixed in gdt.cpp)
inline constexpr uint16_t KESEL = 0x08, KDSEL = 0x10, UESEL = 0x18 | 3, UDSEL = 0x20 | 3, TSSSEL = 0x28;

}  // namespace mem

template <typename T = void>
inline T* kaddr(uint32_t pa) { return reinterpret_cast<T*>(pa + mem::KZERO); }
inline uint32_t paddr(const void* va) { return reinterpret_cast<uint32_t>(va) - mem::KZERO; }
