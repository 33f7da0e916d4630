"""rc against Plan 9's rc: every test/rc/*.rc runs on the host under 9base's rc
(rcdiff.py) and inside Myrmex under /bin/rc, and stdout, stderr, the final $status (which
each script's sigexit prints) and rc's exit must match byte for byte.

Inside Myrmex one console command runs the whole corpus: the driver test/rc/rcdiff (in the
test bootpaq as /boot/tests/rcdiff, the scripts as /boot/tests/rc/NAME.rc) on a ramfs
mounted on /tmp. A script that hangs is interrupted with Delete and counted as failed;
the driver then resumes with the next one."""

import re

import rcdiff
from vm import Vm, VmTimeout

# name: reason. A corpus script leaves the comparison only through this list.
SKIP = {}

SCRIPT_TIMEOUT = 20      # seconds one script may take inside Myrmex
MAX_HANGS = 3            # after this many hung scripts the rest are not run
START = re.compile(r"(?m)^@@rcdiff (?:run (\S+)|done)\n|^% ")
END = re.compile(r"(?m)^@@rcdiff exit (ok|fail)\n")
STALE = "not in the test bootpaq: rebuild it"
SECTIONS = re.compile(r"@@rcdiff stdout\n(.*)@@rcdiff stderr\n(.*)\Z", re.S)


def run_guest(vm, names):
    """Run names (in corpus order) in Myrmex; return {name: Result}."""
    results = {}
    todo = list(names)
    hangs = 0
    while todo and hangs < MAX_HANGS:
        assert vm.cmd("ramfs") == "", "ramfs on /tmp failed"
        start = vm.pos
        first = "-" if todo == names else todo[0]
        vm.send(" ".join(["rc", "/boot/tests/rcdiff", first] + sorted(SKIP)))
        while todo:
            m = vm.expect(START, SCRIPT_TIMEOUT)
            if m.group(1) is None:       # the driver ended (or never ran)
                said = vm.log[start:m.start()].strip()[-2000:]
                why = STALE if m.group().startswith("@@") else f"not run; the console said:\n{said}"
                for name in todo:
                    results[name] = rcdiff.Result(b"", b"", "fail", why)
                todo = []
                break
            name = m.group(1)
            if name in todo:             # scripts before it are not in the bootpaq
                while todo[0] != name:
                    results[todo.pop(0)] = rcdiff.Result(b"", b"", "fail", STALE)
                todo.pop(0)
            body = vm.pos
            try:
                end = vm.expect(END, SCRIPT_TIMEOUT)
            except VmTimeout:
                results[name] = rcdiff.Result(b"", b"", "fail", f"hung: no end after {SCRIPT_TIMEOUT} s")
                hangs += 1
                vm.proc.stdin.write(b"\x7f")    # Delete interrupts the driver and the script
                vm.proc.stdin.flush()
                vm.prompt()
                break
            if name in names:            # else the bootpaq has a script test/rc lost
                results[name] = parse(vm.log[body:end.start()], end.group(1))
            start = vm.pos
        else:
            vm.prompt()
    for name in todo:
        results[name] = rcdiff.Result(b"", b"", "fail", f"not run after {hangs} scripts hung")
    return results


def parse(text, exit):
    """A Result from the driver's lines between a script's name and its exit line."""
    m = SECTIONS.match(text)
    try:
        if m:
            return rcdiff.Result(rcdiff.parse_xd(m.group(1)), rcdiff.parse_xd(m.group(2)), exit)
    except ValueError:
        pass
    return rcdiff.Result(b"", b"", "fail", f"unreadable driver output:\n{text[-2000:]}")


def test_corpus(env):
    why = rcdiff.reference_missing()
    assert why is None, why
    names = [n for n in rcdiff.corpus() if n not in SKIP]
    host = rcdiff.run_all_host(names, env.tmp)
    with Vm(kernel=env.test_kernel, mem=256) as vm:
        vm.prompt()
        guest = run_guest(vm, names)
        vm.assert_running()
    bad = [n for n in names if host[n][0] != guest[n]]
    for name in bad:
        print(rcdiff.diff(name, host[name][0], guest[name]), flush=True)
    print(f"rcdiff: {len(names)} scripts compared, {len(names) - len(bad)} match, "
          f"{len(SKIP)} left out", flush=True)
    assert not bad, f"{len(bad)} of {len(names)} scripts differ: {' '.join(bad)}"
