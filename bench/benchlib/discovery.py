"""Workload 7: discovery at scale. Generated trees of N service folders (services/gNNN/sNNNNN, 100 per group; even
ones with an ecosystem.yaml, odd ones drop-in `main.py`), each with a `src/` folder and a `node_modules` tree of a
few folders that discovery and the watcher must skip; plus services/keeper, one sleeping app (`up` refuses a
project with nothing to run). Times `orchestrator config --json`; then, with
`defaults: {disabled: true}` in orchestrator.yaml so nothing starts, counts the inotify watches of `up -d --watch`
(`inotify wd:` lines in /proc/<daemon>/fdinfo) and checks that none is on a folder inside node_modules."""
import json
import os
import shutil
import time

from . import procs
from .common import BenchError
from .lifecycle import _teardown
from .tools import run
from .trees import CHILD

GEN_VERSION = "2"
SKIPPED = {"node_modules", ".git", ".venv", "venv", "__pycache__", "target", "logs", ".orchestrator"}


def generate(root, n, python):
    stamp = os.path.join(root, ".bench-tree")
    if os.path.exists(stamp) and open(stamp).read() == "%s %d" % (GEN_VERSION, n):
        return  # the same tree as last run: generating 10,000 folders takes a while
    if os.path.exists(root):
        shutil.rmtree(root)
    for i in range(n):
        d = os.path.join(root, "services", "g%03d" % (i // 100), "s%05d" % i)
        for sub in ("src", "node_modules/pkg-a/lib", "node_modules/pkg-b/dist/esm", "node_modules/.bin"):
            os.makedirs(os.path.join(d, sub))
        for f in ("node_modules/pkg-a/package.json", "node_modules/pkg-b/package.json"):
            with open(os.path.join(d, f), "w") as fh:
                fh.write('{"name": "x", "version": "1.0.0"}\n')
        with open(os.path.join(d, "src", "util.py"), "w") as fh:
            fh.write("X = 1\n")
        with open(os.path.join(d, "main.py"), "w") as fh:
            fh.write("import time\ntime.sleep(3600)\n")
        if i % 2 == 0:
            with open(os.path.join(d, "ecosystem.yaml"), "w") as fh:
                fh.write("name: app%05d\nruntime: python\nscript: main.py\nenv:\n  INDEX: \"%d\"\n" % (i, i))
    # `up` refuses a project with nothing to run: one real app, enabled over the watch run's `disabled: true`
    keeper = os.path.join(root, "services", "keeper")
    os.makedirs(keeper)
    shutil.copyfile(CHILD, os.path.join(keeper, "child.py"))
    with open(os.path.join(keeper, "ecosystem.yaml"), "w") as fh:
        fh.write("name: keeper\nruntime: python\ninterpreter: %s\nscript: child.py\ndisabled: false\n"
                 "args: [sleep, %s, keeper]\n" % (json.dumps(python), json.dumps(keeper)))
    with open(stamp, "w") as fh:
        fh.write("%s %d" % (GEN_VERSION, n))


def expected_watches(root):
    """(folders the watcher should watch, inodes of folders inside node_modules): the root, then every folder
    under services/ that discovery walks."""
    want, skipped = 1, set()
    for dirpath, dirnames, _ in os.walk(os.path.join(root, "services")):
        want += 1
        for d in list(dirnames):
            if d in SKIPPED:
                dirnames.remove(d)
                for sub, _, _ in os.walk(os.path.join(dirpath, d)):
                    skipped.add(os.stat(sub).st_ino)
    return want, skipped


def inotify_watches(pid):
    """Inode numbers of every inotify watch the process holds."""
    inodes = []
    fd_dir = "/proc/%d/fdinfo" % pid
    for fd in os.listdir(fd_dir):
        try:
            with open(os.path.join(fd_dir, fd)) as f:
                for line in f:
                    if line.startswith("inotify wd:"):
                        ino = next(p for p in line.split() if p.startswith("ino:"))
                        inodes.append(int(ino[4:], 16))
        except FileNotFoundError:
            continue
    return inodes


def discovery(ctx, sizes, config_rounds, watch_sizes):
    orch = ctx.tool("orchestrator")
    for n in sizes:
        root = os.path.join(ctx.scratch, "trees", "disc%d" % n)
        t = time.monotonic()
        generate(root, n, ctx.python)
        ctx.log("discovery tree of %d service folders ready (%.1f s)" % (n, time.monotonic() - t))
        yaml = os.path.join(root, "orchestrator.yaml")
        if os.path.exists(yaml):
            os.unlink(yaml)
        for _ in range(config_rounds):
            t0 = time.monotonic()
            out = run([ctx.launcher, "config", "--json", "-C", root], timeout=300)
            ms = (time.monotonic() - t0) * 1000
            apps = out.count('"status" : "ok"') + out.count('"status":"ok"')
            if apps != n + 1:
                raise BenchError("config over %d folders (and the keeper) found %d ok apps" % (n, apps))
            ctx.add("discovery", "config --json, %s service folders" % format(n, ","), "orchestrator", ms)
            ctx.log("config --json over %d folders: %.0f ms" % (n, ms))
        if n in watch_sizes:
            _watch_count(ctx, orch, root, n, yaml)


class _Tree:
    def __init__(self, root):
        self.root = root


def _watch_count(ctx, orch, root, n, yaml):
    with open(yaml, "w") as f:
        f.write("defaults:\n  disabled: true\n")
    tree = _Tree(root)
    try:
        t0 = time.monotonic()
        orch.settle(orch.launch(tree, watch=True))
        up_ms = (time.monotonic() - t0) * 1000
        pid = orch.daemon_pid(tree)
        want, skipped = expected_watches(root)
        got, prev = [], None
        for _ in range(100):  # the watch is registered in the background: wait until the count is stable
            got = inotify_watches(pid)
            if len(got) == prev and len(got) >= want:
                break
            prev = len(got)
            time.sleep(0.2)
        inside = sum(1 for ino in got if ino in skipped)
        row = "%s service folders" % format(n, ",")
        ctx.add("watches", row, "orchestrator", len(got))
        ctx.add("watches-expected", row, "orchestrator", want)
        ctx.add("watches-in-node_modules", row, "orchestrator", inside)
        ctx.add("watch-up", row, "orchestrator", up_ms)
        ctx.add("watch-rss", row, "orchestrator", procs.rss_bytes(pid) / 2**20)
        ctx.log("up -d --watch over %d folders: returned in %.0f ms; %d inotify watches (%d real folders), "
                "%d inside node_modules; daemon RSS %.0f MB" % (n, up_ms, len(got), want, inside,
                                                                procs.rss_bytes(pid) / 2**20))
    finally:
        _teardown(ctx, orch, tree, "watch count, %d folders" % n)
        os.unlink(yaml)
