"""rc as the console shell: process 1 runs it interactively, and rfork V gives a command
an empty /srv while the console's stays as it was."""

from vm import Vm


def test_console_is_rc(env):
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("whatis cd") == "builtin cd\n"
        assert vm.cmd("x=(a b c); echo $#x $x(2) | cat") == "3 b\n"
        vm.send("for(i in 1 2){")
        vm.expect("\t")  # the continuation prompt, $prompt(2)
        assert vm.cmd("echo $i}") == "1\n2\n"


def test_rfork_V_empties_srv(env):
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("echo 1 >/srv/posted") == ""
        assert vm.cmd("ls /srv") == "posted\n"
        assert vm.cmd("@{rfork V; ls /srv; echo listed}") == "listed\n"
        assert vm.cmd("ls /srv") == "posted\n"
        assert vm.cmd("rm /srv/posted; ls /srv") == ""


def test_notes_run_handlers(env):
    """A note runs its fn sigNAME and rc goes on; without one, a hangup ends rc."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        out = vm.cmd("rc -c 'fn sighup { echo got hangup }; echo hangup >/proc/$pid/note; echo after'")
        assert out == "got hangup\nafter\n", out
        # the first rc's fn sighup is in /env now: the second removes it
        out = vm.cmd("rc -c 'fn sighup; echo hangup >/proc/$pid/note; echo not reached'; echo done")
        assert out == "done\n", out


def test_flags(env):
    """-s prints the failing statuses rc sets itself, -r each command as parsed, -p keeps functions out of
    the environment's reach, -l reads $home/lib/profile first."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert "status='no match'\n" in vm.cmd("rc -s -c '~ a b'")
        assert "status=" not in vm.cmd("rc -c '~ a b'")
        assert vm.cmd("rc -c 'fn f {echo f}; rc -c ''whatis f''; rc -p -c ''whatis f'''") == \
            "fn f {echo f}\nf: not found\n"
        assert vm.cmd("ramfs") == ""
        # -r prints rcmain's lines too, one of them holding the prompt: keep them off the console
        assert vm.cmd("rc -r -c 'echo a | cat' >[2]/tmp/parsed; grep '^echo a.cat$' /tmp/parsed") == \
            "a\necho a|cat\n"
        assert vm.cmd("mkdir /tmp/lib; echo 'echo from profile' >/tmp/lib/profile") == ""
        assert vm.cmd("home=/tmp rc -l -c 'echo from command'") == "from profile\nfrom command\n"
        assert vm.cmd("home=/tmp rc -c 'echo from command'") == "from command\n"


def test_rfork_letters(env):
    """rfork n, e, E and m give rc a namespace, an environment or mount rights of its own."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("@{rfork n; bind '#c' /mnt; test -e /mnt/sysname && echo bound}") == "bound\n"
        assert vm.cmd("test -e /mnt/sysname || echo not here") == "not here\n"
        assert vm.cmd("@{rfork e; echo inner >/env/mine}; test -e /env/mine || echo kept apart") == \
            "kept apart\n"
        assert vm.cmd("echo outer >/env/mine; @{rfork E; test -e /env/mine || echo clean}") == "clean\n"
        assert vm.cmd("rm /env/mine") == ""
        assert vm.cmd("@{rfork m; bind '#c' /mnt >[2=1]}") == "bind: bind '#c' /mnt: mount/attach disallowed\n" \
            or "disallowed" in vm.cmd("@{rfork m; bind '#c' /mnt >[2=1]}")
        assert vm.cmd("rfork X") == "rfork: bad rfork flag X\n"
