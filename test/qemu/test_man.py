"""man(1) and p(1) on the console of the test kernel: pages come from the bootpaq's copy
of the manual (/boot/sys/man) rendered as Plan 9's nroff -man renders them; a missing
page gives Plan 9's error; p stops after each page for a line typed on the console."""

import re

from vm import Vm

TITLE = "     CAT(1)" + " " * 53 + "CAT(1)\n"


def run(env, fn):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        fn(vm)


def test_man(env):
    def check(vm):
        out = vm.cmd("man cat")
        assert out.startswith("\n" + TITLE + "\n     NAME\n          cat - catenate files\n\n"), out
        assert "\n     SYNOPSIS\n          cat [ file ... ]\n\n" in out, out
        assert out.endswith(".\n\n"), out
        assert all(len(line) <= 70 for line in out.split("\n")), out
        assert "\n\n\n" not in out, out
        assert vm.cmd("man 1 cat") == out
        assert vm.cmd("man -w cat ls") == "/boot/sys/man/1/cat\n/boot/sys/man/1/ls\n"
        assert vm.cmd("man -w 4 ramfs") == "/boot/sys/man/4/ramfs\n"
        assert vm.cmd("man 4 cat") == "man: no manual page\n"
        assert vm.cmd("man nonesuch") == "man: no manual page\n"
        assert re.fullmatch(r"(man \d+: )?no man\n", vm.cmd("echo $status")), vm.cmd("echo $status")
        assert vm.cmd("man") == "usage: man [-nPSw] [section ...] title ...\n"
        # their examples hold "% " prompts, which the harness could take for rc's own
        out = vm.cmd("man man p | grep -v '^ *%'")
        assert out.count("MAN(1)") == 2 and out.count("P(1)") == 2, out
    run(env, check)


def test_p(env):
    def check(vm):
        vm.send("p -2 /boot/sys/man/1/cat")
        vm.expect(r"\n\.TH CAT 1\n\.SH NAME\Z")       # the page's last newline is held back
        vm.send("")
        vm.expect(r"\ncat \\- catenate files\n\.SH SYNOPSIS\Z")
        vm.send("q")
        vm.prompt()
        vm.send("man -P cat")
        vm.expect(r"\n\n" + re.escape(TITLE) + r"\n     NAME\n")
        vm.expect(r"(?:.*\n){17}.+\Z")               # 22 lines, the last without its newline
        vm.send("q")
        vm.prompt()
        assert vm.cmd("p /nonesuch").startswith("p: can't open /nonesuch - ")
    run(env, check)
