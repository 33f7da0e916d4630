// Boot configuration (see conf.h). Keys starting with '*' are for the kernel itself, as
// in Plan 9's plan9.ini; they are parsed like the rest.
#include "port/conf.h"
#include "port/lib.h"

namespace {
Conf conf;
uint64_t memory_bytes;
uint32_t kernel_pages;
}

void conf_init(const char* cmdline, uint32_t len)
{
    if (const char* err = conf.parse(cmdline, len))
        print("boot configuration: %s\n", err);
}

Conf& bootconf() { return conf; }

const char* conf_hostowner()
{
    const char* u = conf.get("user");
    return u && *u ? u : "glenda";
}

const char* conf_sysname()
{
    const char* s = conf.get("sysname");
    return s && *s ? s : "myrmex";
}

uint64_t conf_memory_bytes() { return memory_bytes; }
uint32_t conf_kernel_pages() { return kernel_pages; }

void conf_set_memory(uint64_t bytes, uint32_t kpages)
{
    memory_bytes = bytes;
    kernel_pages = kpages;
}
