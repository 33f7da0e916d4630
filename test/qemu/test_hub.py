"""hub(1) and hubshell(1): hub starting hubfs and a shared rc (and only attaching later),
hubshell's readers, two hubshells on one rc, hubshell's % commands, end of file (the ctl message eof and
ctrl-D typed to hubshell) and Delete passed through io0.note to the hub's rc.

The hub's rc gets its prompt from the environment hub runs in: 'hub: ', so that nothing
it prints looks like the console rc's '% ' to the harness. Echoed command lines are
told from their output with ^: the line `echo a^-b` prints a-b."""

import time

from vm import Vm

HUBPROMPT = "prompt=('hub: ' '	')"


def start(vm, flags=""):
    """ramfs on /tmp, then hub -b with the hub's rc prompting 'hub: '."""
    vm.prompt()
    assert vm.cmd("ramfs") == ""
    assert vm.cmd(f"{HUBPROMPT} hub -b {flags}".rstrip()) == "creating hubfs /srv/hubfs\n"


def pipe_to_hubshell(vm, lines, out, args="", pause=1):
    """Runs hubshell with its standard input a pipe giving lines, pause seconds apart and
    held open 3 seconds after the last; its output goes to out and out.err. The pipe's
    end of file detaches hubshell, which this waits for."""
    feed = "; ".join(f"echo '{line}'; sleep {pause}" for line in lines) + "; sleep 2"
    vm.cmd(f"{{{feed}}} | hubshell {args} >{out} >[2]{out}.err".replace("  ", " "), timeout=60)


def ctl(vm, message):
    """The status line of /n/hubfs/ctl after a % command given to hubshell."""
    vm.cmd(f"echo '%{message}' | hubshell >/dev/null >[2=1]")
    return vm.cmd("sed -n 2p /n/hubfs/ctl")


def test_hub_starts_once(env):
    """The first hub -b starts hubfs and the io shell; a second only finds them."""
    with Vm(kernel=env.kernel) as vm:
        start(vm)
        assert vm.cmd("ls /n/hubfs") == "ctl\nio0\nio0.note\nio1\nio2\n"
        assert vm.cmd("hub -b") == ""
        assert vm.cmd("ls /srv") == "hubfs\n"
        procs = vm.cmd("ps").split("\n")
        assert sum(p.endswith(" hubfs") for p in procs) == 1, procs
        assert sum(p.endswith(" rc") for p in procs) == 2, procs  # the console's and io's
        assert vm.cmd("hub -x") == "usage: hub [-b] [-t] [-z] [srvname] [shellname]\n"
        assert vm.cmd("hub a b c") == "usage: hub [-b] [-t] [-z] [srvname] [shellname]\n"
        assert vm.cmd("hubshell -x") == "usage: hubshell [srvname [shellname]]\n"
        assert vm.cmd("hubshell hubfs nosuch").startswith("hubshell: can't open /n/hubfs/nosuch1: ")


def test_hubshell_readers(env):
    """hubshell's two readers read on past an eof mark, and the one whose hub is removed
    ends (a removed hub reads 0 bytes for ever)."""
    with Vm(kernel=env.kernel) as vm:
        start(vm)

        def readers():
            return vm.cmd("sleep 1; ps").count(" hubshell\n") - 1

        assert vm.cmd("{sleep 10} | hubshell >/dev/null >[2=1] &") == ""
        assert readers() == 2
        assert vm.cmd("echo eof io1 >/n/hubfs/ctl; echo eof io2 >/n/hubfs/ctl") == ""
        assert readers() == 2
        assert vm.cmd("rm /n/hubfs/io2") == ""
        assert readers() == 1
        assert vm.cmd("wait", timeout=30) == ""


def test_two_hubshells_one_rc(env):
    """Two hubshells on io at once, each with its input from a pipe: both see the output
    of the commands either sends, and both talk to the same rc."""
    with Vm(kernel=env.kernel) as vm:
        start(vm)
        assert vm.cmd("{sleep 1; echo 'echo from^-a $pid'; sleep 6} | hubshell >/tmp/a >[2]/tmp/a.err &") == ""
        assert vm.cmd("{sleep 3; echo 'echo from^-b $pid'; sleep 4} | hubshell >/tmp/b >[2]/tmp/b.err &") == ""
        assert vm.cmd("wait", timeout=60) == ""
        a, b = vm.cmd("cat /tmp/a"), vm.cmd("cat /tmp/b")
        assert a == b, (a, b)
        lines = a.split("\n")
        assert len(lines) == 3 and lines[0].startswith("from-a ") and lines[1].startswith("from-b "), a
        assert lines[0].split()[1] == lines[1].split()[1], a  # the same rc
        assert vm.cmd("cat /tmp/a.err") == vm.cmd("cat /tmp/b.err")


def test_percent_commands(env):
    """%remote, %attach, %local, %list, %status, unknown commands, %detach and %quit
    through hubshells fed by pipes; the ctl messages they forward."""
    with Vm(kernel=env.kernel) as vm:
        start(vm)
        pipe_to_hubshell(vm, ["%remote two", "echo in^-two $pid", "%attach io", "echo in^-io $pid",
                              "%attach nosuch", "%list", "%out 20", "%err 30", "%echoes", "%status", "%bogus", "%detach", "echo never"], "/tmp/c")
        out, err = vm.cmd("cat /tmp/c"), vm.cmd("cat /tmp/c.err")
        assert "in-two " in out and "in-io " in out and "never" not in out, out
        two = out.split("in-two ")[1].split()[0]
        io = out.split("in-io ")[1].split()[0]
        assert two != io, out
        assert "two0.note" in out, out  # %list's lc
        assert "\thubshell: attached to /n/hubfs/io of /srv/hubfs\n" \
            "\tin delay: 0  out delay: 20  err delay: 30\n\techo flush active\n" in out, out
        assert "hubshell: can't open /n/hubfs/nosuch1: file does not exist: " \
            "do you need to create it with remote nosuch?\n" in err, err
        assert "hubshell % commands:\n" in err, err
        assert "%bogus: file does not exist\n" in err, err  # passed on to rc
        # %detach left both rcs running
        assert "\ntwo0.note\n" in vm.cmd("ls /n/hubfs")
        procs = vm.cmd("ps").split("\n")
        assert sum(p.endswith(" rc") for p in procs) == 3, procs
        # %local shares a new rc started here, then talks to it
        pipe_to_hubshell(vm, ["%local x", "echo in^-x $pid"], "/tmp/d")
        out = vm.cmd("cat /tmp/d")
        assert "in-x " in out and out.split("in-x ")[1].split()[0] not in (io, two), out
        assert "x0.note" in vm.cmd("ls /n/hubfs")

        assert ctl(vm, "fear") == "Paranoid == 1  Frozen == 0  Trunc == 0  Applylimits == 0\n"
        assert ctl(vm, "calm") == "Paranoid == 0  Frozen == 0  Trunc == 0  Applylimits == 0\n"
        assert ctl(vm, "trunc") == "Paranoid == 0  Frozen == 0  Trunc == 1  Applylimits == 0\n"
        assert ctl(vm, "notrunc") == "Paranoid == 0  Frozen == 0  Trunc == 0  Applylimits == 0\n"
        assert ctl(vm, "freeze") == "Paranoid == 0  Frozen == 1  Trunc == 0  Applylimits == 0\n"
        assert ctl(vm, "melt") == "Paranoid == 0  Frozen == 0  Trunc == 0  Applylimits == 0\n"
        # %eof ends a cat reading the hub's input; the rc goes on
        pipe_to_hubshell(vm, ["cat >/tmp/e", "text", "%eof", "echo cat^-ended; cat /tmp/e"], "/tmp/f")
        assert vm.cmd("cat /tmp/f").endswith("cat-ended\ntext\n")
        vm.cmd("echo %quit | hubshell >/dev/null >[2=1]")
        assert vm.cmd("ls /srv") == ""


def test_eof_and_delete_on_console(env):
    """ctl's eof ends a cat in the hub's rc, which goes on. A hubshell on the console
    turns ctrl-D into eof io0 and Delete into an interrupt of the hub rc's command,
    and stays attached through both."""
    with Vm(kernel=env.kernel) as vm:
        start(vm)
        assert vm.cmd("echo 'cat >/tmp/f' >/n/hubfs/io0; sleep 1; echo eof io0 >/n/hubfs/ctl") == ""
        assert vm.cmd("echo 'echo alive >/tmp/g' >/n/hubfs/io0; sleep 2; cat /tmp/g") == "alive\n"

        vm.send("hubshell")
        vm.send("echo attached^-1")
        vm.expect(r"attached-1\n", 30)
        vm.send("cat >/tmp/h")
        time.sleep(2)
        vm.send("typed")
        time.sleep(1)
        vm.proc.stdin.write(b"\x04")  # ctrl-D on an empty line
        vm.proc.stdin.flush()
        vm.send("echo after^-eof; cat /tmp/h")
        vm.expect(r"after-eof\n", 30)
        vm.expect(r"typed\n", 30)

        vm.send("echo sleeping^-now; sleep 100; echo not^-interrupted")
        vm.expect(r"sleeping-now\n", 30)
        time.sleep(1)
        t0 = time.monotonic()
        vm.proc.stdin.write(b"\x7f")  # Delete
        vm.proc.stdin.flush()
        vm.send("echo after^-delete")
        vm.expect(r"after-delete\n", 30)
        assert time.monotonic() - t0 < 30
        assert "not-interrupted" not in vm.log
        vm.send("%detach")
        vm.prompt(30)
        assert vm.cmd("echo back^-on^-console") == "back-on-console\n"
