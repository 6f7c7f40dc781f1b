"""Workloads 1, 2, 3, 6 and 7: cold start of N children, crash restart, the supervisor's own RSS/CPU, stop all, and
listing the processes.

One round of N=100 does three jobs: cold start, then (after 3 s to settle) the daemon's RSS, then the timed stop.
Odd rounds of N=100 have one child that ignores SIGTERM/SIGINT/SIGHUP (`stubborn`), even rounds have none.
"""
import os
import signal
import time

from . import procs
from .common import BenchError, pid_ticks, rotate, summary, wait_markers
from .tools import run
from .trees import KILL_TIMEOUT_MS, App, Tree

START_TIMEOUT = 120
SETTLE_S = 3.0
RSS_ROUNDS = 2  # rounds of N=10 that also sample the daemon (3 s of settling each) and time its listing
LIST_CALLS = 5  # listings timed per such round and variant


def cold_start(ctx, n, rounds, tools):
    plain = Tree(os.path.join(ctx.scratch, "trees", "cold%d" % n), [App("c%03d" % i) for i in range(n)],
                 ctx.python)
    stubborn = None
    if n == 100:
        apps = [App("c%03d" % i) for i in range(n - 1)] + [App("c099", "stubborn")]
        stubborn = Tree(os.path.join(ctx.scratch, "trees", "cold%ds" % n), apps, ctx.python)
    cpu_done = set()
    for r in range(rounds):
        for name in rotate(tools, r):
            tree = stubborn if stubborn and r % 2 == 1 else plain
            try:
                _round(ctx, ctx.tool(name), tree, n, r, cpu_done)
            finally:
                _teardown(ctx, ctx.tool(name), tree, "cold start N=%d, %s, round %d" % (n, name, r + 1))


def _round(ctx, tool, tree, n, r, cpu_done):
    names = [a.name for a in tree.apps]
    tree.reset(tool.name)
    t0 = time.time_ns()
    p = tool.launch(tree)
    got = wait_markers(tree, tool.name, names, START_TIMEOUT)
    cold_ms = (max(ts for _, ts in got.values()) - t0) / 1e6
    tool.settle(p)
    cmd_ms = (time.time_ns() - t0) / 1e6
    ctx.add("cold", "N=%d" % n, tool.name, cold_ms)
    ctx.add("cold-cmd", "N=%d" % n, tool.name, cmd_ms)
    ctx.log("cold start N=%d %s: %.0f ms to the last marker (command returned at %.0f ms)"
            % (n, tool.name, cold_ms, cmd_ms))
    daemon = tool.daemon_pid(tree)
    if daemon and (n == 100 or (n == 10 and r < RSS_ROUNDS)):
        time.sleep(SETTLE_S)
        _overhead(ctx, tool, daemon, n, cpu=(n == 100 and tool.name not in cpu_done), window=ctx.cpu_window)
        cpu_done.add(tool.name)
        if n == 10:
            _listing(ctx, tool, tree, n)
    if n == 100:
        _stop(ctx, tool, tree, r)


def _overhead(ctx, tool, daemon, n, cpu, window):
    rss, thr = procs.rss_bytes(daemon), procs.threads(daemon)
    ctx.add("rss", "%d children" % n, tool.name, rss / 2**20)
    ctx.add("threads", "%d children" % n, tool.name, thr)
    line = "%s daemon (pid %d) with %d children: RSS %.1f MB, %d threads" % (tool.name, daemon, n, rss / 2**20, thr)
    if cpu:
        pct = procs.cpu_percent(daemon, window)
        ctx.add("cpu", "idle, 100 children", tool.name, pct)
        line += ", CPU %.2f%% over %.0f s idle" % (pct, window)
    ctx.log(line)


def _listing(ctx, tool, tree, n):
    """`orchestrator ls` / `pm2 ls` / `supervisorctl status` with n children running: command start to exit, its
    output read to the end. The orchestrator also without its thin client (a JVM per call, as without a C compiler)."""
    variants = [("%d children" % n, {})]
    if tool.name == "orchestrator":
        variants.append(("%d children, JVM client" % n, {"thin": False}))
    for row, kw in variants:
        for _ in range(LIST_CALLS):
            cmd, env = tool.listing(tree, **kw)
            t = time.monotonic()
            run(cmd, env=env, timeout=30)
            ctx.add("list", row, tool.name, (time.monotonic() - t) * 1000)
    ctx.log("%s listing with %d children (medians so far): %s" % (tool.name, n, "; ".join(
        "%s %.1f ms" % (row, summary(ctx.results["list"][row][tool.name])[0]) for row, _ in variants)))


def _stop(ctx, tool, tree, r):
    stubborn = any(a.mode == "stubborn" for a in tree.apps)
    verb = "down" if tool.name == "orchestrator" and r % 4 in (2, 3) else "stop"
    markers = tree.markers(tool.name)
    pids = pid_ticks(markers)
    if len(pids) != len(tree.apps):
        raise BenchError("%s: %d of %d children alive before the stop" % (tool.name, len(pids), len(tree.apps)))
    t1 = time.monotonic()
    cmd_done = None
    if tool.name.startswith("floor"):
        tool.stop_now(tree, KILL_TIMEOUT_MS)
        cmd_done = time.monotonic()
        p = None
    else:
        p = tool.stop(tree, verb)
    left, t_gone = dict(pids), None
    while left or (p and cmd_done is None):
        for pid, ticks in list(left.items()):
            if not procs.alive(pid, ticks):
                del left[pid]
        if p and cmd_done is None and p.poll() is not None:
            cmd_done = time.monotonic()
        if not left and t_gone is None:
            t_gone = time.monotonic()
        if time.monotonic() - t1 > 60:
            raise BenchError("%s %s: %d children still alive after 60 s: %s" % (tool.name, verb, len(left),
                                                                                sorted(left)[:10]))
        time.sleep(0.01)
    if p:
        out, err = p.communicate()
        if p.returncode != 0:
            raise BenchError("%s %s failed (exit %d): %s" % (tool.name, verb, p.returncode, err.decode()[-500:]))
    row = ("%s 100%s" % ("down" if verb == "down" else "stop all", ", one ignores SIGTERM" if stubborn else ""))
    gone_ms = (t_gone - t1) * 1000
    ctx.add("stop", row, tool.name, gone_ms)
    ctx.add("stop-cmd", row, tool.name, (cmd_done - t1) * 1000)
    ctx.log("%s %s: every child gone after %.0f ms (command returned at %.0f ms)"
            % (tool.name, row, gone_ms, (cmd_done - t1) * 1000))


def _teardown(ctx, tool, tree, where):
    try:
        tool.teardown(tree)
    finally:
        ctx.check_leaks(where)


def idle_overhead(ctx, rounds, tools):
    """RSS of the supervisor with no child running: one app started, then `stop all` (the orchestrator refuses to
    run a project with no app at all), the same for every tool."""
    tree = Tree(os.path.join(ctx.scratch, "trees", "idle0"), [App("c000")], ctx.python)
    for r in range(rounds):
        for name in rotate(tools, r):
            tool = ctx.tool(name)
            tree.reset(name)
            try:
                p = tool.launch(tree)
                pids = pid_ticks({"c000": [wait_markers(tree, name, ["c000"], START_TIMEOUT)["c000"]]})
                tool.settle(p)
                out, err = tool.stop(tree).communicate()
                _, left = procs.wait_gone(pids, 30)
                if left:
                    raise BenchError("%s: stop all left %s running" % (name, sorted(left)))
                time.sleep(SETTLE_S)
                daemon = tool.daemon_pid(tree)
                rss = procs.rss_bytes(daemon) / 2**20
                ctx.add("rss", "0 children", name, rss)
                ctx.add("threads", "0 children", name, procs.threads(daemon))
                ctx.log("%s daemon with no child running: RSS %.1f MB" % (name, rss))
            finally:
                _teardown(ctx, tool, tree, "idle overhead, %s" % name)


def crash_restart(ctx, rounds, kills, tools):
    """SIGKILL the one child (pid as the tool reports it) until its replacement's marker; restart delay 0."""
    tree = Tree(os.path.join(ctx.scratch, "trees", "crash"), [App("victim")], ctx.python)
    app = tree.apps[0]
    for r in range(rounds):
        for name in rotate(tools, r):
            tool = ctx.tool(name)
            tree.reset(name)
            try:
                p = tool.launch(tree, restart=True) if name.startswith("floor") else tool.launch(tree)
                cur = wait_markers(tree, name, ["victim"], START_TIMEOUT)["victim"]
                tool.settle(p)
                seen = {cur[0]}
                for _ in range(kills):
                    # past min_uptime / startsecs (1 s), so every tool counts the crash as a stable one
                    time.sleep(max(0.0, cur[1] / 1e9 + 1.2 - time.time()))
                    pid = tool.child_pid(tree, app)
                    if pid != cur[0]:
                        raise BenchError("%s reports pid %s for victim, but its newest marker is pid %d"
                                         % (name, pid, cur[0]))
                    t0 = time.time_ns()
                    os.kill(pid, signal.SIGKILL)
                    cur = wait_markers(tree, name, ["victim"], 30, old={"victim": seen})["victim"]
                    seen.add(cur[0])
                    ctx.add("crash", "SIGKILL to replacement running", name, (cur[1] - t0) / 1e6)
                ctx.log("crash restart %s: %s ms" % (name, ", ".join(
                    "%.0f" % v for v in ctx.results["crash"]["SIGKILL to replacement running"][name][-kills:])))
            finally:
                _teardown(ctx, tool, tree, "crash restart, %s, round %d" % (name, r + 1))
