#!/usr/bin/env python3
"""Run QEMU test cases: run.py [paths] FILE[::CASE] ...

A case is a function `test_NAME(env)` in test/qemu/test_*.py; CASE is NAME with or without
the `test_` prefix. FILE alone runs every case in it; --list FILE prints the case names.
env carries the paths given here (env.kernel, env.test_kernel, env.iso, env.selftest,
env.emptykernel, env.ninepc: the host's 9pc command) and env.tmp, a scratch directory
removed afterwards. Exits non-zero if any case fails; a failing case prints its traceback
and (through Vm) the whole console log.

    test/qemu/run.py --kernel build/myrmex test/qemu/test_boot.py::echo
"""

import argparse
import importlib.util
import os
import signal
import sys
import tempfile
import time
import traceback
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True      # leave no __pycache__ in the source tree


def load(path):
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def cases(mod):
    return [n for n, f in vars(mod).items() if n.startswith("test_") and callable(f)]


def resolve(spec):
    path, _, case = spec.partition("::")
    if not os.path.exists(path) and os.path.exists(os.path.join(HERE, path)):
        path = os.path.join(HERE, path)
    mod = load(path)
    names = cases(mod)
    if case:
        # a case named explicitly may also be a helper without the test_ prefix
        name = case if hasattr(mod, case) else "test_" + case
        if not callable(getattr(mod, name, None)):
            sys.exit(f"run.py: {path}: no case {case} (cases: {', '.join(names)})")
        names = [name]
    return path, mod, names


def on_term(signo, frame):
    raise KeyboardInterrupt(f"signal {signo}")     # unwinds through Vm, which kills QEMU


def main():
    signal.signal(signal.SIGTERM, on_term)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    build = os.environ.get("MYRMEX_BUILD", os.path.join(HERE, "..", "..", "build"))
    ap.add_argument("--kernel", default=os.path.join(build, "myrmex"))
    ap.add_argument("--test-kernel", default=os.path.join(build, "myrmex-test"))
    ap.add_argument("--iso", default=os.path.join(build, "myrmex.iso"))
    ap.add_argument("--selftest", default=os.path.join(build, "test", "qemu", "selftest"))
    ap.add_argument("--emptykernel", default=os.path.join(build, "emptykernel"))
    ap.add_argument("--ninepc", default=os.path.join(build, "tools", "9pc", "9pc"))
    ap.add_argument("--list", action="store_true", help="print the cases, run nothing")
    ap.add_argument("specs", nargs="+", metavar="FILE[::CASE]")
    args = ap.parse_args()

    failed = 0
    for spec in args.specs:
        path, mod, names = resolve(spec)
        base = os.path.basename(path)
        for name in names:
            if args.list:
                print(f"{base}::{name.removeprefix('test_')}")
                continue
            label = f"{base}::{name.removeprefix('test_')}"
            print(f"=== {label}", flush=True)
            t0 = time.monotonic()
            with tempfile.TemporaryDirectory(prefix="myrmex-qemu-") as tmp:
                env = types.SimpleNamespace(
                    kernel=args.kernel, test_kernel=args.test_kernel, iso=args.iso,
                    selftest=args.selftest, emptykernel=args.emptykernel, ninepc=args.ninepc, tmp=tmp,
                    run_py=os.path.abspath(__file__), argv=sys.argv)
                try:
                    getattr(mod, name)(env)
                    print(f"PASS {label} ({time.monotonic() - t0:.1f} s)", flush=True)
                except Exception:
                    failed += 1
                    traceback.print_exc(file=sys.stdout)
                    print(f"FAIL {label} ({time.monotonic() - t0:.1f} s)", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
