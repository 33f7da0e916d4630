#!/usr/bin/env python3
"""rc: a loop of 10,000 iterations of builtins and 500 runs of `echo x | cat`, timed under
our rc inside Myrmex (qemu-system-i386 -accel tcg) and under Plan 9's rc (9base) on the
host, printed as ratios (Myrmex time / host time; above 1 is slower). A benchmark, not a
test: it never fails on speed, only when a script does not run.

    test/bench/rc.py [-n RUNS] [--kernel build/myrmex]
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "qemu"))
sys.dont_write_bytecode = True
from vm import Vm  # noqa: E402

HOST_RC = "/usr/lib/plan9/bin/rc"
DIGITS = "(0 1 2 3 4 5 6 7 8 9)"

# name: script. Both build their iteration lists from nested loops, so neither forks
# anything but what is measured.
SCRIPTS = {
    "builtins x10000": (
        f"d={DIGITS}; for(a in $d) for(b in $d) for(c in $d) for(e in $d) "
        "{x=$a^$b^$c^$e; ~ $x *5 && y=$x; if(~ $a 9) z=$#d}"),
    "echo|cat x500": (
        f"d={DIGITS}; for(a in 0 1 2 3 4) for(b in $d) for(c in $d) echo x | cat >/dev/null"),
}
TIME = re.compile(r"\b\d+\s+(\d+)\s+\d+\s+\d+")  # /dev/time: sec nsec ticks hz, no newline
RUN_TIMEOUT = 600


def quote(s):
    return "'" + s.replace("'", "''") + "'"


def host_seconds(script):
    env = dict(os.environ, PATH="/usr/lib/plan9/bin:/usr/bin:/bin")
    start = time.perf_counter()
    subprocess.run(["rc", "-c", script], env=env, check=True, executable=HOST_RC,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def guest_seconds(vm, script):
    out = vm.cmd(f"cat /dev/time; rc -c {quote(script)}; cat /dev/time", timeout=RUN_TIMEOUT)
    stamps = [int(m) for m in TIME.findall(out)]
    if len(stamps) != 2:
        raise SystemExit(f"rc.py: the guest printed no timing:\n{out}")
    return (stamps[1] - stamps[0]) / 1e9


def main():
    build = os.environ.get("MYRMEX_BUILD", os.path.join(HERE, "..", "..", "build"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--runs", type=int, default=3, help="runs of each script on each side")
    ap.add_argument("--kernel", default=os.path.join(build, "myrmex"))
    args = ap.parse_args()
    runs = max(args.runs, 1)
    if not os.path.exists(HOST_RC):
        raise SystemExit("rc.py: 9base's rc is missing (run scripts/setup)")

    host = {name: statistics.median(host_seconds(s) for _ in range(runs))
            for name, s in SCRIPTS.items()}
    guest = {}
    with Vm(kernel=args.kernel) as vm:
        vm.prompt()
        for name, s in SCRIPTS.items():
            guest[name] = statistics.median(guest_seconds(vm, s) for _ in range(runs))

    print(f"rc scripts, {runs} runs, medians: Myrmex under TCG vs Plan 9's rc (9base) on the host")
    print(f"{'script':18} {'Myrmex s':>10} {'host s':>10} {'ratio':>9}")
    for name in SCRIPTS:
        print(f"{name:18} {guest[name]:10.3f} {host[name]:10.3f} {guest[name] / host[name]:9.2f}")


if __name__ == "__main__":
    main()
