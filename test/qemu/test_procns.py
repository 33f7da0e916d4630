"""Writable /proc/N/ns: another process's name space rewritten by writing bind, mount and
unmount commands to it, who may do so, the errors, and the round trip of its text."""

from vm import Vm

# A target rc with a name space of its own that waits for /env/go (a file the console
# creates; children share the console's environment) and then reports what it sees at /n
# into /env/seen.
TARGET = "rc -c 'rfork n; while(! test -e /env/go) sleep 0; ls /n >/env/seen' &"


def boot(env):
    vm = Vm(kernel=env.kernel)
    vm.prompt()
    return vm


def start(vm, command):
    """Start command in the background; return its pid."""
    assert vm.cmd(command) == ""
    return vm.cmd("echo $apid").strip()


def test_write_rewrites_the_target(env):
    """The target sees the bind (its own ls), its ns shows it, the writer's does not."""
    with boot(env) as vm:
        t = start(vm, TARGET)
        assert vm.cmd(f"echo 'bind /boot/lib /n' >/proc/{t}/ns") == ""
        assert vm.cmd(f"grep ' /n$' /proc/{t}/ns") == "bind  /boot/lib /n\n"
        assert vm.cmd("grep ' /n$' /proc/$pid/ns") == ""
        assert vm.cmd(f"echo >/env/go; wait {t}; cat /env/seen") == "namespace\nnamespace.save9front\nnamespace.saveterm\n"


def test_paths_resolve_in_the_target(env):
    """A relative name is the target's: from its current directory, not the writer's."""
    with boot(env) as vm:
        t = start(vm, "rc -c 'rfork n; cd /boot; while(! test -e /env/go) sleep 0; ls /n >/env/seen' &")
        assert vm.cmd(f"echo 'bind lib /n' >/proc/{t}/ns") == ""
        assert vm.cmd(f"grep ' /n$' /proc/{t}/ns") == "bind  /boot/lib /n\n"
        assert vm.cmd(f"echo >/env/go; wait {t}; cat /env/seen").startswith("namespace\n")


def test_flags_mount_and_unmount(env):
    """-a -b -c -C show in the read-back, -q is ignored; a mount opens the srv file in the
    target; unmount of one member or of everything."""
    with boot(env) as vm:
        t = start(vm, "sleep 1000 &")
        assert vm.cmd("ramfs -S ram") == ""
        assert vm.cmd(f"echo 'mount -cq /srv/ram /n' >/proc/{t}/ns") == ""
        assert vm.cmd(f"echo 'bind -aC /boot /n' >/proc/{t}/ns") == ""
        assert vm.cmd(f"echo 'bind -b #c /n' >/proc/{t}/ns") == ""
        assert vm.cmd(f"grep ' /n( |$)' /proc/{t}/ns") == "mount -c #s/ram /n \nbind -aC /boot /n\nbind -b #c /n\n"
        assert vm.cmd(f"echo 'unmount /srv/ram /n' >/proc/{t}/ns") == ""
        assert vm.cmd(f"grep ' /n( |$)' /proc/{t}/ns") == "bind -aC /boot /n\nbind -b #c /n\n"
        assert vm.cmd(f"echo 'unmount /n' >/proc/{t}/ns") == ""
        assert vm.cmd(f"grep ' /n( |$)' /proc/{t}/ns") == ""
        assert vm.cmd(f"echo 'unmount /n' >/proc/{t}/ns") == "echo: write error: not mounted\n"


def test_errors(env):
    """Each malformed write gets ANTS's error, and a failed write leaves the next working."""
    with boot(env) as vm:
        t = start(vm, "sleep 1000 &")
        bad = "echo: write error: bad arg in system call\n"
        for text in ("cd /", "bind", "bind /a", "bind -ab /boot /n", "chmod /a /b", "bind /a /b /c /d /e /f",
                     "unmount -a /a /b"):
            assert vm.cmd(f"echo '{text}' >/proc/{t}/ns") == bad, text
        assert vm.cmd(f"echo 'mount #|/data0 /n' >/proc/{t}/ns") == \
            "echo: write error: unknown device in # filename\n"
        assert vm.cmd(f"echo 'bind /nonesuch /n' >/proc/{t}/ns") == "echo: write error: file does not exist\n"
        assert vm.cmd(f"echo 'mount /srv/nonesuch /n' >/proc/{t}/ns") == \
            "echo: write error: file does not exist\n"
        assert vm.cmd(f"echo 'mount /boot/rc /n' >/proc/{t}/ns").startswith("echo: write error: ")
        assert vm.cmd(f"echo 'bind /boot /n' >/proc/{t}/ns") == ""  # still works after failures
        assert vm.cmd(f"grep ' /n( |$)' /proc/{t}/ns") == "bind  /boot /n\n"


def test_permissions(env):
    """Owner yes; another user's process, the user none, a private target, a target or a
    writer kept from mounting (rfork m), and an exited process: no."""
    with boot(env) as vm:
        t = start(vm, "sleep 1000 &")
        denied = "rc: can't open /proc/{}/ns: permission denied\n"
        other = start(vm, "auth/none sleep 1000 &")
        assert vm.cmd(f"cat /proc/{other}/status").split()[1] == "none"
        assert vm.cmd(f"echo 'bind /boot /n' >/proc/{other}/ns") == denied.format(other)
        assert vm.cmd(f"auth/none rc -c 'echo bind /boot /n >/proc/{t}/ns'") == denied.format(t)
        # none may rewrite its own
        assert vm.cmd("auth/none rc -c 'echo bind /boot /n >/proc/$pid/ns; grep '' /n$'' /proc/$pid/ns'") == \
            "bind  /boot /n\n"

        nomnt = start(vm, "rc -c 'rfork m; sleep 1000' &")
        disallowed = "echo: write error: mount/attach disallowed\n"
        assert vm.cmd(f"echo 'bind /boot /n' >/proc/{nomnt}/ns") == disallowed
        assert vm.cmd("ramfs -S ram") == ""
        assert vm.cmd(f"echo 'mount /srv/ram /n' >/proc/{nomnt}/ns") == disallowed
        assert vm.cmd(f"rc -c 'rfork m; echo bind /boot /n >/proc/{t}/ns'") == disallowed

        assert vm.cmd(f"echo private >/proc/{t}/ctl") == ""
        assert vm.cmd(f"echo 'bind /boot /n' >/proc/{t}/ns") == denied.format(t)
        assert vm.cmd(f"cat /proc/{t}/ns").endswith("cd /\n")  # reading is still allowed

        gone = start(vm, "sleep 1000 &")
        out = vm.cmd(f"{{echo kill >/proc/{gone}/ctl; wait {gone}; echo 'bind /boot /n' >[1=3]}} >[3]/proc/{gone}/ns")
        assert out == "echo: write error: process exited\n", out


def test_round_trip(env):
    """Each non-cd line of the console's ns written into a process with a clean name space
    gives that process the same ns text."""
    with boot(env) as vm:
        assert vm.cmd("ramfs -S ram") == ""
        assert vm.cmd("mount -c /srv/ram /n; bind -b /boot/lib /n; bind -a '#c' /mnt") == ""
        fresh = start(vm, "rc -c 'rfork N; /boot/sleep 1000' &")
        assert vm.cmd(f"cat /proc/{fresh}/ns") == "cd /\n"
        assert vm.cmd(f"grep -v '^cd ' /proc/$pid/ns | while(l=`{{read}}) echo $l >/proc/{fresh}/ns") == ""
        mine = vm.cmd("grep -v '^cd ' /proc/$pid/ns")
        assert "mount -c #s/ram /n \n" in mine and "bind -b /boot/lib /n\n" in mine and "bind -a #c /mnt\n" in mine
        assert vm.cmd(f"grep -v '^cd ' /proc/{fresh}/ns") == mine


def test_zrv_crosses_rfork_V(env):
    """#z is one srv for everyone: what is posted there is seen on both sides of rfork V,
    and ns names mounts from it #z/NAME."""
    with boot(env) as vm:
        assert vm.cmd("bind -c '#z' /n; ramfs -S x") == ""
        assert vm.cmd("{echo 3 >/n/y} <>[3]/srv/x") == ""
        out = vm.cmd("@{rfork V; ls /srv; ls /n; mount -c /n/y /mnt && touch /mnt/f && ls /mnt}")
        assert out == "y\nf\n", out
        assert vm.cmd("grep ' /mnt $' /proc/$pid/ns") == "mount -c #z/y /mnt \n"
        assert vm.cmd("@{rfork V; ramfs -S private; ls /srv; echo 3 >/n/z <>[3]/srv/private}") == "private\n"
        assert vm.cmd("ls /srv; ls /n") == "x\ny\nz\n"
        assert vm.cmd("unmount /mnt; mount -c /n/z /mnt; ls /mnt; touch /mnt/g; ls /mnt") == "g\n"


def test_mount_needing_authentication(env):
    """A write never authenticates, so a server that wants it refuses; mounting it oneself
    and posting the tree with srvfs gives a posting that needs none."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        t = start(vm, "rc -c 'rfork n; while(! test -e /env/go) sleep 0; cat /n/secret >/env/seen' &")
        assert vm.cmd("/boot/tests/authsrv -s locked") == ""
        assert vm.cmd(f"echo 'mount /srv/locked /n' >/proc/{t}/ns") == "echo: write error: authentication required\n"
        assert vm.cmd("/boot/tests/authsrv -m /srv/locked /mnt && srvfs unlocked /mnt") == ""
        assert vm.cmd(f"echo 'mount /srv/unlocked /n' >/proc/{t}/ns") == ""
        assert vm.cmd(f"grep ' /n $' /proc/{t}/ns") == "mount  #s/unlocked /n \n"
        assert vm.cmd(f"echo >/env/go; wait {t}; cat /env/seen") == "sesame"
