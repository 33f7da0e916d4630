"""The 9P mount driver: mount, fversion and fauth against toysrv, an honest and a lying
9P server (test/qemu/progs/mntcheck.cpp); the kernel must stay healthy throughout."""

from checks import run_checks
from vm import Vm


def test_mntcheck(env):
    """Files, errors, clunks, msize, flushes, reads ahead (mount -C), hangups, and 5,000
    exchanges with a liar."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        run_checks(vm, "mntcheck", 13)
        vm.assert_running()
