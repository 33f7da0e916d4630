"""Process 1's console runner and user processes (test kernel: /boot/tests/*)."""

import re

from checks import run_checks
from vm import Vm


def no_panic(vm):
    assert "panic" not in vm.log, "the kernel panicked"


def test_exit_status(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        vm.cmd("/boot/tests/exitwith oops")
        out = vm.cmd("echo $status")
        assert re.fullmatch(r"exitwith \d+: oops\n", out), f"$status is {out!r}"
        vm.cmd("/boot/tests/exitwith bad luck")
        out = vm.cmd("echo $status")
        assert re.fullmatch(r"exitwith \d+: bad luck\n", out), f"$status is {out!r}"


def test_user_fault(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/tests/fault")
        assert re.search(r"fault \d+: suicide: sys: trap: fault read addr=0x0+ pc=0x[0-9a-fA-F]+", out), \
            f"no suicide note from fault: {out!r}"
        out = vm.cmd("echo still here")
        assert out == "still here\n", f"after the fault, echo printed {out!r}"
        no_panic(vm)


def test_sysbad(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/tests/sysbad", timeout=30)
        lines = out.splitlines()
        assert len(lines) >= 20, f"sysbad printed {len(lines)} lines: {out!r}"
        for line in lines:
            if line == "await: reaped":
                continue
            assert re.fullmatch(r"[a-z]+ [a-z ]+: bad address in syscall", line), \
                f"a bad pointer was not refused with the Plan 9 error: {line!r}"
        vm.cmd("/boot/tests/exitwith")
        assert vm.cmd("echo $status") == "\n", "sysbad left the process table or shell broken"
        out = vm.cmd("echo still here")
        assert out == "still here\n", f"after sysbad, echo printed {out!r}"
        no_panic(vm)


def test_preemption(env):
    """A child that loops without system calls cannot keep its sleeping parent off the CPU."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/tests/spin", timeout=60)
        assert out == "parent woke\nchild done\n", f"spin printed {out!r}"


def swap_usage(vm):
    """(user pages in use, kernel heap bytes in use) from #c/swap."""
    out = vm.cmd("cat '#c/swap'")
    user = re.search(r"(?m)^(\d+)/\d+ user$", out)
    heap = re.search(r"(?m)^(\d+)/\d+ kernel malloc$", out)
    assert user and heap, f"#c/swap lacks the user or kernel malloc line: {out!r}"
    return int(user.group(1)), int(heap.group(1))


def test_exited_processes_are_reclaimed(env):
    """300 forks and exits later (with every wait message checked), the reaper kernel
    process has given back every page and every byte of kernel heap they used."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        vm.cmd("/boot/tests/forkmany 10")  # warm up: first-use allocations are not leaks
        before = swap_usage(vm)
        out = vm.cmd("/boot/tests/forkmany 300", timeout=60)
        assert out == "forkmany: 300 children\n", f"forkmany printed {out!r}"
        after = swap_usage(vm)
        assert after == before, f"memory in use before {before}, after {after}"


def test_fpu_state_is_per_process(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/tests/fpu", timeout=60)
        assert out == "fpu ok\n", f"fpu printed {out!r}"


def test_address_spaces_are_separate(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/tests/memsep", timeout=30)
        assert out == "memsep ok\n", f"memsep printed {out!r}"


def test_bootpaq_is_read_only(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/tests/bootro")
        assert out == ("owrite: permission denied\nordwr: permission denied\n"
                       "otrunc: permission denied\nread: ELF\n"), f"bootro printed {out!r}"


def test_exec_refuses_a_non_program(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/tests/notelf")
        assert out == "/boot/tests/notelf: exec header invalid\n", f"exec of junk: {out!r}"
        out = vm.cmd("/boot/tests/nosuchprogram")
        assert out == "/boot/tests/nosuchprogram: file does not exist\n", f"{out!r}"
        assert vm.cmd("echo fine") == "fine\n"


def test_exec_runs_scripts(env):
    """#!interpreter args: the interpreter gets its words, the script's path, the arguments;
    a script cannot be an interpreter, and a missing one is the exec's error."""
    with Vm(kernel=env.kernel) as vm:
        vm.prompt()
        assert vm.cmd("ramfs") == ""
        assert vm.cmd("echo '#!/bin/echo -n one' >/tmp/s; echo 'echo not run' >>/tmp/s; chmod +x /tmp/s") == ""
        assert vm.cmd("/tmp/s two three; echo") == "one /tmp/s two three\n"
        assert vm.cmd("echo '#!/tmp/s' >/tmp/t; chmod +x /tmp/t; /tmp/t") == "/tmp/t: exec header invalid\n"
        assert vm.cmd("echo '#!/bin/nonesuch' >/tmp/u; chmod +x /tmp/u; /tmp/u") == "/tmp/u: file does not exist\n"
        assert vm.cmd("echo '#!/bin/rc' >/tmp/v; echo 'echo $0 $*' >>/tmp/v; chmod +x /tmp/v; /tmp/v a b") == \
            "/tmp/v a b\n"


def test_fork_is_copy_on_write(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/tests/cow", timeout=60)
        assert out == "cow ok\n", f"cow printed {out!r}"


def test_shared_memory(env):
    """rfork RFMEM, segattach/segdetach/segfree, semaphores between processes."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        run_checks(vm, "shmem", 5, allow_suicides=True)


def test_system_calls_without_sysenter(env):
    """The libc stubs enter the kernel by sysenter. On a CPU without it (SEP off), or with
    the Pentium Pro's broken one (family 6 model 1, which claims SEP), the kernel leaves it
    off and runs each call in the fault the sysenter makes: pipes and notes work as ever.
    Where the CPU has it, the kernel uses it."""
    for cpu, name in (("pentium2,-sep", "PentiumII"), ("pentium2,model=1,stepping=1", "PentiumPro")):
        with Vm(kernel=env.test_kernel, cpu=cpu) as vm:
            vm.prompt()
            ctl = vm.cmd("cat '#P/archctl'")
            assert ctl.startswith(f"cpu {name} ") and "\nsysenter off\n" in ctl, f"{cpu}: {ctl!r}"
            assert vm.cmd("echo one two three | wc -w").split() == ["3"]
            run_checks(vm, "notes", 7, allow_suicides=True)
    with Vm(kernel=env.test_kernel, cpu="pentium2") as vm:
        vm.prompt()
        ctl = vm.cmd("cat '#P/archctl'")
        assert "\nsysenter on\n" in ctl, ctl


def test_syscall_fuzzer(env):
    """20,000 random system calls with hostile arguments: the kernel answers each one,
    never panicking or hanging, and stays usable afterwards."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        out = vm.cmd("/boot/tests/sysfuzz -s 2026 -n 20000", timeout=600)
        assert out.splitlines()[-1] == "sysfuzz: 20000 calls, seed 2026, ok", out[-500:]
        assert vm.cmd("echo still here") == "still here\n"


def test_libc_between_rfmem_processes(env):
    """malloc, realloc and free hammered by five processes sharing memory, with every
    block's pattern checked; lock, canlock; getpid private to each process."""
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        run_checks(vm, "memprocs", 5)
