// The bootpaq as seen by the rest of the kernel.
#pragma once
#include <cstdint>

const char* bootpaq_open(const uint8_t* p, uint32_t len);  // validate and serve at /boot; nullptr or why not
