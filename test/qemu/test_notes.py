"""Notes: handlers, alarms, faults delivered to a handler, forged registers, and calls
queued for a lock whose holder sleeps."""

import re
import time

from checks import run_checks
from vm import Vm


def test_note_handlers(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        run_checks(vm, "notes", 7, allow_suicides=True)


def test_cons_time_rtc_sysstat_user(env):
    """#c/time and #r/rtc give the wall clock, #c/sysstat counts, #c/user becomes none."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        now = time.time()
        fields = vm.cmd("cat /dev/time").split()
        assert len(fields) == 4, f"/dev/time: {fields}"
        secs, nsecs, ticks, hz = (int(f) for f in fields)
        assert abs(secs - now) < 120, f"/dev/time says {secs}, the host {now:.0f}"
        assert nsecs // 10**9 == secs and hz == 100 and ticks > 0
        rtc = int(vm.cmd("cat '#r/rtc'"))
        assert abs(rtc - now) < 120, f"#r/rtc says {rtc}"
        stat = vm.cmd("cat /dev/sysstat").split()
        assert len(stat) == 10 and int(stat[1]) > 0 and int(stat[3]) > 0, f"sysstat: {stat}"
        assert vm.cmd("cat /dev/user") == "glenda"
        out = vm.cmd("cat /dev/hostowner /dev/sysname")
        assert out == "glendamyrmex", f"hostowner and sysname: {out!r}"
        out = vm.cmd("cat /proc/1/ctl")
        assert re.search(r"permission denied", out), f"reading ctl: {out!r}"


def test_clock_keeps_pace(env):
    """The nanosecond clock (the TSC, calibrated at boot against the interval timer)
    counts the host's seconds: a calibration spoiled by a busy host would slow it."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        h0 = time.monotonic()
        g0 = int(vm.cmd("cat /dev/time").split()[1])
        time.sleep(4)
        h1 = time.monotonic()
        g1 = int(vm.cmd("cat /dev/time").split()[1])
        rate = (g1 - g0) / 1e9 / (h1 - h0)
        assert 0.85 < rate < 1.15, f"the guest's clock ran at {rate:.2f} times the host's"


def test_rendezvous_and_semaphores(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        run_checks(vm, "sync", 3)
