#!/usr/bin/env python3
"""System calls and pipes: boots the test kernel, runs /boot/tests/bench (test/qemu/progs/
bench.cpp) several times in the same boot and prints, for each measurement, the median of
its value and of its ratio to the reference the guest measured beside it, with the ratio's
spread. A benchmark, not a test: it never fails on speed, only when the guest program does.

    test/bench/syscalls.py [-n RUNS] [--kernel build/myrmex-test]
"""

import argparse
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "qemu"))
sys.dont_write_bytecode = True
from vm import Vm  # noqa: E402

# One result line of bench: name value unit ratio reference.
ROW = re.compile(r"^(\S+) (\d+\.\d+) (\S+) (\d+\.\d+) (\S+)$")
RUN_TIMEOUT = 300  # seconds: each measurement takes about a second under TCG


def run_once(vm):
    out = vm.cmd("/boot/tests/bench", timeout=RUN_TIMEOUT)
    rows = []
    for line in out.splitlines():
        m = ROW.match(line.strip())
        if m:
            rows.append((m[1], float(m[2]), m[3], float(m[4]), m[5]))
    if not rows:
        raise SystemExit(f"syscalls.py: /boot/tests/bench printed no results:\n{out}")
    return rows


def main():
    build = os.environ.get("MYRMEX_BUILD", os.path.join(HERE, "..", "..", "build"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--runs", type=int, default=3, help="runs of the guest program")
    ap.add_argument("--kernel", default=os.path.join(build, "myrmex-test"))
    args = ap.parse_args()
    runs = max(args.runs, 1)

    results = {}  # name -> (unit, reference, [values], [ratios]), in the guest's order
    with Vm(kernel=args.kernel) as vm:
        vm.prompt()
        for _ in range(runs):
            for name, value, unit, ratio, ref in run_once(vm):
                r = results.setdefault(name, (unit, ref, [], []))
                r[2].append(value)
                r[3].append(ratio)

    print(f"system calls, pipes, 9P and hubfs in the guest, {runs} runs, medians (qemu-system-i386 -accel tcg)")
    print(f"{'name':14} {'value':>10} {'unit':8} {'ratio':>9}  {'vs':13} ratio range")
    for name, (unit, ref, values, ratios) in results.items():
        print(f"{name:14} {statistics.median(values):10.2f} {unit:8} {statistics.median(ratios):9.2f}  "
              f"{ref:13} {min(ratios):.2f}-{max(ratios):.2f}")


if __name__ == "__main__":
    main()
