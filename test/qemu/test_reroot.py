"""Namespace files (newns), and moving the console into a new root without losing it:
rerootwin, savedevs and getdevs."""

import re

from vm import Vm


def boot(env):
    vm = Vm(kernel=env.kernel)
    vm.prompt()
    assert vm.cmd("ramfs") == ""  # a writable /tmp
    return vm


def write_file(vm, path, lines):
    assert vm.cmd(f"rm -f {path}") == ""
    for line in lines:
        quoted = line.replace("'", "''")
        assert vm.cmd(f"echo '{quoted}' >>{path}") == ""


def test_newns_builds_a_clean_namespace(env):
    """$var from the environment, quotes, comments, mount, cd; nothing of the old name space."""
    with boot(env) as vm:
        assert vm.cmd("ramfs -S ram") == ""
        write_file(vm, "/tmp/ns", [
            "# a name space from nothing",
            "   # an indented comment",
            "bind #c /dev",
            "bind /boot /bin",
            "bind $dir /n",
            "mount -c #s/ram /mnt",
            "bind '/boot/$x' /root",
            "bind a b c d e f g h i j k l m n o",
            "cd /n",
        ])
        out = vm.cmd("dir=/boot/lib newns -n /tmp/ns rc -c 'pwd; ls; cat ''#p/''$pid/ns'")
        assert out == ("/n\nnamespace\nnamespace.save9front\nnamespace.saveterm\n"
                       "bind  #c /dev\nbind  /boot /bin\nbind  /boot/lib /n\nmount -c #s/ram /mnt \ncd /n\n"), out
        assert vm.cmd("dir=/nonesuch newns -d -n /tmp/ns /boot/echo ok") == \
            "newns: bind #c /dev\nnewns: bind /boot /bin\nnewns: bind $dir /n: file does not exist\n" \
            "newns: mount -c #s/ram /mnt\nnewns: bind '/boot/$x' /root: file does not exist\n" \
            "newns: bind a b c d e f g h i j k l m n o: too many words: skipped\nnewns: cd /n\nok\n"
        assert vm.cmd("newns -n /tmp/nonesuch /boot/echo no").startswith("newns: can't open /tmp/nonesuch: ")


def test_newns_a_adds_to_the_namespace(env):
    """-a adds to the current name space; . includes a file; $user and $home are not reset."""
    with boot(env) as vm:
        write_file(vm, "/tmp/inner", ["bind /boot/lib /n"])
        write_file(vm, "/tmp/outer", [". /tmp/inner", ". /tmp/nonesuch", "bind -b /boot /n", "unmount /boot /n"])
        out = vm.cmd("@{rfork n; newns -a -n /tmp/outer rc -c 'grep '' /n$'' /proc/$pid/ns; ls /n; pwd'}")
        assert out == "bind  /boot/lib /n\nnamespace\nnamespace.save9front\nnamespace.saveterm\n/\n", out
        assert vm.cmd("grep ' /n$' /proc/$pid/ns") == ""  # the console's own is untouched


def test_newns_clear(env):
    """clear empties the name space the file has built so far, even with -a."""
    with boot(env) as vm:
        write_file(vm, "/tmp/ns", ["bind /boot/lib /n", "clear", "bind #c /dev", "bind /boot /bin"])
        out = vm.cmd("@{rfork n; newns -a -n /tmp/ns rc -c 'cat ''#p/''$pid/ns'}")
        assert out == "bind  #c /dev\nbind  /boot /bin\ncd /\n", out


def test_standard_namespace(env):
    """Without -n, the bootpaq's /lib/namespace: the devices and the commands."""
    with boot(env) as vm:
        out = vm.cmd("newns rc -c 'cat /dev/user; echo; ls /bin/rc; grep -c . /proc/$pid/ns'")
        lines = out.split("\n")
        assert lines[0] == "glenda" and lines[1] == "/bin/rc" and int(lines[2]) >= 8, out


def test_rerootwin_into_a_ramfs_root_and_back(env):
    with boot(env) as vm:
        assert vm.cmd("ramfs -S newroot") == ""
        assert vm.cmd("mount -c /srv/newroot /n; echo hello >/n/greeting; mkdir /n/bin; unmount /n") == ""
        vm.send("rerootwin newroot")
        vm.prompt()
        assert vm.cmd("cat /greeting") == "hello\n"
        saved = vm.cmd("ls /srv").split()
        olds = [s for s in saved if s.startswith("oldterm.")]
        assert len(olds) == 1 and "oldwsys." not in " ".join(saved), saved
        assert vm.cmd("grep ' /net.alt $' /proc/$pid/ns") == f"mount -c #s/{olds[0]} /net.alt \n"
        assert vm.cmd(f"ls -l /srv/{olds[0]}").startswith("--rw------- s 0 glenda ")
        assert vm.cmd("echo through the saved console >/dev/cons") == "through the saved console\n"
        assert vm.cmd("test -e /net.alt/dev/cons && echo saved") == "saved\n"
        assert vm.cmd("exit") == ""
        assert vm.cmd("cat /greeting") == "cat: can't open /greeting: file does not exist\n"
        assert vm.cmd("echo back") == "back\n"


def test_rerootwin_options_and_errors(env):
    with boot(env) as vm:
        assert vm.cmd("ramfs -S r2") == ""
        write_file(vm, "/tmp/ns", ["bind /boot /bin", "mount -c #s/$oldterm $pivot", "bind -a #c /dev"])
        vm.send("rerootwin -u -t /tmp/ns r2")
        vm.prompt()
        out = vm.cmd("cat '#p/'$pid/ns")
        assert out.startswith("bind  /boot /bin\nmount -c #s/oldterm.") and " /u \n" in out, out
        assert vm.cmd("exit") == ""
        assert vm.cmd("mount -c /srv/r2 /mnt; mkdir /mnt/tmp; unmount /mnt") == ""
        vm.send("rerootwin -f -n r2")
        vm.prompt()
        out = vm.cmd("grep ' /n $' /proc/$pid/ns; grep -c ' /tmp$' /proc/$pid/ns")
        assert re.fullmatch(r"mount -c #s/oldterm\.\d+ /n \n1\n", out), out
        assert vm.cmd("exit") == ""
        status = r"rc \d+: {}\n"
        out = vm.cmd("rerootwin nosuch; echo $status")
        assert re.fullmatch("rerootwin: no /srv/nosuch \\(no network to reach it by\\)\n" + status.format("no.srv"), out), out
        out = vm.cmd("rerootwin -t /nonexistent r2; echo $status")
        assert re.fullmatch("rerootwin: no namespace file /nonexistent\n" + status.format("no.namespacefile"), out), out
        out = vm.cmd("rerootwin -x r2; echo $status")
        assert re.fullmatch(r"usage: rerootwin \[-f\] \[-u\] \[-n\] \[-t nsfile\] newroot \[authagent\]\n"
                            + status.format("usage"), out), out


def test_savedevs_and_getdevs(env):
    with boot(env) as vm:
        assert vm.cmd("savedevs foo") == "devices saved at oldterm.foo\n"
        assert vm.cmd("ls -l /srv/oldterm.foo").startswith("--rw------- s 0 glenda ")
        out = vm.cmd("rc -c 'rfork n; getdevs foo; grep oldterm /proc/$pid/ns; echo via the saved cons >/dev/cons'")
        assert out == ("mount -c #s/oldterm.foo /n/oldterm \nbind  /n/oldterm/dev/cons /dev/cons\n"
                       "bind  /n/oldterm/dev/consctl /dev/consctl\nbind -a /n/oldterm/dev /dev\n"
                       "via the saved cons\n"), out
        out = vm.cmd("getdevs bar; echo $status")
        assert re.fullmatch(r"getdevs: no saved devices /srv/oldterm.bar\nrc \d+: no.devices\n", out), out
        out = vm.cmd("getdevs; echo $status")
        assert re.fullmatch(r"usage: getdevs name\nrc \d+: no.srvname\n", out), out
