"""lib9p and ramfs: raw 9P to `ramfs -i` over a pipe, ramfs posted in /srv and mounted
(test/qemu/progs/lib9pcheck.cpp), and ramfs(4) used through the shell's commands."""

from checks import run_checks
from vm import Vm


def test_lib9pcheck(env):
    """Version, attach, create, write, read, stat, wstat, directories, errors, malformed
    messages, ORCLOSE, hang-up, /srv posting and mounting, one check per line."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        run_checks(vm, "lib9pcheck", 10)
        vm.assert_running()


def test_ramfs_commands(env):
    """ramfs mounted on /tmp by hand, then used by the core commands."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("ramfs") == ""
        assert vm.cmd("mkdir /tmp/d") == ""
        assert vm.cmd("cp /dev/sysname /tmp/d/name") == ""
        assert vm.cmd("cat /tmp/d/name") == "myrmex"
        assert vm.cmd("mv /tmp/d/name /tmp/d/other") == ""
        assert vm.cmd("ls /tmp/d") == "other\n"
        assert vm.cmd("rm /tmp/d") == "rm: /tmp/d: directory not empty\n"
        assert vm.cmd("rm -r /tmp/d") == ""
        assert vm.cmd("ls /tmp") == ""
        assert vm.cmd("ramfs -S scratch") == ""
        assert vm.cmd("ls /srv/scratch") == "/srv/scratch\n"
        assert vm.cmd("mount -c /srv/scratch /n") == ""
        assert vm.cmd("mkdir /n/x") == "" and vm.cmd("ls /n") == "x\n"
        # a union of the mounted tree and a kernel device, and ns naming the srv entry
        assert vm.cmd("bind -a '#c' /n") == ""
        listing = vm.cmd("lc /n")
        assert "x" in listing.split() and "sysname" in listing.split(), listing
        assert vm.cmd("cat /n/sysname") == "myrmex"
        assert "mount -c '#s/scratch' /n" in vm.cmd("ns")
        assert vm.cmd("unmount /n") == "" and vm.cmd("ls /n") == ""


def test_mntgen(env):
    """mntgen makes any name a directory to mount on, and lists the names in use."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("mntgen -s mntgen /mnt") == ""
        assert vm.cmd("ls -d /mnt/anything") == "/mnt/anything\n"
        assert vm.cmd("ls /mnt/anything") == ""
        assert vm.cmd("ramfs -S r") == ""
        assert vm.cmd("mount -c /srv/r /mnt/r") == ""
        assert vm.cmd("mkdir /mnt/r/d") == "" and vm.cmd("ls /mnt/r") == "d\n"
        assert vm.cmd("lc /mnt") == "r\n"
        assert vm.cmd("mkdir /mnt/x").startswith("mkdir: ")
        assert vm.cmd("unmount /mnt/r") == "" and vm.cmd("lc /mnt") == ""
        assert "mount  '#s/mntgen' /mnt" in vm.cmd("ns")


def test_srv(env):
    """srv -e posts a command's connection and mounts it; a posting that works is reused,
    one that does not is replaced; without a network, dialing fails with a clear error."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("mntgen; srv -c -e 'ramfs -i' ram") == ""  # on /n/ram
        assert vm.cmd("ls -l /srv/ram").startswith("--rw------- s 0 glenda ")
        assert vm.cmd("touch /n/ram/x; ls /n/ram") == "x\n"
        assert vm.cmd("srv -q -e 'echo not run' ram /mnt; ls /mnt") == "x\n"  # the same server
        assert vm.cmd("srv -e exit bad; ls /srv") == "bad\nram\n"  # a server that ends at once
        assert vm.cmd("srv -c -e 'ramfs -i' bad /mnt; ls /mnt") == ""  # the dead posting is replaced
        out = vm.cmd("srv tcp!kremvax!564 k; echo $status")
        assert out.startswith("srv: dial tcp!kremvax!564: can't translate address: ") and "no.status" not in out, out
        assert vm.cmd("srv").startswith("usage: srv ")


def test_ramfs_out_of_memory(env):
    """A ramfs file grown past the memory there is: the write fails with an error (the
    kernel refuses a break it has no pages for) and ramfs serves on."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        assert vm.cmd("ramfs") == ""
        out = vm.cmd("/boot/tests/streamgen 150000000 > /tmp/big", timeout=120)
        assert "virtual memory allocation failed" in out, out
        assert vm.cmd("echo still > /tmp/small && cat /tmp/small") == "still\n"
        assert vm.cmd("rm /tmp/big && ls /tmp") == "small\n"
        assert "ramfs" in vm.cmd("ps")
        vm.assert_running()

