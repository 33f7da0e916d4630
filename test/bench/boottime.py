#!/usr/bin/env python3
"""Boot time: wall time from QEMU's start to the first "% " prompt on the console, for
Myrmex and for the empty kernel (the floor: what QEMU itself costs), booted alternately
in the same run. Prints the runs, median and min of each, their ratio and difference.
A benchmark, not a test: it never fails on speed.

    test/bench/boottime.py [-n RUNS] [--kernel build/myrmex] [--floor build/emptykernel]
"""

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "qemu"))
sys.dont_write_bytecode = True
from vm import Vm  # noqa: E402

GOAL_MS = 300


def boot_ms(kernel):
    with Vm(kernel=kernel) as vm:
        vm.expect(r"% ", timeout=60)
        return (time.monotonic() - vm.t_start) * 1000


def main():
    build = os.environ.get("MYRMEX_BUILD", os.path.join(HERE, "..", "..", "build"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--runs", type=int, default=7, help="boots of each kernel (at least 5)")
    ap.add_argument("--kernel", default=os.path.join(build, "myrmex"))
    ap.add_argument("--floor", default=os.path.join(build, "emptykernel"))
    args = ap.parse_args()
    runs = max(args.runs, 5)

    kernels = {"myrmex": args.kernel, "floor": args.floor}
    times = {k: [] for k in kernels}
    for path in kernels.values():               # warm the host's caches; not counted
        boot_ms(path)
    for _ in range(runs):
        for name, path in kernels.items():     # alternate, so both see the same machine load
            times[name].append(boot_ms(path))

    print(f"boot to first prompt, {runs} runs each, ms (qemu-system-i386 -accel tcg)")
    print(f"{'kernel':8} {'median':>7} {'min':>7}   runs")
    med = {}
    for name, ts in times.items():
        med[name] = statistics.median(ts)
        print(f"{name:8} {med[name]:7.0f} {min(ts):7.0f}   " + " ".join(f"{t:.0f}" for t in ts))
    print(f"median ratio myrmex/floor: {med['myrmex'] / med['floor']:.2f}")
    print(f"myrmex - floor (medians): {med['myrmex'] - med['floor']:.0f} ms")
    verdict = "met" if med["myrmex"] <= GOAL_MS else "not met"
    print(f"goal: prompt within {GOAL_MS} ms of QEMU start: {verdict} (median {med['myrmex']:.0f} ms)")


if __name__ == "__main__":
    main()
