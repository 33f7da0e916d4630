"""The text commands (sort uniq tail cmp diff seq) run in Myrmex on files of the test
bootpaq (the rc corpus, /boot/tests/rc) and compared byte for byte with 9base's versions
run on the same files on the host. The console runs one command a line without
redirection, so these cases need only files; test/rc/cmd_*.rc cover pipes and stdin.
Past 14 lines 9base's sort orders lines with equal keys (under -n, -d, -f...) by an
unstable radix sort and ours keeps their input order, so sorts here have no such ties."""

import os
import subprocess

from vm import Vm

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.realpath(os.path.join(HERE, "..", "rc"))
GUEST = "/boot/tests/rc"
NINE = "/usr/lib/plan9/bin"

# Each line runs as is in Myrmex and with 9base's command on the host; R is the corpus.
LINES = [
    "sort R/cmd_sort_1.rc",
    "sort -r R/cmd_diff_1.rc R/cmd_diff_2.rc",
    "sort -f -u R/cmd_tr_1.rc",
    "sort +1 -2 R/cmd_sort_3.rc",
    "sort -k 2n R/cmd_uniq_2.rc",
    "sort -r R/cmd_sort_4.rc R/cmd_sort_5.rc",
    "uniq R/cmd_uniq_1.rc",
    "uniq -c R/cmd_diff_1.rc",
    "uniq -d R/cmd_diff_6.rc",
    "uniq -u -1 R/cmd_uniq_2.rc",
    "tail R/cmd_diff_5.rc",
    "tail -3 R/cmd_sort_2.rc",
    "tail +5 R/cmd_tail_1.rc",
    "tail -2r R/cmd_tail_2.rc",
    "tail -c 20 R/cmd_tail_3.rc",
    "tail +30c R/cmd_tee_1.rc",
    "cmp R/cmd_diff_1.rc R/cmd_diff_2.rc",
    "cmp -L R/cmd_sort_1.rc R/cmd_sort_2.rc",
    "cmp -l R/cmd_cmp_1.rc R/cmd_cmp_2.rc",
    "cmp R/cmd_cmp_1.rc R/cmd_cmp_1.rc 10 10",
    "diff R/cmd_diff_1.rc R/cmd_diff_2.rc",
    "diff R/cmd_sort_1.rc R/cmd_sort_2.rc",
    "diff -e R/cmd_tail_1.rc R/cmd_tail_2.rc",
    "diff -n R/cmd_uniq_1.rc R/cmd_uniq_2.rc",
    "diff -c R/cmd_seq_1.rc R/cmd_seq_2.rc",
    "diff -b R/cmd_diff_3.rc R/cmd_diff_4.rc",
    "diff -w R/cmd_tr_1.rc R/cmd_tr_2.rc",
    "diff R/cmd_diff_6.rc R/cmd_diff_5.rc",
    "seq 5",
    "seq 10 -3 1",
    "seq 0 .1 .5",
    "seq -w 0 .05 .1",
    "seq -w 98 101",
    "seq -f %5.2f 1 .5 2",
    "seq 1000000 1000001",
]


def host(line):
    words = line.replace("R/", CORPUS + "/").split()
    r = subprocess.run([os.path.join(NINE, words[0])] + words[1:], capture_output=True)
    return (r.stdout + r.stderr).decode().replace(CORPUS, GUEST)


def test_against_9base(env):
    with Vm(kernel=env.test_kernel) as vm:
        vm.prompt()
        bad = []
        for line in LINES:
            want = host(line)
            got = vm.cmd(line.replace("R/", GUEST + "/"))
            if got != want:
                bad.append(f"{line}\n--- 9base:\n{want}--- Myrmex:\n{got}")
        assert not bad, "\n".join(bad)
