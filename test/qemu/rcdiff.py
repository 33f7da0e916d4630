#!/usr/bin/env python3
"""The rc differential corpus, host side: each test/rc/NAME.rc run under Plan 9's rc from
9base (the reference), the parsing of what test/rc/rcdiff prints inside Myrmex, and the
comparison of the two. test_rcdiff.py uses it; by hand:

    test/qemu/rcdiff.py stable          # every script twice, same bytes? (ctest rc.stable)
    test/qemu/rcdiff.py show NAME...    # a script's reference stdout, stderr and exit

A script runs as `rc -c 'fn sigexit {...}; . ../NAME.rc'` in an empty directory run_NAME
beside its copy NAME.rc, stdin /dev/null, environment PATH alone. rc's argv[0] is "rc", as
in Myrmex, because Plan 9's rc names itself in its messages ("rc: ..." only for rc or
/bin/rc). The sigexit function prints the final $status on stderr; whether rc itself
exited ok is compared too.
"""

import concurrent.futures
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "rc")
RC = "/usr/lib/plan9/bin/rc"
PATH = "/usr/lib/plan9/bin:/usr/bin:/bin"
SIGEXIT = "fn sigexit { echo status $status >[1=2] }; "
HOST_TIMEOUT = 10        # seconds for one script on the host
SLOW = 0.2               # a script should take less than this on the host
TOO_SLOW = 2.0           # ... and rc.stable fails a script past this
# Text that must never reach a script's output: it differs between the two systems.
# (A pipe's writer killed by its reader's exit is reported with its pid, at random.)
HOST_ONLY = re.compile(rb"/usr/lib/plan9|/dev/fd/|No such file or directory|/tmp/|\d+: signal: ")


@dataclass(frozen=True)
class Result:
    stdout: bytes
    stderr: bytes
    exit: str            # "ok" when rc exited with an empty status, else "fail"
    note: str = ""       # why there is no real result (timeout, hang, not run)

    def text(self):
        """The result as lines for a diff, bytes that are not UTF-8 escaped."""
        def lines(b):
            return b.decode("utf-8", "backslashreplace").splitlines(keepends=True)
        out = ["--- stdout\n"] + lines(self.stdout) + ["--- stderr\n"] + lines(self.stderr)
        out.append(f"--- exit {self.exit}\n")
        if self.note:
            out.append(f"--- {self.note}\n")
        return [s if s.endswith("\n") else s + "\\ (no newline)\n" for s in out]


def corpus():
    """The names (without .rc) of every corpus script, in glob (byte) order."""
    return sorted(f[:-3] for f in os.listdir(CORPUS) if f.endswith(".rc"))


def command(name):
    return SIGEXIT + f". ../{name}.rc"


def run_host(name, work):
    """Run one script under 9base's rc inside the directory work; return its Result."""
    script = os.path.join(work, name + ".rc")
    run = os.path.join(work, "run_" + name)
    shutil.copyfile(os.path.join(CORPUS, name + ".rc"), script)
    os.mkdir(run)
    try:
        p = subprocess.run(["rc", "-c", command(name)], executable=RC, cwd=run,
                           env={"PATH": PATH}, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=HOST_TIMEOUT)
    except subprocess.TimeoutExpired as e:
        return Result(e.stdout or b"", e.stderr or b"", "fail", f"timed out after {HOST_TIMEOUT} s")
    return Result(p.stdout, p.stderr, "ok" if p.returncode == 0 else "fail")


def run_all_host(names, work, jobs=2):
    """{name: (Result, seconds)} for names, each run in its own subdirectory of work."""
    def one(name):
        d = tempfile.mkdtemp(prefix=name + ".", dir=work)
        t0 = time.monotonic()
        r = run_host(name, d)
        return name, (r, time.monotonic() - t0)
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        return dict(pool.map(one, names))


def reference_missing():
    """Why the reference rc cannot run, or None."""
    if not os.access(RC, os.X_OK):
        return f"{RC} not found: scripts/setup installs Debian's 9base"
    return None


def parse_xd(text):
    """The bytes of an `xd -1x` dump: lines `ADDR  b0 b1 ...` ended by the line holding
    only the address after the last byte."""
    data = bytearray()
    end = None
    for line in text.splitlines():
        f = line.split()
        if not f:
            continue
        addr = int(f[0], 16)
        if addr != len(data):
            raise ValueError(f"xd: address {f[0]} after {len(data)} bytes")
        if len(f) == 1:
            end = addr
            break
        data += bytes(int(x, 16) for x in f[1:])
    if end is None:
        raise ValueError("xd: no closing address line")
    return bytes(data)


def diff(name, expected, actual, labels=("9base rc", "Myrmex rc")):
    """A unified diff of the reference result against Myrmex's."""
    return "".join(difflib.unified_diff(expected.text(), actual.text(),
                                        f"{name} ({labels[0]})", f"{name} ({labels[1]})"))


def stable(names, work):
    """Run every script twice in different directories; return the problems found."""
    first = run_all_host(names, os.path.join(work, "a"))
    second = run_all_host(names, os.path.join(work, "b"))
    problems = []
    for name in names:
        (a, ta), (b, tb) = first[name], second[name]
        if a.note:
            problems.append(f"{name}: {a.note}")
        elif a != b:
            problems.append(f"{name}: output differs between two runs\n"
                            + diff(name, a, b, ("run 1", "run 2")))
        leak = HOST_ONLY.search(a.stdout + a.stderr)
        if leak:
            problems.append(f"{name}: output holds host-only text {leak.group().decode()!r}")
        if min(ta, tb) > TOO_SLOW:
            problems.append(f"{name}: takes {min(ta, tb):.2f} s (keep scripts under {SLOW} s)")
        elif min(ta, tb) > SLOW:
            print(f"rcdiff: note: {name} takes {min(ta, tb):.2f} s", flush=True)
    return problems


def main(argv):
    if len(argv) < 2 or argv[1] not in ("stable", "show"):
        sys.exit(__doc__)
    why = reference_missing()
    if why:
        sys.exit(f"rcdiff: {why}")
    if argv[1] == "show":
        with tempfile.TemporaryDirectory(prefix="rcdiff-") as work:
            for name in argv[2:]:
                r = run_host(name.removesuffix(".rc"), work)
                sys.stdout.write("".join(r.text()))
        return
    names = corpus()
    with tempfile.TemporaryDirectory(prefix="rcdiff-") as work:
        os.mkdir(os.path.join(work, "a"))
        os.mkdir(os.path.join(work, "b"))
        problems = stable(names, work)
    for p in problems:
        print(p, flush=True)
    print(f"rcdiff: {len(names)} scripts, {len(problems)} problems", flush=True)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv)
