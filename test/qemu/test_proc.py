"""Process 1's console runner and user processes (test kernel: /boot/test/*)."""

import re

from vm import Vm


def no_panic(vm):
    assert "panic" not in vm.log, "the kernel panicked"


def test_exit_status(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        vm.cmd("/boot/test/exitwith oops")
        out = vm.cmd("echo $status")
        assert re.fullmatch(r"exitwith \d+: oops\n", out), f"$status is {out!r}"
        vm.cmd("/boot/test/exitwith bad luck")
        out = vm.cmd("echo $status")
        assert re.fullmatch(r"exitwith \d+: bad luck\n", out), f"$status is {out!r}"


def test_user_fault(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/test/fault")
        assert re.search(r"fault \d+: suicide: sys: trap: fault read addr=0x0+ pc=0x[0-9a-fA-F]+", out), \
            f"no suicide note from fault: {out!r}"
        out = vm.cmd("echo still here")
        assert out == "still here\n", f"after the fault, echo printed {out!r}"
        no_panic(vm)


def test_sysbad(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/test/sysbad", timeout=30)
        assert out.strip(), "sysbad printed nothing"
        out = vm.cmd("echo still here")
        assert out == "still here\n", f"after sysbad, echo printed {out!r}"
        no_panic(vm)
