"""hubfs(4) through the kernel's mount driver: broadcast of a 10 MB stream to two readers
(SHA-1), the backlog and trunc, a stalled reader in normal mode (the writer finishes, the
reader loses) and in paranoid mode (the writer waits, nothing is lost), the ctl file,
removal, the rate limits and quit."""

import os

from vm import Vm

STREAM = "/boot/tests/streamgen"


def start(vm, flags=""):
    """ramfs on /tmp, mntgen on /n, and hubfs posted as /srv/hubfs on /n/hubfs."""
    vm.prompt()
    for line in ("ramfs", "mntgen /n", f"hubfs {flags} -s hubfs".replace("  ", " "),
                 "mount -c /srv/hubfs /n/hubfs", "touch /n/hubfs/ctl"):
        assert vm.cmd(line) == "", line


def reader(vm, hub, name, sink):
    """A background reader of hub that is open before this returns: its shell opens the
    hub, then touches /tmp/NAME.open, then runs sink (an rc command) on the hub."""
    assert vm.cmd(f"{{touch /tmp/{name}.open; {sink}}} </n/hubfs/{hub} &") == ""
    assert vm.cmd(f"while(! test -e /tmp/{name}.open) sleep 0.1") == ""


def digest(vm, nbytes):
    out = vm.cmd(f"{STREAM} {nbytes} | sha1sum").strip()
    assert len(out) == 40, out
    return out


def test_broadcast_10mb(env):
    """Two readers of one hub each receive every byte of a 10 MB stream. Paranoid mode
    holds the writer for the slower reader, so neither can lose data."""
    with Vm(kernel=env.test_kernel) as vm:
        start(vm)
        assert vm.cmd("touch /n/hubfs/data; echo fear >/n/hubfs/ctl") == ""
        want = digest(vm, 10 << 20)
        reader(vm, "data", "a", "cat | sha1sum >/tmp/a")
        reader(vm, "data", "b", "cat | sha1sum >/tmp/b")
        assert vm.cmd(f"{STREAM} {10 << 20} >/n/hubfs/data; echo eof data >/n/hubfs/ctl; wait",
                      timeout=300) == ""
        assert vm.cmd("cat /tmp/a /tmp/b") == f"{want}\n{want}\n"


def test_backlog_and_trunc(env):
    """A reader opened later receives what was written before it (the backlog); after
    trunc a new reader receives only what is written after it opened."""
    with Vm(kernel=env.test_kernel) as vm:
        start(vm)
        assert vm.cmd("echo one >/n/hubfs/h; echo two >/n/hubfs/h") == ""
        reader(vm, "h", "late", "cat >/tmp/late")
        assert vm.cmd("echo trunc >/n/hubfs/ctl") == ""
        reader(vm, "h", "new", "cat >/tmp/new")
        assert vm.cmd("echo three >/n/hubfs/h; echo eof h >/n/hubfs/ctl; wait") == ""
        assert vm.cmd("cat /tmp/late") == "one\ntwo\nthree\n"
        assert vm.cmd("cat /tmp/new") == "three\n"
        assert "Trunc == 1" in vm.cmd("cat /n/hubfs/ctl")


def stalled(vm, nbytes):
    """A reader that opens the hub, then stalls for 5 s before reading; meanwhile nbytes
    are written. Returns the order of the events ('written', 'resumed') and what the
    reader received, as `sha1sum` and `wc -c` would tell."""
    assert vm.cmd("touch /n/hubfs/h") == ""
    reader(vm, "h", "slow", "sleep 5; echo resumed >>/tmp/log; cat >/tmp/got")
    assert vm.cmd(f"{STREAM} {nbytes} >/n/hubfs/h; echo written >>/tmp/log", timeout=120) == ""
    assert vm.cmd("echo eof h >/n/hubfs/ctl; wait", timeout=120) == ""
    order = vm.cmd("cat /tmp/log").split()
    got = vm.cmd("sha1sum </tmp/got").strip()
    size = int(vm.cmd("wc -c </tmp/got").split()[0])
    return order, got, size


def test_stalled_reader_normal_mode_loses(env):
    """Normal mode never holds a writer: 2 MB are written while the reader is stalled,
    and the reader then gets only the last 777777 bytes (the documented loss)."""
    with Vm(kernel=env.test_kernel) as vm:
        start(vm)
        want = digest(vm, 2 << 20)
        order, got, size = stalled(vm, 2 << 20)
        assert order == ["written", "resumed"], order
        assert size == 777777 and got != want, (size, got)


def test_stalled_reader_paranoid_mode_keeps_all(env):
    """With fear, the writer waits for the stalled reader, which receives all 2 MB."""
    with Vm(kernel=env.test_kernel) as vm:
        start(vm)
        assert vm.cmd("echo fear >/n/hubfs/ctl") == ""
        assert "Paranoid == 1" in vm.cmd("cat /n/hubfs/ctl")
        want = digest(vm, 2 << 20)
        order, got, size = stalled(vm, 2 << 20)
        assert order == ["resumed", "written"], order
        assert (size, got) == (2 << 20, want)


def test_ctl(env):
    """The status text, freeze and melt, eof, bad messages, and the flags shown."""
    with Vm(kernel=env.test_kernel) as vm:
        start(vm, "-t -q 100000")
        assert vm.cmd("cat /n/hubfs/ctl") == (
            "\tHubfs hubfs status (1 is active, 0 is inactive):\n"
            "Paranoid == 0  Frozen == 0  Trunc == 1  Applylimits == 0\n"
            "Buffersize == 100000\n")
        assert vm.cmd("echo notrunc >/n/hubfs/ctl; echo hello >/n/hubfs/h") == ""
        reader(vm, "h", "stream", "cat >/tmp/stream")
        # frozen: a hub reads as a file of its contents; a streaming reader waits
        assert vm.cmd("echo freeze >/n/hubfs/ctl") == ""
        assert "Frozen == 1" in vm.cmd("cat /n/hubfs/ctl")
        assert vm.cmd("cat /n/hubfs/h") == "hello\n"
        assert vm.cmd("wc -l /n/hubfs/h").split() == ["1", "/n/hubfs/h"]
        assert vm.cmd("echo melt >/n/hubfs/ctl; echo world >/n/hubfs/h") == ""
        assert vm.cmd("echo eof h >/n/hubfs/ctl; wait") == ""
        assert vm.cmd("cat /tmp/stream") == "hello\nworld\n"
        assert vm.cmd("echo bogus >/n/hubfs/ctl") == "echo: write error: bad ctl message\n"
        assert vm.cmd("echo eof nosuch >/n/hubfs/ctl") == "echo: write error: hub not found\n"
        assert vm.cmd("echo fear calm >/n/hubfs/ctl") == "echo: write error: bad ctl message\n"
        # an eof for every hub ends every waiting reader
        reader(vm, "h", "one", "cat >/dev/null; echo one ended")
        assert vm.cmd("touch /n/hubfs/g") == ""
        reader(vm, "g", "two", "cat >/dev/null; echo two ended")
        out = vm.cmd("echo eof >/n/hubfs/ctl; wait")
        assert sorted(out.split("\n")) == ["", "one ended", "two ended"], out


def test_remove_and_quit(env):
    """Removing a hub ends its readers and leaves the others working; quit ends the
    server and its /srv entry, and later use of the mount fails with an error."""
    with Vm(kernel=env.test_kernel) as vm:
        start(vm)
        assert vm.cmd("touch /n/hubfs/a /n/hubfs/b; echo kept >/n/hubfs/b") == ""
        reader(vm, "a", "a", "cat; echo a ended")
        assert vm.cmd("rm /n/hubfs/a; wait") == "a ended\n"
        assert vm.cmd("lc /n/hubfs").split() == ["b", "ctl"]
        assert vm.cmd("read </n/hubfs/b") == "kept\n"
        assert vm.cmd("touch /n/hubfs/a; echo again >/n/hubfs/a; read </n/hubfs/a") == "again\n"
        assert vm.cmd("echo quit >/n/hubfs/ctl") == ""
        assert vm.cmd("ls /srv") == ""
        assert vm.cmd("cat /n/hubfs/b") == "cat: can't open /n/hubfs/b: i/o on hungup channel\n"
        vm.assert_running()


def test_rate_limit(env):
    """-b holds writes to the rate: 300000 bytes at 100000 bytes/s take about 3 s."""
    with Vm(kernel=env.test_kernel) as vm:
        start(vm, "-b 100000")
        assert "Applylimits == 1" in vm.cmd("cat /n/hubfs/ctl")
        out = vm.cmd(f"t0=`{{date -n}}; {STREAM} 300000 >/n/hubfs/h; t1=`{{date -n}}; echo $t0 $t1",
                     timeout=120).split()
        elapsed = int(out[1]) - int(out[0])
        assert 2 <= elapsed <= 30, out
        assert vm.cmd("hubfs -a tcp!*!5555").startswith("hubfs: announce tcp!*!5555: ")
        assert vm.cmd("hubfs") == "hubfs: must specify -a, -s, or -m option\n"


SOAK_SECONDS = int(os.environ.get("MYRMEX_SOAK_SECONDS", "300"))
# The soak loop's rc functions, each short enough for one console line.
SOAK_FNS = [
    "fn stages {rm -f /tmp/?.open;"
    " {touch /tmp/c.open; cat | sha1sum >/tmp/got} </n/hubfs/c &"
    " {touch /tmp/b.open; cat | /boot/tests/bytemap -d $1 >/n/hubfs/c; echo eof c >/n/hubfs/ctl} </n/hubfs/b &"
    " {touch /tmp/a.open; cat | /boot/tests/bytemap $1 >/n/hubfs/b; echo eof b >/n/hubfs/ctl} </n/hubfs/a &}",
    "fn opened {while(! test -e /tmp/a.open || ! test -e /tmp/b.open || ! test -e /tmp/c.open) sleep 0.1}",
    f"fn send {{{STREAM} -s $1 1000000 >/n/hubfs/a; echo eof a >/n/hubfs/ctl; wait}}",
    f"fn check {{if(~ `{{{STREAM} -s $1 1000000 | sha1sum}} `{{cat /tmp/got}}) ok=($ok $1); if not bad=($bad $1)}}",
    "fn soak {stages $1; opened; send $1; check $1}",
]


def test_soak(env):
    """For five minutes, an rc loop sends 1 MB streams (a new seed each time) through
    hub a, a cipher stage, hub b, the inverse stage and hub c to sha1sum, in paranoid
    mode; every loop's digest must equal the source's."""
    with Vm(kernel=env.test_kernel) as vm:
        start(vm, "-t")
        assert vm.cmd("touch /n/hubfs/a /n/hubfs/b /n/hubfs/c; echo fear >/n/hubfs/ctl") == ""
        for fn in SOAK_FNS:
            assert vm.cmd(fn) == "", fn
        end = int(vm.cmd("date -n")) + SOAK_SECONDS
        out = vm.cmd(f"ok=(); bad=(); i=(); while(test `{{date -n}} -lt {end}){{i=($i x); soak $#i}}; "
                     "echo $#ok ok; echo bad $bad", timeout=SOAK_SECONDS + 120)
        lines = out.splitlines()
        assert lines[-1] == "bad", out
        assert int(lines[-2].split()[0]) >= 10, out
