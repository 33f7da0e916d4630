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
