"""Workload 4: log throughput and integrity. Each child builds its numbered lines first, writes its marker, then
waits for a `go` file; once every child is ready the harness creates it and the clock runs until every byte is in
the log files (file sizes polled every 5 ms). Then every log is compared with the lines its child wrote."""
import os
import time

from .child import lines
from .common import BenchError, rotate, wait_markers
from .lifecycle import START_TIMEOUT, _teardown
from .trees import App, Tree

LINE = 100
CHUNK = 10000  # lines compared at once
STALL_S = 30


def throughput(ctx, writers, n_lines, rounds, tools):
    tree = Tree(os.path.join(ctx.scratch, "trees", "flood%d" % writers),
                [App("f%d" % i, "flood", lines=n_lines) for i in range(writers)], ctx.python)
    row = "%d writer%s x %s lines" % (writers, "" if writers == 1 else "s", format(n_lines, ","))
    daemon_log = os.path.join(tree.root, ".orchestrator", "orchestrator.log")
    for r in range(rounds):
        for name in rotate(tools, r):
            tool = ctx.tool(name)
            tree.reset(name)
            if name == "orchestrator" and os.path.exists(daemon_log):
                os.unlink(daemon_log)
            try:
                p = tool.launch(tree)
                wait_markers(tree, name, [a.name for a in tree.apps], START_TIMEOUT)
                time.sleep(0.2)  # the supervisor is done starting them too
                start = time.time_ns()
                open(os.path.join(tree.markers_dir(name), "go"), "w").close()
                end = _await_bytes(tree, name, n_lines * LINE)
                tool.settle(p)
                secs = (end - start) / 1e9
                mb_s = writers * n_lines * LINE / 1e6 / secs
                ctx.add("log", row, name, secs * 1000)
                ctx.add("log-mbs", row, name, mb_s)
                problems = [verify(tree.out_log(name, a), a.name, n_lines) for a in tree.apps]
                problems = [x for x in problems if x]
                ctx.add("log-ok", row, name, 0 if problems else 1)
                for x in problems:
                    ctx.note("log", "%s, %s: %s" % (name, row, x))
                ctx.log("log %s %s: %.0f ms, %.0f MB/s, %s" % (row, name, secs * 1000, mb_s,
                                                               "; ".join(problems) or "every line intact"))
            finally:
                _teardown(ctx, tool, tree, "log throughput %s, %s, round %d" % (row, name, r + 1))
                if name == "orchestrator" and os.path.exists(daemon_log):
                    # the daemon's own log: how much of the apps' output it copied there (then drop it)
                    ctx.add("log-daemonlog", row, name, os.path.getsize(daemon_log) / 1e6)
                    os.unlink(daemon_log)
                for a in tree.apps:  # a gigabyte per round: do not keep it
                    for path in (tree.out_log(name, a), tree.err_log(name, a)):
                        if os.path.exists(path):
                            os.unlink(path)
                os.sync()  # no writeback of this round's gigabyte during the next one


def _await_bytes(tree, tool, per_app):
    paths = [tree.out_log(tool, a) for a in tree.apps]
    want = per_app * len(paths)
    last, last_change = -1, time.monotonic()
    while True:
        total = sum(os.path.getsize(p) if os.path.exists(p) else 0 for p in paths)
        now = time.time_ns()
        if total >= want:
            return now
        if total != last:
            last, last_change = total, time.monotonic()
        elif time.monotonic() - last_change > STALL_S:
            raise BenchError("%s: logs stalled at %d of %d bytes for %d s" % (tool, total, want, STALL_S))
        time.sleep(0.005)


def verify(path, name, n_lines):
    """None when the log holds exactly lines 0..n-1 of `name` in order; else what is wrong with it."""
    with open(path, "rb") as f:
        for start in range(0, n_lines, CHUNK):
            count = min(CHUNK, n_lines - start)
            want = lines(name, start, count)
            if f.read(len(want)) != want:
                return diagnose(path, name, n_lines)
        if f.read(1):
            return diagnose(path, name, n_lines)
    return None


def diagnose(path, name, n_lines):
    """Counts lost, duplicated, torn and out-of-order lines (only run when the fast comparison failed)."""
    head = name.encode() + b" "
    seen, torn, foreign, reordered, prev = {}, 0, 0, 0, -1
    with open(path, "rb") as f:
        for raw in f:
            if len(raw) != LINE or not raw.endswith(b"\n") or not raw.startswith(head):
                torn += 1 if raw.startswith(head) else 0
                foreign += 0 if raw.startswith(head) else 1
                continue
            try:
                seq = int(raw[len(head):len(head) + 9])
            except ValueError:
                torn += 1
                continue
            if raw != lines(name, seq, 1):
                torn += 1
                continue
            seen[seq] = seen.get(seq, 0) + 1
            if seq < prev:
                reordered += 1
            prev = seq
    lost = sum(1 for i in range(n_lines) if i not in seen)
    dup = sum(c - 1 for c in seen.values())
    return "%s: %d lost, %d duplicated, %d torn, %d out of order, %d foreign" % (
        os.path.basename(path), lost, dup, torn, reordered, foreign)
