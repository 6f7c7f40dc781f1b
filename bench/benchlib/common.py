"""What every workload shares: the run context (tools, results, leak check) and marker polling."""
import os
import statistics
import sys
import time

from . import procs


class BenchError(Exception):
    pass


class Context:
    def __init__(self, run_id, scratch, python, tools, quick, launcher):
        self.run_id, self.scratch, self.python, self.tools, self.quick = run_id, scratch, python, tools, quick
        self.launcher = launcher
        self.cpu_window = 5.0 if quick else 10.0  # seconds of idle CPU sampling with 100 children
        self.results = {}  # section -> row -> tool -> [samples]
        self.notes = {}  # section -> [text]
        self.leaks = []  # (where, {pid: cmdline})
        self.t_start = time.monotonic()

    def log(self, msg):
        sys.stderr.write("[%6.1fs] %s\n" % (time.monotonic() - self.t_start, msg))
        sys.stderr.flush()

    def add(self, section, row, tool, value):
        self.results.setdefault(section, {}).setdefault(row, {}).setdefault(tool, []).append(value)

    def note(self, section, text):
        if text not in self.notes.setdefault(section, []):
            self.notes[section].append(text)

    def tool(self, name):
        return self.tools[name]

    def check_leaks(self, where, grace=5.0):
        """Every process of this run must be gone between rounds; survivors are reported, then killed by pid."""
        deadline = time.monotonic() + grace
        left = procs.run_pids(self.run_id)
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = procs.run_pids(self.run_id)
        if left:
            self.leaks.append((where, left))
            self.log("LEAK after %s: %s" % (where, left))
            procs.kill_all(left)


def rotate(items, r):
    """The tools in a different order each round, so no tool always runs first (warm caches) or last."""
    items = list(items)
    k = r % len(items) if items else 0
    return items[k:] + items[:k]


def wait_markers(tree, tool, names, timeout, old=None):
    """Polls until each app in `names` has a marker whose pid is not in old[name]; returns {name: (pid, ns)}."""
    old = old or {}
    deadline = time.monotonic() + timeout
    while True:
        got = {}
        for name, entries in tree.markers(tool).items():
            fresh = [e for e in entries if e[0] not in old.get(name, ())]
            if name in names and fresh:
                got[name] = fresh[0]
        if len(got) == len(names):
            return got
        if time.monotonic() > deadline:
            missing = sorted(set(names) - set(got))
            raise BenchError("%s: no marker from %d app(s) within %.0f s: %s" % (tool, len(missing), timeout,
                                                                                 ", ".join(missing[:10])))
        time.sleep(0.005)


def pid_ticks(markers):
    """{pid: start ticks} of the newest process of every app that still exists."""
    out = {}
    for entries in markers.values():
        pid = entries[-1][0]
        t = procs.start_ticks(pid)
        if t is not None:
            out[pid] = t
    return out


def summary(samples):
    s = sorted(samples)
    return statistics.median(s), s[0], s[-1]


def cleanup_file(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
