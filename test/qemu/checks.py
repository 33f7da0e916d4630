"""Check programs of the test kernel (/boot/tests/PROG) print "ok NAME" or
"FAIL NAME: why" per check and end with "PROG: N failed"; run one and assert all passed."""


def run_checks(vm, prog, nchecks, at_least=False, allow_suicides=False):
    """Run /boot/tests/PROG on the console. nchecks is how many checks it must report
    (or at least, with at_least); allow_suicides ignores the kernel's lines about processes
    the program lets die on purpose."""
    out = vm.cmd(f"/boot/tests/{prog}", timeout=60)
    lines = [l for l in out.splitlines() if not (allow_suicides and "suicide" in l)]
    bad = [l for l in lines if not l.startswith("ok ") and not l.startswith(f"{prog}:")]
    assert not bad, f"{prog} failures:\n" + "\n".join(bad)
    assert lines and lines[-1] == f"{prog}: 0 failed", f"{prog} printed {out!r}"
    count = len(lines) - 1
    assert count >= nchecks if at_least else count == nchecks, f"{prog} reported {count} checks: {out!r}"
