"""Workload 5: hot reload. The clock runs from just before the save to the restarted child's marker.

- descriptor save (orchestrator `up -d --watch`): rewrite services/edit_env/ecosystem.yaml with a new env value;
- source save (`watch: true` in the descriptor; PM2 `--watch`): append a comment line to services/edit_src/child.py;
- the floor: the harness itself kills the child and starts a new one right after the save (no detection at all).
Edits are 2.2 s apart: the orchestrator pauses a source watch after more than 5 restarts within 10 s.
"""
import os
import signal
import subprocess
import time

from .common import BenchError, wait_markers
from .lifecycle import START_TIMEOUT, _teardown
from .trees import App, Tree

PACE_S = 2.2


def hot_reload(ctx, edits):
    apps = [App("edit_env", env={"EDIT": "0"}), App("edit_src", watch=True),
            App("edit_src0", watch=True, watch_delay="0")]
    tree = Tree(os.path.join(ctx.scratch, "trees", "reload"), apps, ctx.python)
    env_app, src_app, src0_app = apps
    orch = ctx.tool("orchestrator")
    try:
        p = orch.launch(tree, watch=True)
        wait_markers(tree, "orchestrator", [a.name for a in apps], START_TIMEOUT)
        orch.settle(p)
        time.sleep(1.0)

        def save_descriptor(i):
            env_app.env["EDIT"] = str(i)
            tree.write_descriptor(env_app)
        phases = [(env_app, "descriptor save (env value)", save_descriptor),
                  (src_app, "source save (watch)", lambda i: _touch(tree, src_app, i)),
                  (src0_app, "source save (watch, watch_delay: 0)", lambda i: _touch(tree, src0_app, i))]
        for app, row, save in phases:
            before = _starts(tree)
            _edits(ctx, tree, "orchestrator", app, row, save, edits)
            after = _starts(tree)
            for other in apps:
                if other is not app and after[other.name] != before[other.name]:
                    ctx.note("reload", "orchestrator: %s restarted %d times during the %ss of %s (it should not "
                             "have moved)" % (other.name, after[other.name] - before[other.name], row, app.name))
    finally:
        _teardown(ctx, orch, tree, "hot reload, orchestrator")

    # PM2's --watch applies to every app of the file: a tree with the source-watched app alone
    ptree = Tree(os.path.join(ctx.scratch, "trees", "reload-pm2"), [App("edit_src")], ctx.python)
    pm2 = ctx.tool("pm2")
    try:
        p = pm2.launch(ptree, watch=True)
        wait_markers(ptree, "pm2", ["edit_src"], START_TIMEOUT)
        pm2.settle(p)
        time.sleep(1.0)
        _edits(ctx, ptree, "pm2", ptree.apps[0], "source save (watch)", lambda i: _touch(ptree, ptree.apps[0], i),
               edits)
    finally:
        _teardown(ctx, pm2, ptree, "hot reload, pm2")

    _floor_edits(ctx, edits)


def _touch(tree, app, i):
    with open(os.path.join(tree.service_dir(app), "child.py"), "a") as f:
        f.write("# edit %d\n" % i)


def _edits(ctx, tree, tool, app, row, save, edits):
    seen = {pid for pid, _ in tree.markers(tool)[app.name]}
    samples = []
    for i in range(1, edits + 1):
        t0 = time.time_ns()
        save(i)
        try:
            pid, ts = wait_markers(tree, tool, [app.name], 30, old={app.name: seen})[app.name]
        except BenchError as e:
            raise BenchError("%s, %s, edit %d: %s" % (tool, row, i, e))
        seen.add(pid)
        samples.append((ts - t0) / 1e6)
        ctx.add("reload", row, tool, samples[-1])
        time.sleep(max(0.0, t0 / 1e9 + PACE_S - time.time()))
    ctx.log("hot reload %s, %s: %s ms" % (tool, row, ", ".join("%.0f" % s for s in samples)))


def _starts(tree):
    return {name: len(v) for name, v in tree.markers("orchestrator").items()}


def _floor_edits(ctx, edits):
    """The floor of a source-save restart: kill and spawn right after the save, in the harness itself."""
    tree = Tree(os.path.join(ctx.scratch, "trees", "reload-floor"), [App("edit_src")], ctx.python)
    app = tree.apps[0]
    argv = [ctx.python, "child.py"] + tree.args("floor", app)

    def spawn():
        return subprocess.Popen(argv, cwd=tree.service_dir(app), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    children = [spawn()]
    try:
        wait_markers(tree, "floor", [app.name], START_TIMEOUT)
        seen = {pid for pid, _ in tree.markers("floor")[app.name]}
        for i in range(1, edits + 1):
            t0 = time.time_ns()
            _touch(tree, app, i)
            os.killpg(children[-1].pid, signal.SIGTERM)
            children.append(spawn())
            pid, ts = wait_markers(tree, "floor", [app.name], 30, old={app.name: seen})[app.name]
            seen.add(pid)
            ctx.add("reload", "source save (watch)", "floor", (ts - t0) / 1e6)
            time.sleep(0.3)
        ctx.log("hot reload floor, source save: %s ms" % ", ".join(
            "%.0f" % v for v in ctx.results["reload"]["source save (watch)"]["floor"][-edits:]))
    finally:
        for c in children:
            if c.poll() is None:
                os.killpg(c.pid, signal.SIGKILL)
            c.wait()
        ctx.check_leaks("hot reload, floor")
