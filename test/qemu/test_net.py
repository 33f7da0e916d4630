"""Programs that dial, announce and listen (dial(2)), over loopnet, a test network of one
machine served as /net (test/qemu/progs/loopnet.cpp): srv with a dial string, listen1,
import of a tree served by exportfs, and hubfs -a shared with its /srv posting."""

from vm import Vm

LOOPNET = "/boot/tests/loopnet"
NOCS = "can't translate address: no connection server (/net/cs): file does not exist"


def start(vm):
    """ramfs on /tmp and loopnet on /net."""
    assert vm.cmd("ramfs") == ""
    assert vm.cmd(LOOPNET) == ""


def statuses(vm):
    return vm.cmd("cat /net/tcp/*/status").split()


def test_srv_dial(env):
    """srv dials a ramfs that listen1 runs for each call, posts and mounts it; files made
    through it are there; hanging up ends the server; dial's errors."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        assert vm.cmd("srv tcp!localhost!9fs x") == f"srv: dial tcp!localhost!9fs: {NOCS}\n"
        assert vm.cmd("ramfs") == ""
        assert vm.cmd(LOOPNET) == ""
        assert vm.cmd("srv net!localhost x") == "srv: dial net!localhost: connection refused\n"
        assert vm.cmd("srv tcp!localhost!nosuch x") == "srv: dial tcp!localhost!nosuch: can't translate service\n"
        assert vm.cmd("listen1 -tv tcp!*!9fs ramfs -i >[2]/tmp/calls &") == ""
        assert vm.cmd("while(! grep -s Announced /net/tcp/*/status >[2]/dev/null) sleep 0.1") == ""
        assert vm.cmd("listen1 -t tcp!*!9fs ramfs -i") == "listen1: announce tcp!*!9fs: address in use\n"
        assert vm.cmd("mkdir /tmp/r") == ""
        assert vm.cmd("srv -c localhost rem /tmp/r") == ""
        assert vm.cmd("ls -l /srv/rem").startswith("--rw-------"), vm.cmd("ls -l /srv/rem")
        assert vm.cmd("echo over the net >/tmp/r/f; mkdir /tmp/r/d; cp /tmp/r/f /tmp/r/d/g") == ""
        assert vm.cmd("cat /tmp/r/d/g") == "over the net\n"
        assert vm.cmd("ls /tmp/r") == "d\nf\n"
        # a second mount of the posting is the same server; a second call is another one
        assert vm.cmd("mkdir /tmp/r2 /tmp/r3; mount /srv/rem /tmp/r2; cat /tmp/r2/f") == "over the net\n"
        assert vm.cmd("srv -c tcp!localhost!564 rem3 /tmp/r3; ls /tmp/r3") == ""
        calls = vm.cmd("cat /tmp/calls").splitlines()
        assert calls[0] == "listen1: listening on /net/tcp/1", calls
        assert len(calls) == 3 and all(c.startswith("listen1: call in /net/tcp/") for c in calls[1:]), calls
        assert statuses(vm).count("Established") == 4, statuses(vm)
        assert vm.cmd("ps | grep -c ' ramfs$'") == "3\n"
        # the last close of a connection hangs it up: its ramfs reads end of file and exits
        assert vm.cmd("unmount /tmp/r3; rm /srv/rem3") == ""
        assert vm.cmd("while(! ~ `{ps | grep -c ' ramfs$'} 2) sleep 0.1") == ""
        assert statuses(vm).count("Established") == 2, statuses(vm)
        assert vm.cmd("cat /tmp/r/f") == "over the net\n"
        vm.assert_running()


def test_import(env):
    """import -A mounts a tree exportfs serves (named in the initial protocol) as none;
    -s posts it; an absent tree, authentication and bad usage are refused."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        assert vm.cmd("import -A localhost /dev /mnt") == f"import: can't dial localhost: {NOCS}\n"
        start(vm)
        assert vm.cmd("listen1 tcp!*!exportfs exportfs &") == ""
        assert vm.cmd("while(! grep -s Announced /net/tcp/*/status >[2]/dev/null) sleep 0.1") == ""
        assert vm.cmd("mkdir /tmp/rdev /tmp/x; echo here >/tmp/x/f") == ""
        assert vm.cmd("import -A localhost /dev /tmp/rdev") == ""
        assert vm.cmd("cat /tmp/rdev/sysname") == "myrmex"
        assert vm.cmd("cat /tmp/rdev/user") == "none"  # listen1 without -t runs it as none
        assert vm.cmd("import -A -s imp tcp!localhost!17007 /tmp/x /mnt") == ""
        assert vm.cmd("cat /mnt/f; ls /srv") == "here\nimp\nloopnet\n"
        assert vm.cmd("import -A localhost /nonexist /mnt") == "import: bad remote tree: /nonexist: file does not exist\n"
        assert vm.cmd("import -A localhost /dev/sysname /mnt") == "import: bad remote tree: /dev/sysname: not a directory\n"
        assert vm.cmd("import localhost /dev /mnt") == "import: can't authenticate to localhost: no factotum (use -A)\n"
        assert vm.cmd("import -E ssl -A localhost /dev /mnt") == "import: encryption is not supported yet: only -E clear\n"
        assert vm.cmd("import -A localhost") == \
            "usage: import [-abcCA] [-E clear] [-s srvname] system file [mountpoint]\n"
        assert vm.cmd("cat /mnt/f") == "here\n"  # the failures left the mount alone
        vm.assert_running()


def test_hubfs_listen(env):
    """hubfs -a serves network clients the same hubs as its /srv posting; quit ends every
    process of it; hubfs -a alone serves the network."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        assert vm.cmd("hubfs -a tcp!*!5252") == f"hubfs: announce tcp!*!5252: {NOCS}\n"
        start(vm)
        assert vm.cmd("hubfs -a tcp!*!5252 -s hubs") == ""
        assert vm.cmd("hubfs -a tcp!*!5252 -s other") == "hubfs: announce tcp!*!5252: address in use\n"
        assert vm.cmd("mkdir /tmp/h /tmp/nh") == ""
        assert vm.cmd("srv -c tcp!localhost!5252 nethub /tmp/nh") == ""
        assert vm.cmd("mount -c /srv/hubs /tmp/h") == ""
        assert vm.cmd("touch /tmp/nh/io; ls /tmp/h") == "io\n"
        assert vm.cmd("{touch /tmp/open; cat >/tmp/got >[2]/tmp/err} </tmp/h/io &") == ""
        assert vm.cmd("while(! test -e /tmp/open) sleep 0.1") == ""
        assert vm.cmd("echo one >/tmp/nh/io; echo two >/tmp/nh/io") == ""
        assert vm.cmd("while(! grep -s two /tmp/got) sleep 0.1") == ""
        assert vm.cmd("cat /tmp/got") == "one\ntwo\n"
        assert vm.cmd("touch /tmp/nh/ctl; echo quit >>/tmp/nh/ctl") == ""
        assert vm.cmd("while(ps | grep -s ' hubfs$') sleep 0.1") == ""
        assert vm.cmd("ls /srv") == "loopnet\nnethub\n"
        assert vm.cmd("cat /tmp/err") == "cat: error reading <stdin>: i/o on hungup channel\n"
        assert vm.cmd("hubfs -a tcp!*!5253") == ""
        assert vm.cmd("srv -c tcp!localhost!5253 h2 /mnt; touch /mnt/x; ls /mnt") == "x\n"
        vm.assert_running()
