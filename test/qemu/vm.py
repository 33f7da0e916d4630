"""Drive one QEMU virtual machine through its serial console.

    with Vm(kernel="build/myrmex", append="sysname=ant1") as vm:
        vm.prompt()
        assert vm.cmd("echo hello") == "hello\n"
        vm.send("halt")
        assert vm.wait_exit() == 1

A reader thread keeps the whole console log; expect() searches it from where the last
match ended, so nothing is lost between calls. Nothing sleeps for a fixed time: every wait
is for visible output (or QEMU's exit) with a timeout. Leaving the `with` block always kills
QEMU (by its PID) and, if the block raised, prints the whole console log.
"""

import codecs
import os
import re
import shutil
import subprocess
import sys
import threading
import time

QEMU = os.environ.get("QEMU", "qemu-system-i386")
PROMPT = r"(?m)^% |% \Z"     # the runner's prompt: at a line start, or last thing on the wire
BOOT_TIMEOUT = float(os.environ.get("MYRMEX_BOOT_TIMEOUT", "30"))
TIMEOUT = float(os.environ.get("MYRMEX_TIMEOUT", "15"))
PANIC = r"(?m)^panic: .*\n"   # seen while waiting for something else: fail at once


class VmError(AssertionError):
    """A check on the console or on QEMU failed."""


class VmTimeout(VmError):
    """What expect() waited for did not show up in time (QEMU still runs)."""


class Vm:
    def __init__(self, kernel=None, iso=None, cpu=None, append=None, mem=128, extra=(),
                 name=None, fail_on=PANIC, eia1=None):
        if (kernel is None) == (iso is None):
            raise ValueError("Vm: give exactly one of kernel= or iso=")
        image = kernel or iso
        if not os.path.exists(image):
            raise VmError(f"Vm: no such file {image} (was it built?)")
        if shutil.which(QEMU) is None:
            raise VmError(f"Vm: {QEMU} not found (run scripts/setup)")
        self.name = name or os.path.basename(image)
        self.fail_on = re.compile(fail_on) if fail_on else None
        self.argv = [QEMU, "-accel", "tcg", "-m", str(mem), "-display", "none",
                     "-monitor", "none", "-serial", "stdio", "-no-reboot",
                     "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
        if kernel:
            self.argv += ["-kernel", kernel]
            if append:
                self.argv += ["-append", append]
        else:
            if append:
                raise ValueError("Vm: append= needs kernel= (the ISO's grub.cfg holds its command line)")
            self.argv += ["-cdrom", iso, "-boot", "d"]
        if cpu:
            self.argv += ["-cpu", cpu]
        if eia1:
            # COM2 (Myrmex's #t/eia1) on a Unix socket QEMU listens on: a client may come
            # and go; bytes the guest sends while none is connected are dropped.
            self.argv += ["-serial", f"unix:{eia1},server=on,wait=off"]
        self.argv += list(extra)

        self._text = ""                # console log, decoded, carriage returns dropped
        self._nraw = 0                 # console bytes received
        self._err = bytearray()        # QEMU's own stderr
        self._cond = threading.Condition()
        self._eof = False
        self.pos = 0                   # expect() searches the log from here
        self.t_start = time.monotonic()
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, bufsize=0)
        self._threads = [threading.Thread(target=self._pump, args=(self.proc.stdout, True), daemon=True),
                         threading.Thread(target=self._pump, args=(self.proc.stderr, False), daemon=True)]
        for t in self._threads:
            t.start()

    # -- plumbing ----------------------------------------------------------------------

    def _pump(self, f, console):
        dec = codecs.getincrementaldecoder("utf-8")("replace")
        while True:
            try:
                data = os.read(f.fileno(), 65536)
            except OSError:
                data = b""
            with self._cond:
                if not console:
                    self._err += data
                elif data:
                    self._nraw += len(data)
                    self._text += dec.decode(data).replace("\r", "")
                else:
                    self._eof = True
                self._cond.notify_all()
            if not data:
                return

    @property
    def log(self):
        """The whole console log so far, as text, carriage returns dropped."""
        with self._cond:
            return self._text

    def stderr(self):
        with self._cond:
            return bytes(self._err).decode("utf-8", "replace")

    def running(self):
        return self.proc.poll() is None

    def _fail(self, what):
        raise VmError(f"{self.name}: {what}")

    # -- the interface tests use ---------------------------------------------------------

    def expect(self, regex, timeout=TIMEOUT):
        """Wait until regex matches the console log after the previous match; return the
        match (its end becomes the new start). Raises VmError on timeout, on QEMU's exit, or
        when fail_on (by default a kernel panic) shows up first."""
        pat = re.compile(regex) if isinstance(regex, str) else regex
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                m = pat.search(self._text, self.pos)
                if m:
                    self.pos = m.end()
                    return m
                bad = self.fail_on and self.fail_on.search(self._text, self.pos)
                if bad:
                    self._fail(f"{bad.group().strip()!r} while waiting for /{pat.pattern}/")
                if self._eof:
                    self._fail(f"QEMU exited (status {self.proc.wait()}) before "
                               f"/{pat.pattern}/ appeared")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise VmTimeout(f"{self.name}: timed out after {timeout:g}s waiting for /{pat.pattern}/")
                self._cond.wait(left)

    def send(self, line):
        """Type one line on the console."""
        try:
            self.proc.stdin.write(line.encode() + b"\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            self._fail(f"QEMU is gone; could not send {line!r}")

    def prompt(self, timeout=BOOT_TIMEOUT):
        """Wait for the console prompt "% "."""
        return self.expect(PROMPT, timeout)

    def cmd(self, line, timeout=TIMEOUT):
        """Run one command line and wait for the next prompt; return what it printed
        (without the echoed command line, carriage returns dropped)."""
        start = self.pos
        self.send(line)
        m = self.prompt(timeout)
        out = self.log[start:m.start()]
        for echo in (line + "\n", line):
            if out.startswith(echo):
                out = out[len(echo):]
                break
        return out

    def wait_exit(self, timeout=TIMEOUT):
        """Wait for QEMU to exit on its own; return its exit status."""
        try:
            status = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._fail(f"QEMU still running after {timeout:g}s")
        for t in self._threads:
            t.join(5)
        return status

    def assert_running(self):
        if not self.running():
            self._fail(f"QEMU exited with status {self.proc.returncode}; it should still run")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass
        for t in self._threads:
            t.join(5)

    def dump(self, out=sys.stdout):
        """Print the command line, the whole console log and QEMU's stderr."""
        bar = "-" * 20
        print(f"{bar} {self.name}: {' '.join(self.argv)}", file=out)
        print(f"{bar} console log ({self._nraw} bytes) {bar}", file=out)
        print(self.log, file=out)
        err = self.stderr()
        if err:
            print(f"{bar} qemu stderr {bar}", file=out)
            print(err, end="" if err.endswith("\n") else "\n", file=out)
        print(f"{bar} end of {self.name} {bar}", file=out, flush=True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.kill()
        if exc_type is not None:
            self.dump()
        return False
