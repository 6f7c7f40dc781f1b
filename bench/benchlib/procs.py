"""Processes seen through /proc: liveness (a zombie counts as gone), RSS, CPU ticks, and the run-wide leak check.

Every process a bench run starts inherits OBENCH_RUN=<run id> (the harness sets it in its own environment before it
starts anything), so the leak check finds them all by that variable, including daemons and reparented children.
"""
import os
import signal
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def stat(pid):
    """(state letter, utime, stime, starttime) of pid, or None when it does not exist."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            raw = f.read()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = raw[raw.rindex(b")") + 2:].split()
    # fields[0] is field 3 (state); utime is field 14, stime 15, starttime 22
    return fields[0].decode(), int(fields[11]), int(fields[12]), int(fields[19])


def start_ticks(pid):
    s = stat(pid)
    return s[3] if s else None


def alive(pid, ticks=None):
    """True when pid runs (not a zombie) and, given ticks, is the same process that had that start time."""
    s = stat(pid)
    if s is None or s[0] in "ZX":
        return False
    return ticks is None or s[3] == ticks


def status_field(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return line.split()[1]
    except FileNotFoundError:
        return None
    return None


def rss_bytes(pid):
    v = status_field(pid, "VmRSS")
    return int(v) * 1024 if v else None


def threads(pid):
    v = status_field(pid, "Threads")
    return int(v) if v else None


def cpu_percent(pid, seconds):
    """CPU% of pid (user+system, 100 = one core) over the next `seconds`."""
    a = stat(pid)
    t0 = time.monotonic()
    time.sleep(seconds)
    b = stat(pid)
    elapsed = time.monotonic() - t0
    if a is None or b is None:
        return None
    return 100.0 * ((b[1] + b[2]) - (a[1] + a[2])) / CLK_TCK / elapsed


def wait_gone(pids, timeout, interval=0.01):
    """Polls until every (pid, ticks) is gone; returns (monotonic time when the last went, survivors)."""
    left = dict(pids)
    deadline = time.monotonic() + timeout
    while left:
        for pid, ticks in list(left.items()):
            if not alive(pid, ticks):
                del left[pid]
        if not left:
            break
        if time.monotonic() > deadline:
            return None, left
        time.sleep(interval)
    return time.monotonic(), {}


def run_pids(run_id):
    """Every live process (not zombie) carrying OBENCH_RUN=<run_id>, except this one: {pid: cmdline}."""
    needle = b"OBENCH_RUN=" + run_id.encode() + b"\0"
    found = {}
    me = os.getpid()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        pid = int(name)
        try:
            with open("/proc/%d/environ" % pid, "rb") as f:
                env = f.read() + b"\0"
            if needle not in env or not alive(pid):
                continue
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                found[pid] = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return found


def kill_all(pids):
    """SIGKILL each pid (by pid only); used when a run leaked processes, after they were reported."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
