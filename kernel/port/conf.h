// The kernel's boot configuration: the plan9.ini-style pairs from the boot loader's
// command line (served as #ec), plus what the kernel learned about the machine.
#pragma once
#include <cstdint>
#include "lib9/conf.h"

void conf_init(const char* cmdline, uint32_t len);
Conf& bootconf();
const char* conf_hostowner();  // `user=`, default glenda
const char* conf_sysname();  // `sysname=`, default myrmex
uint64_t conf_memory_bytes();
uint32_t conf_kernel_pages();
void conf_set_memory(uint64_t bytes, uint32_t kernel_pages);
