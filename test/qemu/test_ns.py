"""Namespaces, the kernel devices and notes, seen from inside Myrmex."""

import time

from checks import run_checks
from vm import Vm

# The master process's namespace from the ANTS paper (section II), for the devices this
# kernel has, in /proc/N/ns's raw form (an empty flag field leaves two spaces).
KERNEL_ONLY_NS = """\
bind  #c /dev
bind  #ec /env
bind -bc #e /env
bind -c #s /srv
bind  / /
bind  #d /fd
bind  #p /proc
bind  /net /net
bind  /bin /bin
bind -a /boot /bin
cd /
"""


def test_nscheck(env):
    """Each system call and device of the namespace work, one check per line."""
    with Vm(kernel=env.test_kernel, append="sysname=ant1") as vm:
        vm.prompt()
        run_checks(vm, "nscheck", 17, at_least=True)


def test_process1_namespace(env):
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        out = vm.cmd("cat /proc/1/ns")
        assert out == KERNEL_ONLY_NS, f"process 1's namespace:\n{out}"


def test_delete_interrupts_the_console_reader(env):
    """Delete posts "interrupt" to the note group reading the console: the command dies,
    the interactive rc survives and prompts again; a fn sigint runs instead."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        vm.send("cat /dev/sysname /dev/cons")  # prints, then reads the console
        vm.expect(r"cat /dev/sysname /dev/cons\nmyrmex")  # cat is running: it is in the group
        vm.proc.stdin.write(b"\x7f")
        vm.proc.stdin.flush()
        vm.prompt()
        assert "interrupt" in vm.cmd("echo $status")
        start = time.monotonic()
        vm.send("sleep 100; echo not reached")
        time.sleep(1)
        vm.proc.stdin.write(b"\x7f")
        vm.proc.stdin.flush()
        vm.prompt()
        assert time.monotonic() - start < 20, "Delete did not interrupt sleep 100"
        assert vm.cmd("fn sigint { echo caught }") == ""
        vm.send("sleep 100")
        time.sleep(1)
        vm.proc.stdin.write(b"\x7f")
        vm.proc.stdin.flush()
        vm.expect(r"caught\n")
        vm.prompt()
        assert vm.cmd("echo alive") == "alive\n"
        assert "not reached" not in vm.log.replace("sleep 100; echo not reached", "")
        assert "boot: shell exited" not in vm.log
