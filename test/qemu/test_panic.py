"""The kernel stops cleanly when it cannot go on: a register dump for a kernel fault, a
message for a corrupt bootpaq, and no triple-fault reset in either case."""

import os
import subprocess

import kimage
from vm import Vm

REGS = ("eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "eip", "cs", "eflags")


def stays_stopped(vm, seconds=1.0):
    """A stopped kernel leaves QEMU running; a triple fault would end it (-no-reboot).
    Watch for that exit for a bounded time: it must not come."""
    try:
        vm.proc.wait(seconds)
    except subprocess.TimeoutExpired:
        return
    raise AssertionError(f"QEMU exited with status {vm.proc.returncode} after the panic")


def test_kernel_fault_dump(env):
    with Vm(kernel=env.kernel, append="*panictest=fault", fail_on=None) as vm:
        vm.expect(r"panic:")
        for reg in REGS:                    # anywhere, in any order (before or after panic:)
            vm.pos = 0
            vm.expect(rf"\b{reg}=[0-9a-fA-Fx]+")
        stays_stopped(vm)


def test_corrupt_bootpaq(env):
    kernel = kimage.corrupt_bootpaq(env.test_kernel, os.path.join(env.tmp, "myrmex-badpaq"))
    with Vm(kernel=kernel, fail_on=None) as vm:
        vm.expect(r"(?m)^bootpaq: .+")
        vm.expect(r"panic")
        stays_stopped(vm)
        assert "% " not in vm.log, "the console prompt appeared despite a corrupt bootpaq"
