// The kernel heap behind operator new/delete (see alloc.cpp).
#pragma once
#include <cstdint>

void heap_init(uint32_t pa, uint32_t len);  // the contiguous region reserved at boot
uint32_t heap_bytes_in_use();
uint32_t heap_bytes_total();
void run_constructors();  // C++ static constructors (.init_array)
