#!/usr/bin/env python3
"""Myrmex runs on every i686 (Pentium Pro and later): no instruction in the kernel or in
a user program may need a newer CPU. Disassembles each file given and fails, naming the
instruction, on any MMX/SSE/AVX register or any instruction introduced after the P6.
The -cpu pentium2 boot test shows the same at run time for the code paths it runs.

    check_i686.py FILE...
"""

import re
import subprocess
import sys

VECTOR_REG = re.compile(r"%(x|y|z)mm\d+|%mm\d\b")
# Instructions the P6 family lacks (SSE and later, and newer integer extensions).
NEWER = {
    "movbe", "popcnt", "lzcnt", "tzcnt", "crc32", "rdrand", "rdseed", "rdtscp", "rdpid",
    "xgetbv", "xsetbv", "xsave", "xrstor", "xsaveopt", "sfence", "lfence", "mfence",
    "clflush", "clflushopt", "movnti", "prefetchnta", "prefetcht0", "prefetcht1",
    "prefetcht2", "prefetchw", "monitor", "mwait", "andn", "bextr", "blsi", "blsmsk",
    "blsr", "bzhi", "pdep", "pext", "rorx", "sarx", "shlx", "shrx", "adcx", "adox",
    "cmpxchg16b", "fisttp", "fisttpl", "fisttpll", "fisttps",
}


def check(path):
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", path],
                         capture_output=True, text=True, check=True).stdout
    bad = []
    for line in out.splitlines():
        m = re.match(r"\s*([0-9a-f]+):\s+(\S+)(.*)", line)
        if not m:
            continue
        addr, mnemonic, operands = m.groups()
        if mnemonic in NEWER or VECTOR_REG.search(operands):
            bad.append(f"{path}: {addr}: {mnemonic}{operands}")
    return bad


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    bad = []
    for path in sys.argv[1:]:
        bad += check(path)
    for b in bad:
        print(b)
    print(f"check_i686: {len(sys.argv) - 1} files, {len(bad)} instructions newer than i686")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
