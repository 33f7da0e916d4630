"""#t, the serial line beside the console: COM2 (eia1) on a Unix socket of QEMU's, raw
bytes both ways, its ctl and status files, flow control, a note ending a blocked read, and
9P over it: exportfs serving a directory on the line and the host's 9pc reading and
writing there."""

import os
import re
import socket
import subprocess
import time

from vm import Vm, VmError

NINEPC_TIMEOUT = 60     # one 9pc run under TCG on a loaded machine


class NinePc:
    """The host's 9pc, dialling the server on the VM's eia1."""

    def __init__(self, env, sock):
        self.argv = [env.ninepc, "-a", "unix!" + sock]

    def start(self, *args):
        return subprocess.Popen(self.argv + list(args), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def __call__(self, *args, input=b""):
        r = subprocess.run(self.argv + list(args), input=input, capture_output=True,
                           timeout=NINEPC_TIMEOUT)
        return r.returncode, r.stdout, r.stderr


def until(vm, line, pattern, timeout=60):
    """Runs line on the console until its output matches pattern; returns the match."""
    deadline = time.monotonic() + timeout
    while True:
        out = vm.cmd(line)
        m = re.search(pattern, out)
        if m:
            return m
        if time.monotonic() > deadline:
            raise VmError(f"{line!r} never printed /{pattern}/; last: {out!r}")


def test_9pc_over_eia1(env):
    """exportfs on eia1 serves /tmp/pub: 9pc lists, reads, creates, writes (text, lines
    and all 256 byte values), removes, and reports the server's errors."""
    sock = os.path.join(env.tmp, "eia1")
    with Vm(kernel=env.kernel, eia1=sock) as vm:
        vm.prompt()
        ninepc = NinePc(env, sock)
        assert vm.cmd("ramfs") == ""
        assert vm.cmd("mkdir /tmp/pub /tmp/pub/d; touch /tmp/pub/d/f") == ""
        assert vm.cmd("echo made in Myrmex > /tmp/pub/inside") == ""
        # This client dials before the server has the line open: its Tversion waits in
        # the UART and in QEMU until exportfs reads it.
        early = ninepc.start("read", "inside")
        vm.send("exportfs -r /tmp/pub < '#t/eia1' > '#t/eia1' &")
        vm.prompt()
        out, err = early.communicate(timeout=NINEPC_TIMEOUT)
        assert (early.returncode, out, err) == (0, b"made in Myrmex\n", b"")

        assert ninepc("ls", "/") == (0, b"d\ninside\n", b"")
        status, out, err = ninepc("ls", "-l", "inside")
        assert status == 0 and re.fullmatch(rb"--rw-rw-rw- M 0 \S+ \S+ 15 .* inside\n", out), (out, err)
        status, out, err = ninepc("stat", "d")
        assert status == 0 and re.fullmatch(rb"'d' '\S+' '\S+' '\S*' q \([0-9a-f]{16} \d+ d\) "
                                            rb"m 0200000007[0-7][0-7] at \d+ mt \d+ l 0 t \d+ d \d+\n", out), out
        assert ninepc("read", "missing") == (1, b"", b"9pc: open missing: file does not exist\n")

        assert ninepc("create", "fromhost") == (0, b"", b"")
        assert ninepc("write", "fromhost", input=b"written by 9pc\n") == (0, b"", b"")
        assert vm.cmd("cat /tmp/pub/fromhost") == "written by 9pc\n"
        assert ninepc("write", "-l", "fromhost", input=b"one\ntwo\n") == (0, b"", b"")
        assert vm.cmd("cat /tmp/pub/fromhost") == "one\ntwo\n"

        data = bytes(range(256)) * 128
        assert ninepc("create", "bin") == (0, b"", b"")
        assert ninepc("write", "bin", input=data) == (0, b"", b"")
        assert vm.cmd("wc -c /tmp/pub/bin").split() == ["32768", "/tmp/pub/bin"]
        assert vm.cmd("xd /tmp/pub/bin | sed 2q") == ("0000000  00010203 04050607 08090a0b 0c0d0e0f\n"
                                                     "0000010  10111213 14151617 18191a1b 1c1d1e1f\n")
        assert ninepc("read", "bin") == (0, data, b"")

        assert ninepc("rm", "bin", "d", "nonesuch") == (
            1, b"", b"9pc: remove d: directory not empty\n9pc: remove nonesuch: file does not exist\n")
        assert vm.cmd("ls /tmp/pub") == "d\nfromhost\ninside\n"
        assert "exportfs" in vm.cmd("ps")
        vm.assert_running()


def test_eia1_files(env):
    """The directory, ctl (the line's number; settings made and refused) and status."""
    sock = os.path.join(env.tmp, "eia1")
    with Vm(kernel=env.kernel, eia1=sock) as vm:
        vm.prompt()
        assert vm.cmd("ls '#t'") == "eia1\neia1ctl\neia1status\n"
        assert vm.cmd("cat '#t/eia1ctl'") == "          1 "
        assert vm.cmd("cat '#t/eia1status'") == ("b115200 c0 d1 e0 l8 m0 pn r1 s1 i1\n"
                                                "dev(1) type(0) framing(0) overruns(0) berr(0) serr(0)\n")
        assert vm.cmd("echo b9600 l7 pe s2 > '#t/eia1ctl'") == ""
        assert vm.cmd("sed 1q '#t/eia1status'") == "b9600 c0 d1 e0 l7 m0 pe r1 s2 i1\n"
        assert vm.cmd("echo b7 > '#t/eia1ctl'") == "echo: write error: bad arg in system call\n"
        assert vm.cmd("echo x1 > '#t/eia1ctl'") == \
            "echo: write error: bad process or channel control request\n"
        assert vm.cmd("echo b115200 l8 pn s1 > '#t/eia1ctl'") == ""
        assert vm.cmd("sed 1q '#t/eia1status'") == "b115200 c0 d1 e0 l8 m0 pn r1 s1 i1\n"


def test_eia1_raw_bytes(env):
    """Bytes pass as they are both ways: no echo, no CR/LF mapping, and the console's
    control characters (^D, Delete, ^U, ^H) are data."""
    sock = os.path.join(env.tmp, "eia1")
    with Vm(kernel=env.kernel, eia1=sock) as vm:
        vm.prompt()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(sock)
            s.settimeout(NINEPC_TIMEOUT)
            s.sendall(b"a\x04b\x7fc\x15d\x08e\r\n")
            assert vm.cmd("read < '#t/eia1' | xd -c") == (
                "0000000   a 04  b 7f  c 15  d \\b  e \\r \\n\n"
                "000000b \n")
            # read has shown the line arrived, so QEMU has taken the connection: what the
            # guest writes now reaches this socket rather than being dropped.
            assert vm.cmd("echo hello > '#t/eia1'") == ""
            got = b""
            while len(got) < 6:
                chunk = s.recv(64)
                assert chunk, f"eia1 closed after {got!r}"
                got += chunk
            assert got == b"hello\n"


def test_eia1_flow_control(env):
    """Input beyond the ring (8 KB) is held off, not lost: with nobody reading, the ring
    fills and serr counts the stall; a reader then gets every byte in order."""
    sock = os.path.join(env.tmp, "eia1")
    with Vm(kernel=env.kernel, eia1=sock) as vm:
        vm.prompt()
        assert vm.cmd("ramfs") == ""
        vm.send("{ while(! test -e /tmp/go) sleep 1; read -n 3000 > /tmp/lines; touch /tmp/done }"
                " < '#t/eia1' &")
        vm.prompt()
        lines = b"".join(b"%d\n" % i for i in range(1, 3001))  # 13,893 bytes
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(sock)
            s.settimeout(NINEPC_TIMEOUT)
            s.sendall(lines)
            until(vm, "sed -n 2p '#t/eia1status'", r"serr\(1\)")
            assert vm.cmd("touch /tmp/go") == ""
            until(vm, "ls /tmp", r"(?m)^done$")
        assert vm.cmd("seq 3000 > /tmp/want; cmp /tmp/want /tmp/lines; echo $status") == "\n"


def test_eia1_read_interrupted(env):
    """A read waiting for input on eia1 ends when a note comes."""
    sock = os.path.join(env.tmp, "eia1")
    with Vm(kernel=env.kernel, eia1=sock) as vm:
        vm.prompt()
        vm.send("cat '#t/eia1' &")
        vm.prompt()
        pid = vm.cmd("echo $apid").strip()
        until(vm, "ps", rf"(?m)^\S+ +{pid} .* Wakeme +cat$")
        assert vm.cmd(f"echo interrupt > /proc/{pid}/note") == ""
        until(vm, "ps", r"^(?![\s\S]* cat\n)")
        vm.assert_running()


def test_eia1_absent(env):
    """Without a UART at 0x2F8, #t is empty."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("ls '#t'") == ""
        assert "does not exist" in vm.cmd("cat '#t/eia1'")
