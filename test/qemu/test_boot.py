"""Booting the production kernel: every boot path reaches the console, and the console
can power the machine off or reset it."""

import os
import subprocess

import kimage
from vm import Vm

SCRIPTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts")


def hello(vm):
    out = vm.cmd("echo hello")
    assert out == "hello\n", f"echo hello printed {out!r}"


def test_echo(env):
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        hello(vm)
        out = vm.cmd("echo one two  three")
        assert out == "one two three\n", f"echo printed {out!r}"


def test_pentium2(env):
    with Vm(kernel=env.kernel, cpu="pentium2") as vm:
        vm.prompt()
        hello(vm)


def test_ec(env):
    with Vm(kernel=env.kernel, append="sysname=ant1 service=cpu") as vm:
        vm.prompt()
        for key, want in (("sysname", "ant1"), ("service", "cpu")):
            out = vm.cmd(f"cat '#ec/{key}'")
            assert out.strip() == want, f"#ec/{key} holds {out!r}, want {want!r}"


def test_halt(env):
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        vm.send("halt")
        status = vm.wait_exit()
        assert status == 1, f"halt: QEMU exited with {status}, want 1 (0 written to isa-debug-exit)"


def test_reboot(env):
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        vm.send("reboot")
        status = vm.wait_exit()
        assert status == 0, f"reboot: QEMU exited with {status}, want 0 (a reset under -no-reboot)"


def test_iso(env):
    iso = env.iso
    if not os.path.exists(iso):             # not built by CMake: make one from the kernel
        iso = os.path.join(env.tmp, "myrmex.iso")
        subprocess.run([os.path.join(SCRIPTS, "mkimage"), "iso", iso], check=True,
                       env=dict(os.environ, MYRMEX_KERNEL=env.kernel))
    with Vm(iso=iso, fail_on=r"(?m)^(panic|error): .*\n") as vm:    # GRUB says "error: ..."
        vm.prompt(timeout=60)
        hello(vm)


def test_pvh(env):
    kernel = kimage.pvh_only(env.kernel, os.path.join(env.tmp, "myrmex-pvh"))
    with Vm(kernel=kernel) as vm:
        vm.prompt()
        hello(vm)


def test_shell_restarts(env):
    """Process 1 starts a new console shell whenever the old one exits."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        vm.send("exit bye")
        vm.expect(r"boot: shell exited: rc \d+: bye\n")
        vm.prompt()
        assert vm.cmd("echo again") == "again\n"
