"""exportfs(4) and srvfs(4): parts of the console's name space posted in /srv, mounted
elsewhere and used through the shell's commands."""

from vm import Vm


def test_srvfs(env):
    """srvfs of /dev read through a mount, and of a ramfs written through one."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("srvfs devs /dev") == ""
        assert vm.cmd("ls -l /srv/devs").startswith("--rw-------"), vm.cmd("ls -l /srv/devs")
        assert vm.cmd("mount /srv/devs /n") == ""
        assert vm.cmd("cat /n/sysname") == "myrmex"
        names = vm.cmd("ls /n").split()
        assert "cons" in names and "sysname" in names, names
        want = vm.cmd("cat /dev/nonesuch").replace("/dev/", "/n/")
        assert vm.cmd("cat /n/nonesuch") == want and "/n/nonesuch" in want, want
        # writes, creation, renames and removal through a srvfs of a ramfs
        assert vm.cmd("ramfs") == ""
        assert vm.cmd("mkdir /tmp/d") == ""
        assert vm.cmd("srvfs -p 0666 scratch /tmp/d") == ""
        assert vm.cmd("ls -l /srv/scratch").startswith("--rw-rw-rw-"), vm.cmd("ls -l /srv/scratch")
        assert vm.cmd("mount -c /srv/scratch /mnt") == ""
        assert vm.cmd("cp /dev/sysname /mnt/name") == ""
        assert vm.cmd("cat /tmp/d/name") == "myrmex"
        assert vm.cmd("mv /mnt/name /mnt/other") == ""
        assert vm.cmd("ls /tmp/d") == "other\n"
        assert vm.cmd("mkdir /mnt/sub") == "" and vm.cmd("ls /tmp/d/sub") == ""
        # errors come back with the system call's text (here ramfs's)
        assert vm.cmd("cp /mnt/other /mnt/sub/x") == ""
        assert vm.cmd("rm /mnt/sub") == "rm: /mnt/sub: directory not empty\n"
        assert vm.cmd("rm -r /mnt/other /mnt/sub") == ""
        assert vm.cmd("ls /tmp/d") == ""
        vm.assert_running()


def test_exportfs(env):
    """exportfs -r ROOT -S NAME, of /dev and of the whole name space; usage."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("exportfs -r /dev -S ex") == ""
        assert vm.cmd("mount /srv/ex /n") == ""
        assert vm.cmd("cat /n/sysname") == "myrmex"
        assert vm.cmd("exportfs -r / -S all") == ""
        assert vm.cmd("mount /srv/all /mnt") == ""
        assert vm.cmd("cat /mnt/dev/sysname") == "myrmex"
        assert vm.cmd("exportfs -x") == "usage: exportfs [-d] [-r root] [-S srvname]\n"
        vm.assert_running()


def test_iostats(env):
    """iostats runs a command through a counting 9P server and reports its traffic."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        out = vm.cmd("iostats cat /dev/sysname")
        assert out.startswith("myrmex"), out  # sysname has no newline: the table follows
        rows = {l.split()[0]: l.split()[1:] for l in out[len("myrmex"):].splitlines() if l.strip()}
        assert rows["message"] == ["count", "bytes", "in", "bytes", "out"], out
        for t in ("Tversion", "Tattach", "Twalk", "Topen", "Tread", "Tclunk"):
            assert int(rows[t][0]) >= 1, f"no {t}: {out}"
        assert int(rows["Tread"][1]) > 0 and int(rows["Tread"][2]) > len("myrmex"), out
        assert int(rows["total"][0]) == sum(int(v[0]) for k, v in rows.items() if k.startswith("T")), out
        assert vm.cmd("iostats").startswith("usage: iostats")


def test_d_reports_9p_traffic(env):
    """srvfs -d and exportfs -d print each 9P message received and sent on standard error."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("ramfs; mkdir /tmp/d; echo hi >/tmp/d/f") == ""
        assert vm.cmd("srvfs -d dbg /tmp/d >[2]/tmp/log") == ""
        assert vm.cmd("mount /srv/dbg /n; cat /n/f; unmount /n") == "hi\n"
        log = vm.cmd("cat /tmp/log").split("\n")
        assert log[0].startswith("<-") and " Tversion tag 65535 msize 8216 version '9P2000'" in log[0], log
        assert any(" Twalk tag " in l and " nwname 1 0:f" in l for l in log), log
        assert any(l.startswith("-") and " Rread tag " in l and l.endswith(" count 3") for l in log), log
        assert vm.cmd("srvfs -x a b").startswith("usage: srvfs [-d] [-p perm] name path")
        assert vm.cmd("exportfs -d -r /tmp/d -S dbg2 >[2]/tmp/log2; mount /srv/dbg2 /mnt; ls /mnt") == "f\n"
        log = vm.cmd("cat /tmp/log2")
        assert " Tattach tag " in log and " uname 'glenda' aname ''" in log and " Rattach tag " in log, log


def serve_tmp_d(vm, sub, bind_cmd):
    """A ramfs on /tmp with /tmp/d/SUB made by bind_cmd and /tmp/d/f holding hello,
    posted by srvfs as /srv/blk and mounted on /n."""
    assert vm.cmd("ramfs") == ""
    assert vm.cmd(f"mkdir /tmp/d /tmp/d/{sub}") == ""
    assert vm.cmd(bind_cmd) == ""
    assert vm.cmd("echo hello > /tmp/d/f") == ""
    assert vm.cmd("srvfs blk /tmp/d") == ""
    assert vm.cmd("mount -c /srv/blk /n") == ""


def kill_waiting(vm, pid, what):
    """Kills background command pid, which must still be waiting, and checks it went."""
    assert f" {pid} " in vm.cmd("ps"), f"{what} is not waiting"
    assert vm.cmd(f"echo kill > /proc/{pid}/note") == ""
    assert vm.cmd("sleep 1") == ""
    assert f" {pid} " not in vm.cmd("ps"), f"{what} was not interrupted"


def test_blocking_requests(env):
    """A read of an empty pipe through srvfs waits in a worker process while other
    requests (walks, directory reads, reads and writes of files) are answered; killing
    the reader flushes its read, which interrupts the worker; the server goes on, and a
    new reader of the pipe gets what is written to it."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        serve_tmp_d(vm, "p", "bind '#|' /tmp/d/p")
        assert vm.cmd("cat /n/p/data > /tmp/o1 &") == ""
        reader = vm.cmd("echo $apid").strip()
        assert vm.cmd("ls /n", timeout=10) == "f\np\n"
        assert vm.cmd("cat /n/f", timeout=10) == "hello\n"
        assert vm.cmd("echo more > /n/g", timeout=10) == ""
        assert vm.cmd("cat /tmp/d/g") == "more\n"
        assert vm.cmd("ls /n/p", timeout=10) == "data\ndata1\n"
        kill_waiting(vm, reader, "the reader")
        assert vm.cmd("cat /n/f", timeout=10) == "hello\n"
        assert vm.cmd("cat /n/p/data > /tmp/o2 &") == ""
        assert vm.cmd("echo again > /tmp/d/p/data1", timeout=10) == ""
        assert vm.cmd("sleep 1") == ""
        assert vm.cmd("cat /tmp/o2") == "again\n"
        assert vm.cmd("cat /tmp/o1") == ""
        assert vm.cmd("echo later > /n/g && cat /n/g", timeout=10) == "later\n"
        assert "srvfs" in vm.cmd("ps"), "the server is gone"
        vm.assert_running()


def test_stray_note_is_not_a_flush(env):
    """A worker whose call a note interrupts though its request was not flushed (a
    flush note posted again arriving late looks like this) makes the call again: the
    read of an empty pipe goes on waiting and gets what is written later."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        serve_tmp_d(vm, "p", "bind '#|' /tmp/d/p")
        assert vm.cmd("cat /n/p/data > /tmp/o &") == ""
        assert vm.cmd("sleep 1") == ""
        pids = sorted(int(line.split()[1]) for line in vm.cmd("ps").splitlines() if line.split()[-1] == "srvfs")
        assert len(pids) >= 2, "no worker waits in the read"
        for worker in pids[1:]:  # the serving process came first
            assert vm.cmd(f"echo -n flush > /proc/{worker}/note") == ""
        assert vm.cmd("sleep 1") == ""
        assert vm.cmd("echo again > /tmp/d/p/data1", timeout=10) == ""
        assert vm.cmd("sleep 1") == ""
        assert vm.cmd("cat /tmp/o") == "again\n"
        vm.assert_running()


def test_hung_server_holds_up_nothing(env):
    """A walk through srvfs to a file whose server never answers its stat waits in a
    worker: other walks, reads and directory reads are answered meanwhile, and killing
    the waiting command flushes its walk."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        assert vm.cmd("/boot/tests/holdsrv hold") == ""
        serve_tmp_d(vm, "h", "mount /srv/hold /tmp/d/h")
        assert vm.cmd("ls -l /n/h/held > /tmp/o &") == ""
        waiting = vm.cmd("echo $apid").strip()
        assert vm.cmd("sleep 1") == ""
        assert vm.cmd("cat /n/f", timeout=10) == "hello\n"
        assert vm.cmd("ls /n", timeout=10) == "f\nh\n"
        kill_waiting(vm, waiting, "the walk to the held file")
        assert vm.cmd("echo again > /n/g && cat /n/g", timeout=10) == "again\n"
        vm.assert_running()

