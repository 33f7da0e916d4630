"""A minimal QMP client: press keys on the guest's PS/2 keyboard and read its VGA text
screen, so tests can drive the console a person sitting at the PC would use.

    vm = Vm(kernel=..., extra=qmp_args(path))
    with Qmp(path) as q:
        q.type_text("echo hi\\n")
        screen = q.vga_text()
"""

import json
import os
import socket
import time

# QEMU key codes ("qcode") for the characters tests type; shifted ones carry "shift".
_KEYS = {" ": ["spc"], "\n": ["ret"], "-": ["minus"], ".": ["dot"], "/": ["slash"],
         "'": ["apostrophe"], "#": ["shift", "3"], "$": ["shift", "4"], "_": ["shift", "minus"]}
VGA_TEXT = 0xB8000
COLS, ROWS = 80, 25


def qmp_args(path):
    return ["-qmp", f"unix:{path},server=on,wait=off"]


def keys_for(ch):
    if ch in _KEYS:
        return _KEYS[ch]
    if ch.isdigit() or ch.islower():
        return [ch]
    if ch.isupper():
        return ["shift", ch.lower()]
    raise ValueError(f"qmp: no key for {ch!r}")


class Qmp:
    def __init__(self, path, timeout=10):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)  # QEMU creates the socket as it starts; poll for it
        self.sock.settimeout(timeout)
        self.file = self.sock.makefile("rw")
        self._reply()  # greeting
        self.execute("qmp_capabilities")

    def _reply(self):
        while True:
            line = self.file.readline()
            if not line:
                raise EOFError("qmp: QEMU closed the connection")
            msg = json.loads(line)
            if "event" not in msg:
                return msg

    def execute(self, command, **arguments):
        req = {"execute": command}
        if arguments:
            req["arguments"] = arguments
        self.file.write(json.dumps(req) + "\n")
        self.file.flush()
        reply = self._reply()
        if "error" in reply:
            raise RuntimeError(f"qmp {command}: {reply['error']}")
        return reply.get("return")

    def type_text(self, text):
        for ch in text:
            keys = [{"type": "qcode", "data": k} for k in keys_for(ch)]
            self.execute("send-key", keys=keys)

    def vga_text(self, tmpdir):
        """The 80x25 text screen as a list of lines (trailing blanks removed)."""
        path = os.path.join(tmpdir, "vga.bin")
        self.execute("pmemsave", val=VGA_TEXT, size=COLS * ROWS * 2, filename=path)
        with open(path, "rb") as f:
            cells = f.read()
        chars = bytes(cells[0::2]).decode("latin-1")
        return [chars[r * COLS:(r + 1) * COLS].rstrip() for r in range(ROWS)]

    def close(self):
        self.file.close()
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
