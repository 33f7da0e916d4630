"""How the core commands take their arguments, as Plan 9's do: flags only where Plan 9's
commands have them (basename -d, echo -n), extra or missing arguments ignored where
Plan 9 ignores them (pwd, sleep, date, ps, kill, mkdir), and Plan 9's usage texts."""

import re

from vm import Vm


def test_cmdargs(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        assert vm.cmd("basename -x a") == "-x\n"
        assert vm.cmd("basename -d a/b .c") == "a\n"
        assert vm.cmd("basename a b c") == "usage: basename [-d] string [suffix]\n"
        assert vm.cmd("echo -n -n x") == "-n x"
        assert vm.cmd("pwd extra") == "/\n"
        assert vm.cmd("sleep") == ""
        assert vm.cmd("sleep nonsense") == ""
        assert vm.cmd("date -n 0x10") == "16\n"
        assert vm.cmd("date -u 0") == "Thu Jan  1 00:00:00 GMT 1970\n"
        assert vm.cmd("mkdir") == ""
        assert vm.cmd("mkdir -x") == "usage: mkdir [-p] [-m mode] dir...\n"
        assert vm.cmd("kill") == ""
        assert re.search(r"(?m) ps$", vm.cmd("ps -z"))
        assert vm.cmd("mv a") == "usage: mv fromfile tofile\n\t  mv fromfile ... todir\n"
        assert vm.cmd("cp a") == "usage:\tcp [-gux] fromfile tofile\n\tcp [-x] fromfile ... todir\n"
        assert vm.cmd("wc -z") == "Usage: wc [-lwrbc] [file ...]\n"
        assert re.fullmatch(r"/nonesuch: .*file does not exist\n", vm.cmd("wc /nonesuch"))
        assert vm.cmd("xd /nonesuch") == "xd: can't open /nonesuch\n"
        assert vm.cmd("ns x") == "usage: ns [-r] [pid]\n"
        assert vm.cmd("test 1 -eq x") == "test: unknown operator -eq\n"
        assert vm.cmd("test x -eq 1") == "test: unexpected operator/operand: -eq\n"
        vm.cmd("test -n '' -a x -o -n y")
        assert vm.cmd("echo $status") != "\n"     # Plan 9's short cut: false
