"""cpns, addns and subns between two processes' name spaces through /proc/N/ns, including
the cases a line-by-line text diff gets wrong (a reordered union, mounts remade under a
mount point that changed)."""

import re

from vm import Vm

# The console's rc gets a name space of its own (the model); the target is a process with
# a copy of the name space as it was before.
TARGET = "rc -c 'rfork n; /boot/sleep 1000' &"


def boot(env):
    vm = Vm(kernel=env.kernel)
    vm.prompt()
    return vm


def start(vm):
    assert vm.cmd(TARGET) == ""
    t = vm.cmd("echo $apid").strip()
    assert vm.cmd("rfork n") == ""
    return t


def listing(vm, pid):
    return [line for line in vm.cmd(f"cat /proc/{pid}/ns").split("\n") if line and not line.startswith("cd ")]


def test_cpns_t_prints_and_changes_nothing(env):
    with boot(env) as vm:
        t = start(vm)
        assert vm.cmd("ramfs -S ram; mount -c /srv/ram /n; bind -a /boot /mnt") == ""
        before = listing(vm, t)
        out = vm.cmd(f"cpns -t $pid {t}")
        lines = out.split("\n")[:-1]
        assert lines and all(re.fullmatch(rf"echo '.*' >/proc/{t}/ns", l) for l in lines), out
        assert "echo 'mount -c #s/ram /n' >/proc/%s/ns" % t in lines, out
        assert listing(vm, t) == before


def test_cpns_copies_the_namespace(env):
    with boot(env) as vm:
        t = start(vm)
        assert vm.cmd("ramfs -S ram; mount -c /srv/ram /n; bind -b /boot/lib /n; bind -a '#c' /mnt") == ""
        assert vm.cmd(f"cpns $pid {t}; echo $status") == "\n"
        assert listing(vm, t) == listing(vm, "$pid")
        assert vm.cmd(f"cpns $pid {t}; echo $status") == "\n"  # nothing left to do
        assert vm.cmd(f"cpns -t $pid {t}") == ""


def test_cpns_reordered_union(env):
    """The same lines in another order: a text diff sees no difference."""
    with boot(env) as vm:
        t = start(vm)
        assert vm.cmd("bind -a /boot/lib /n; bind -a '#c' /n") == ""
        assert vm.cmd(f"echo 'bind -a #c /n' >/proc/{t}/ns; echo 'bind -a /boot/lib /n' >/proc/{t}/ns") == ""
        mine, theirs = listing(vm, "$pid"), listing(vm, t)
        assert sorted(mine) == sorted(theirs) and mine != theirs
        assert vm.cmd(f"cpns $pid {t}") == ""
        assert listing(vm, t) == listing(vm, "$pid")


def test_cpns_nested_mounts(env):
    """The same bind under /n, but /n is another server in the target: the bind must be
    remade after /n, though its line is the same in both."""
    with boot(env) as vm:
        assert vm.cmd("rc -c 'rfork n; while(! test -e /env/go) sleep 0; cat /mnt/f >/env/seen' &") == ""
        t = vm.cmd("echo $apid").strip()
        assert vm.cmd("rfork n; ramfs -S one; ramfs -S two") == ""
        for srv, text in (("one", "from one"), ("two", "from two")):
            assert vm.cmd(f"mount -c /srv/{srv} /mnt; mkdir /mnt/d; echo {text} >/mnt/d/f; unmount /mnt") == ""
        assert vm.cmd(f"echo 'mount -c /srv/two /n' >/proc/{t}/ns; echo 'bind /n/d /mnt' >/proc/{t}/ns") == ""
        assert vm.cmd("mount -c /srv/one /n; bind /n/d /mnt") == ""
        assert [l for l in listing(vm, t) if l.endswith(" /mnt")] == ["bind  /n/d /mnt"]
        assert [l for l in listing(vm, "$pid") if l.endswith(" /mnt")] == ["bind  /n/d /mnt"]
        out = vm.cmd(f"cpns -t $pid {t}")
        assert out == (f"echo 'unmount /mnt' >/proc/{t}/ns\necho 'unmount /n' >/proc/{t}/ns\n"
                       f"echo 'mount -c #s/one /n' >/proc/{t}/ns\necho 'bind /n/d /mnt' >/proc/{t}/ns\n"), out
        assert vm.cmd(f"cpns $pid {t}") == ""
        assert listing(vm, t) == listing(vm, "$pid")
        assert vm.cmd(f"echo >/env/go; wait {t}; cat /env/seen") == "from one\n"


def test_addns_and_subns(env):
    with boot(env) as vm:
        t = start(vm)
        assert vm.cmd("bind /boot/lib /n") == ""
        assert vm.cmd(f"echo 'bind -a #c /mnt' >/proc/{t}/ns") == ""
        out = vm.cmd(f"addns -t $pid {t}")
        assert out == f"echo 'bind /boot/lib /n' >/proc/{t}/ns\n", out
        assert vm.cmd(f"addns $pid {t}") == ""
        assert "bind  /boot/lib /n" in listing(vm, t) and "bind -a #c /mnt" in listing(vm, t)
        out = vm.cmd(f"subns -t $pid {t}")
        assert out == f"echo 'unmount /mnt' >/proc/{t}/ns\n", out  # all of /mnt goes
        assert vm.cmd(f"subns $pid {t}") == ""
        assert not [l for l in listing(vm, t) if l.endswith(" /mnt")]
        assert vm.cmd(f"echo 'bind -a /boot /n' >/proc/{t}/ns") == ""
        out = vm.cmd(f"subns -t $pid {t}")
        assert out == f"echo 'unmount /boot /n' >/proc/{t}/ns\n", out  # one member of a union that stays
        assert vm.cmd(f"subns $pid {t}") == ""
        assert listing(vm, t) == listing(vm, "$pid")
        out = vm.cmd(f"addns $pid {t}; echo $status")
        assert re.fullmatch(rf"no binds in \d+ not in {t} to add\naddns \d+: no.binds\n", out), out


def test_filters_and_errors(env):
    with boot(env) as vm:
        t = start(vm)
        assert vm.cmd("bind /boot/lib /n; bind -a '#c' /mnt; bind /dev/cons /dev/null") == ""
        out = vm.cmd(f"cpns -t -r $pid {t}")
        assert "/dev/cons" not in out and "/boot/lib /n" in out, out
        out = vm.cmd(f"cpns -t -x lib $pid {t}")
        assert "lib" not in out and "#c /mnt" in out, out
        out = vm.cmd(f"cpns -t -o lib $pid {t}")
        assert out == f"echo 'bind /boot/lib /n' >/proc/{t}/ns\n", out
        out = vm.cmd(f"cpns $pid 99999; echo $status")
        assert re.fullmatch(r"process 99999 does not exist!\ncpns \d+: no.proc\n", out), out
        out = vm.cmd("cpns 1; echo $status")
        assert re.fullmatch(r"usage: cpns \[-t\] \[-r\] \[-x pat\] \[-o pat\] model target\ncpns \d+: usage\n", out), out
        assert re.fullmatch(r"usage: subns .*\nsubns \d+: usage\n", vm.cmd("subns 1 2 3; echo $status"))
