"""The harness itself, checked against two tiny kernels that need nothing from Myrmex:
selftest (test/qemu/selftest.asm: echoes lines, exits or resets on request) and the
boot-time floor emptykernel (test/bench/emptykernel.asm)."""

import os
import subprocess
import sys

import kimage
from vm import Vm, VmError


def test_console(env):
    with Vm(kernel=env.selftest) as vm:
        vm.expect(r"selftest: multiboot\n")
        vm.prompt()
        out = vm.cmd("hello world")
        assert out == "hello world\n", f"selftest answered {out!r}"
        assert vm.cmd("") == "\n"
        assert vm.cmd("again") == "again\n"
        assert vm.running()


def test_exit_status(env):
    with Vm(kernel=env.selftest) as vm:
        vm.prompt()
        vm.send("q5")
        status = vm.wait_exit()
        assert status == 11, f"QEMU exited with {status}, want 11 (5 written to isa-debug-exit)"


def test_reset_ends_qemu(env):
    with Vm(kernel=env.selftest) as vm:
        vm.prompt()
        vm.send("r")
        status = vm.wait_exit()
        assert status == 0, f"QEMU exited with {status} after a reset, want 0"


def test_pvh(env):
    kernel = kimage.pvh_only(env.selftest, os.path.join(env.tmp, "selftest-pvh"))
    with Vm(kernel=kernel) as vm:
        vm.expect(r"selftest: pvh\n")
        vm.prompt()
        assert vm.cmd("pvh") == "pvh\n"


def test_emptykernel(env):
    with Vm(kernel=env.emptykernel) as vm:
        vm.expect(r"% ")
        status = vm.wait_exit()
        assert status == 1, f"emptykernel: QEMU exited with {status}, want 1"


def test_expect_after_exit_fails_fast(env):
    with Vm(kernel=env.emptykernel) as vm:
        try:
            vm.expect(r"never printed", timeout=60)
        except VmError as e:
            assert "exited" in str(e), str(e)
        else:
            raise AssertionError("expect matched text that was never printed")
    assert not vm.running()


def fails_on_purpose(env):
    """Not a case: test_failure_prints_log runs it and checks how it fails."""
    with open(os.environ["SELFTEST_PIDFILE"], "w") as f:
        with Vm(kernel=env.selftest) as vm:
            f.write(str(vm.proc.pid))
            f.flush()
            vm.prompt()
            vm.cmd("visible before the failure")
            vm.expect(r"never printed", timeout=0.5)


def test_failure_prints_log(env):
    pidfile = os.path.join(env.tmp, "pid")
    r = subprocess.run([sys.executable, env.run_py, "--selftest", env.selftest,
                        f"{__file__}::fails_on_purpose"],
                       env=dict(os.environ, SELFTEST_PIDFILE=pidfile),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    out = r.stdout
    assert r.returncode != 0, f"a failing case exited 0:\n{out}"
    for want in ("console log", "selftest: multiboot", "visible before the failure",
                 "timed out after 0.5s waiting for /never printed/", "FAIL test_harness.py::fails_on_purpose"):
        assert want in out, f"{want!r} missing from the failure report:\n{out}"
    pid = int(open(pidfile).read())
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError(f"QEMU (pid {pid}) outlived its failed case")
