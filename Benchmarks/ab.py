#!/usr/bin/env python3
"""Paired A/B timing of two `dedup` binaries on one corpus: is B faster than A, and do they agree?

  Benchmarks/ab.py BIN_A BIN_B CORPUS [--jobs N] [--rounds R] [--work DIR] [-- EXTRA CLEAN ARGS]

CORPUS is a directory or a file, cleaned with `BIN clean CORPUS -o OUT --report REPORT --jobs N`.
Each round runs both binaries back to back, A first in odd rounds and B first in even ones, and
keeps the ratio B/A of that round's wall and CPU times. It prints the median ratio, its
interquartile range and in how many rounds B was faster.

Why paired: on the shared VMs this project is measured on, the same binary's time drifts by 10 %
or more from minute to minute (other guests, and memory the host has to back again after it sat
free for a few seconds), so two medians taken apart disagree more than most changes are worth.
The ratio of two runs a second apart cancels most of that drift; a change worth keeping shows in
the median ratio and in most rounds.

Before timing, the outputs of A and B (cleaned text and report, the report's header lines
aside) are compared: a speed change must not change results. A difference is printed and the exit
status is 1 (with --allow-differences the timing goes on).

--simultaneous runs A and B at the same time instead, each pinned to a core of its own (swapped
every round), so both meet the same spell of the host: with --jobs 1 on 2 cores, its rounds
disagreed less than back-to-back ones on this VM (an A/A control gave 1.006, 7 of 16).

--instructions also counts the instructions each binary executes once (valgrind's cachegrind;
`apt-get install valgrind`): a deterministic figure for CPU-bound changes, where a 2 % change
drowns in the VM's noise. It misses what memory and the kernel cost (a change that executes fewer
instructions can still be slower), so read it beside the timing, never instead of it. Valgrind
cannot read the debug information of the statically linked binary, so it runs a copy stripped of
it (`strip -g`).
"""
import argparse, filecmp, os, shutil, statistics, subprocess, sys, tempfile, time


def clear(out):
    """Removes the output tree or file `out` of an earlier run, if any."""
    if os.path.isdir(out):
        shutil.rmtree(out)
    elif os.path.exists(out):
        os.remove(out)


def run(binary, corpus, out, report, jobs, extra):
    clear(out)
    cmd = [binary, 'clean', corpus, '-o', out, '--report', report, '--force', '--jobs', str(jobs)] + extra
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    stderr = proc.stderr.read().decode(errors='replace')
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f'{binary} exited with {code}:\n{stderr}')
    return wall, usage.ru_utime + usage.ru_stime


def start_pinned(binary, corpus, out, report, jobs, extra, core):
    """Starts `binary clean` pinned to `core` (output paths as in `run`); returns the process."""
    clear(out)
    cmd = ['taskset', '-c', str(core), binary, 'clean', corpus, '-o', out, '--report', report, '--force',
           '--jobs', str(jobs)] + extra
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def finish(proc, binary):
    """Waits for `proc`; returns its CPU seconds."""
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f'{binary} exited with {code}')
    return usage.ru_utime + usage.ru_stime


def instructions(binary, corpus, out, report, jobs, extra, work, key):
    """Instructions `binary clean` executes, counted by cachegrind on a copy without debug info."""
    if shutil.which('valgrind') is None or shutil.which('strip') is None:
        sys.exit('--instructions needs valgrind and strip (apt-get install valgrind binutils)')
    stripped = os.path.join(work, f'stripped-{key}')
    subprocess.run(['strip', '-g', binary, '-o', stripped], check=True)
    clear(out)
    counts = os.path.join(work, 'cachegrind.out')
    proc = subprocess.run(['valgrind', '--tool=cachegrind', '--cache-sim=no', f'--cachegrind-out-file={counts}',
                           stripped, 'clean', corpus, '-o', out, '--report', report, '--force', '--jobs', str(jobs)]
                          + extra, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr.splitlines():
        if 'I   refs:' in line:
            return int(line.split(':')[1].replace(',', '').strip())
    sys.exit(f'cachegrind gave no count for {binary}:\n{proc.stderr[-2000:]}')


def report_lines(path):
    with open(path, encoding='utf-8') as f:
        return [line for line in f if '"header"' not in line]


def same_outputs(a, b):
    if os.path.isdir(a):
        cmp = filecmp.dircmp(a, b)
        stack = [cmp]
        while stack:
            c = stack.pop()
            if c.left_only or c.right_only or c.diff_files or c.funny_files:
                return False
            # dircmp compares shallowly (size, mtime); compare the bytes of every common file.
            for name in c.common_files:
                if not filecmp.cmp(os.path.join(c.left, name), os.path.join(c.right, name), shallow=False):
                    return False
            stack.extend(c.subdirs.values())
        return True
    return filecmp.cmp(a, b, shallow=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('a')
    ap.add_argument('b')
    ap.add_argument('corpus')
    ap.add_argument('--jobs', type=int, default=1)
    ap.add_argument('--rounds', type=int, default=16)
    ap.add_argument('--work', help='where outputs go (default: a temporary directory, tmpfs if /dev/shm exists)')
    ap.add_argument('--allow-differences', action='store_true')
    ap.add_argument('--simultaneous', action='store_true',
                    help='run A and B at the same time, one core each (swapped every round)')
    ap.add_argument('--instructions', action='store_true',
                    help='also count the instructions of one run of each (valgrind cachegrind)')
    argv = sys.argv[1:]
    extra = argv[argv.index('--') + 1:] if '--' in argv else []
    a = ap.parse_args(argv[:argv.index('--')] if '--' in argv else argv)
    a.extra = extra
    if a.rounds < 1:
        ap.error('--rounds must be at least 1')
    if a.simultaneous and (a.jobs != 1 or (os.cpu_count() or 1) < 2):
        ap.error('--simultaneous needs --jobs 1 and at least 2 cores')
    base = a.work or (tempfile.mkdtemp(dir='/dev/shm') if os.path.isdir('/dev/shm') else tempfile.mkdtemp())
    os.makedirs(base, exist_ok=True)
    try:
        outs = {k: (os.path.join(base, f'out-{k}'), os.path.join(base, f'report-{k}.jsonl')) for k in 'ab'}
        binaries = {'a': a.a, 'b': a.b}
        for k in 'ab':
            run(binaries[k], a.corpus, *outs[k], a.jobs, a.extra)
        same = same_outputs(outs['a'][0], outs['b'][0]) and \
            report_lines(outs['a'][1]) == report_lines(outs['b'][1])
        print(f'outputs and reports: {"identical" if same else "DIFFERENT"}')
        if not same and not a.allow_differences:
            sys.exit(1)
        if a.instructions:
            count = {k: instructions(binaries[k], a.corpus, *outs[k], a.jobs, a.extra, base, k) for k in 'ab'}
            print(f'instructions: A {count["a"]:,}, B {count["b"]:,}, B/A {count["b"] / count["a"]:.4f}')
        wall, cpu = [], []
        for r in range(a.rounds):
            if a.simultaneous:
                start = time.monotonic()
                procs = {k: start_pinned(binaries[k], a.corpus, *outs[k], a.jobs, a.extra, core=(r + i) % 2)
                         for i, k in enumerate('ab')}
                t = {k: (0.0, finish(procs[k], binaries[k])) for k in 'ab'}
                cpu.append(t['b'][1] / t['a'][1])
                continue
            order = 'ab' if r % 2 == 0 else 'ba'
            t = {k: run(binaries[k], a.corpus, *outs[k], a.jobs, a.extra) for k in order}
            wall.append(t['b'][0] / t['a'][0])
            cpu.append(t['b'][1] / t['a'][1])

        def summary(ratios):
            q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
            wins = sum(1 for x in ratios if x < 1)
            return f'median {statistics.median(ratios):.3f} (IQR {q[0]:.3f}–{q[2]:.3f}), B faster in {wins}/{len(ratios)}'
        name = os.path.basename(os.path.normpath(a.corpus))
        print(f'{name}, --jobs {a.jobs}, {a.rounds} {"simultaneous " if a.simultaneous else ""}rounds, B/A:')
        if wall:
            print(f'  wall {summary(wall)}')
        print(f'  cpu  {summary(cpu)}')
    finally:
        if not a.work:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == '__main__':
    main()
