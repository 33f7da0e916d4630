"""The core commands, each run on the console of the test kernel with Plan 9's flags and
output. (mkdir, rm -r and mount on a file server that can make directories are checked
with ramfs in test_lib9p.py; here only their errors.)"""

import re
import time

from vm import Vm

LS_L = re.compile(r"--rw-rw---- c 0 glenda glenda 0 [A-Z][a-z]{2} [ \d]\d \d\d:\d\d /dev/cons\n")


def run(env, fn):
    with Vm(kernel=env.test_kernel, append="sysname=ant1") as vm:
        vm.prompt()
        fn(vm)


def test_ls_lc(env):
    def check(vm):
        assert "cons\n" in vm.cmd("ls /dev")
        assert vm.cmd("ls -d /dev") == "/dev\n"
        assert vm.cmd("ls -p /dev/cons") == "cons\n"
        assert LS_L.fullmatch(vm.cmd("ls -l /dev/cons")), vm.cmd("ls -l /dev/cons")
        assert re.fullmatch(r"\([0-9a-f]{16} 0 00\) /dev/cons\n", vm.cmd("ls -q /dev/cons"))
        names = vm.cmd("lc /bin").split()
        assert "cat" in names and "ls" in names and "dev" not in names, names
        assert vm.cmd("ls /nonexistent") == "ls: /nonexistent: file does not exist\n"
    run(env, check)


def test_cat_echo_wc_xd_basename(env):
    def check(vm):
        assert vm.cmd("cat /dev/sysname /dev/sysname") == "ant1ant1"
        assert vm.cmd("echo -n a b") == "a b"
        assert vm.cmd("echo a  b") == "a b\n"
        assert vm.cmd("wc /dev/sysname") == "      0       1       4 /dev/sysname\n"
        assert vm.cmd("xd -c /dev/sysname").startswith("0000000   a  n  t  1")
        assert vm.cmd("xd /dev/sysname").startswith("0000000  616e7431")
        assert vm.cmd("basename /a/b/c.x .x") == "c\n"
        assert vm.cmd("basename -d /a/b/c") == "/a/b\n"
        assert vm.cmd("cp /dev/sysname /dev/null") == "" and vm.cmd("cat /dev/null") == ""
    run(env, check)


def test_cp_mv_rm_in_env(env):
    def check(vm):
        assert vm.cmd("cp /dev/sysname /env/copy") == ""
        assert vm.cmd("cat /env/copy") == "ant1"
        assert vm.cmd("mv /env/copy /env/moved") == ""
        assert "\nmoved\n" in vm.cmd("ls /env")  # beside rc's exported variables
        assert vm.cmd("rm /env/moved") == ""
        assert "moved" not in vm.cmd("ls /env")
        assert vm.cmd("rm /env/moved") == "rm: /env/moved: file does not exist\n"
        assert vm.cmd("mkdir /env/dir") == "mkdir: can't create /env/dir: permission denied\n"
    run(env, check)


def test_pwd_date_sleep_read(env):
    def check(vm):
        assert vm.cmd("pwd") == "/\n"
        assert abs(int(vm.cmd("date -n")) - time.time()) < 120
        assert re.fullmatch(r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d GMT \d{4}\n", vm.cmd("date"))
        assert vm.cmd("sleep 0.2") == ""
        vm.send("read")
        vm.expect(r"read\n")
        vm.send("a typed line")
        vm.expect(r"a typed line\na typed line\n")
        vm.prompt()
    run(env, check)


def test_test(env):
    def check(vm):
        for cmd, ok in [("test -d /dev", True), ("test -f /dev", False), ("test -e /dev/cons", True),
                        ("test -e /dev/none", False), ("test abc '=' abc", True), ("test 3 -gt 4", False),
                        ("test ! -d /dev/cons", True), ("test -n x -a -z ''", True)]:
            vm.cmd(cmd)
            status = vm.cmd("echo $status")
            assert (status == "\n") == ok, f"{cmd}: status {status!r}"
    run(env, check)


def test_bind_unmount_ns_mount(env):
    def check(vm):
        assert vm.cmd("bind '#P' /mnt") == ""
        assert vm.cmd("cat /mnt/cputype").startswith("PentiumII")
        assert vm.cmd("bind -a '#c' /mnt") == ""
        out = vm.cmd("ns")
        assert "bind  '#P' /mnt\nbind -a '#c' /mnt\n" in out, out
        assert vm.cmd("unmount '#P' /mnt") == ""
        assert vm.cmd("cat /mnt/sysname") == "ant1"
        assert vm.cmd("unmount /mnt") == ""
        assert vm.cmd("cat /mnt/sysname") == "cat: can't open /mnt/sysname: file does not exist\n"
        assert vm.cmd("unmount /mnt") == "unmount: /mnt: not mounted\n"
        assert vm.cmd("bind") == "usage: bind [-q] [-b|-a|-c|-bc|-ac] new old\n"
        assert vm.cmd("mount /srv/none /mnt") == "mount: can't open /srv/none: file does not exist\n"
        assert vm.cmd("ns 1").startswith("bind  '#c' /dev\nbind  '#ec' /env\nbind -bc '#e' /env\n")
    run(env, check)


def test_ps_kill(env):
    def check(vm):
        out = vm.cmd("ps")
        assert re.search(r"(?m)^glenda +1 +\d+:\d\d +\d+:\d\d +\d+K \w+ +boot$", out), out
        assert re.search(r"(?m)^glenda +\d+ .* ps$", out), out
        assert re.fullmatch(r"echo kill>/proc/\d+/note # rc\n", vm.cmd("kill rc"))
    run(env, check)
