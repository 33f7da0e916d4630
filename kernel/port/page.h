// Physical page frames. Free frames form a stack threaded through the frames themselves
// (reached by the direct map), so allocation and release are O(1).
#pragma once
#include <cstdint>

void page_add_range(uint32_t pa, uint32_t end);  // donate [pa, end) (page-rounded inward)
uint32_t page_alloc();  // a zeroed frame's physical address, 0 if none
void page_free(uint32_t pa);
uint32_t page_free_count();
uint32_t page_total_count();
