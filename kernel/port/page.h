// Physical page frames. Free frames form a stack threaded through the frames themselves
// (reached by the direct map), so allocation and release are O(1). Frames in use carry a
// reference count: after a copy-on-write fork, parent and child map the same frame.
#pragma once
#include <cstdint>

void page_init(uint32_t maxpa);  // before any donation: room for counts up to maxpa
void page_add_range(uint32_t pa, uint32_t end);  // donate [pa, end) (page-rounded inward)
uint32_t page_alloc();  // a zeroed frame's physical address with one reference, 0 if none
void page_ref(uint32_t pa);  // one more mapping of the frame
void page_free(uint32_t pa);  // drop a reference; the last one frees the frame
uint32_t page_refs(uint32_t pa);
uint32_t page_free_count();
uint32_t page_total_count();
