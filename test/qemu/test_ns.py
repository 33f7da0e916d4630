"""Namespaces, the kernel devices and notes, seen from inside Myrmex."""

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
    """Delete posts "interrupt" to the note group reading the console: with no handler
    in the stand-in shell, the command and the shell die and boot starts a new shell."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        vm.send("cat /dev/sysname /dev/cons")  # prints, then reads the console
        vm.expect(r"cat /dev/sysname /dev/cons\nmyrmex")  # cat is running: it is in the group
        vm.proc.stdin.write(b"\x7f")
        vm.proc.stdin.flush()
        vm.expect(r"boot: shell exited: cmdsh \d+: interrupt\n")
        vm.prompt()
        assert vm.cmd("echo alive") == "alive\n"
