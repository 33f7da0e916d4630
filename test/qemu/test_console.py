"""The PC's own console: the VGA text screen and the PS/2 keyboard (driven through QMP)."""

import os

from qmp import Qmp, qmp_args
from vm import Vm


def test_keyboard_and_screen(env):
    sock = os.path.join(env.tmp, "qmp.sock")
    with Vm(kernel=env.kernel, extra=qmp_args(sock)) as vm, Qmp(sock) as q:
        vm.prompt()
        q.type_text("echo Typed-On_The.PC $status\n")
        vm.expect(r"\nTyped-On_The\.PC \n")  # the echo's output, copied to the serial line
        vm.prompt()
        screen = q.vga_text(env.tmp)
        assert "Myrmex" in screen, f"no banner on screen: {screen}"  # below the BIOS's lines
        assert "% echo Typed-On_The.PC $status" in screen, f"typed line not on screen: {screen}"
        i = screen.index("% echo Typed-On_The.PC $status")
        assert screen[i + 1] == "Typed-On_The.PC", f"echo output on screen: {screen[i + 1]!r}"
        assert screen[i + 2] == "%", f"no prompt after the command: {screen[i + 2]!r}"


def test_keyboard_line_editing(env):
    sock = os.path.join(env.tmp, "qmp.sock")
    with Vm(kernel=env.kernel, extra=qmp_args(sock)) as vm, Qmp(sock) as q:
        vm.prompt()
        q.type_text("echo wrong")
        q.execute("send-key", keys=[{"type": "qcode", "data": "ctrl"}, {"type": "qcode", "data": "u"}])
        q.type_text("echo rightx")
        q.execute("send-key", keys=[{"type": "qcode", "data": "backspace"}])
        q.type_text("\n")
        vm.expect(r"\nright\n")
        vm.prompt()
        assert "wrong" not in vm.log.split("right")[-1]
