"""The supervisors under test, driven through their ordinary command lines. Each tool:

  launch(tree, watch)   the start command as a Popen (not awaited: the caller polls markers meanwhile)
  settle(popen)         wait for that command to return; raise if it failed
  daemon_pid(tree)      the supervisor process itself (None for the floor)
  child_pid(tree, app)  the pid the tool reports for an app (ls --json / pm2 jlist / supervisorctl pid)
  stop(tree, verb)      the stop command as a Popen ("stop" = stop all; orchestrator also "down")
  teardown(tree)        shut everything down and wait until the daemon is gone
"""
import json
import os
import signal
import subprocess
import time

from . import procs


class ToolError(Exception):
    pass


def run(cmd, env=None, timeout=120, check=True):
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                       timeout=timeout)
    if check and p.returncode != 0:
        raise ToolError("%s failed (exit %d): %s%s" % (" ".join(cmd), p.returncode, p.stdout.decode()[-2000:],
                                                       p.stderr.decode()[-2000:]))
    return p.stdout.decode()


def popen(cmd, env=None, **kw):
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            **kw)


def settle_popen(p, timeout=180):
    out, err = p.communicate(timeout=timeout)
    if p.returncode != 0:
        raise ToolError("%s failed (exit %d): %s%s" % (" ".join(p.args), p.returncode, out.decode()[-2000:],
                                                       err.decode()[-2000:]))
    return out.decode()


def wait_pid_gone(pid, timeout, what):
    ticks = procs.start_ticks(pid)
    if ticks is None:
        return
    _, left = procs.wait_gone({pid: ticks}, timeout)
    if left:
        procs.kill_all(left)
        raise ToolError("%s (pid %d) still ran %.0f s after its shutdown; killed it" % (what, pid, timeout))


class Orchestrator:
    name = "orchestrator"

    def __init__(self, launcher):
        self.launcher = launcher

    def cmd(self, tree, *args):
        return [self.launcher] + list(args) + ["-C", tree.root]

    def launch(self, tree, watch=False):
        return popen(self.cmd(tree, "up", "-d", *(["--watch"] if watch else [])))

    def settle(self, p):
        settle_popen(p)

    def daemon_pid(self, tree):
        try:
            with open(os.path.join(tree.root, ".orchestrator", "state.json")) as f:
                return json.load(f)["orchestrator_pid"]
        except (FileNotFoundError, ValueError, KeyError):
            return None

    def child_pid(self, tree, app):
        rows = json.loads(run(self.cmd(tree, "ls", "--json")))["apps"]
        return next(r["pid"] for r in rows if r["name"] == app.name)

    def stop(self, tree, verb="stop"):
        return popen(self.cmd(tree, "stop", "all") if verb == "stop" else self.cmd(tree, "down"))

    def listing(self, tree, thin=True):
        """`ls` as a user types it; thin=False makes the launcher run it in a JVM (no thin client)."""
        return self.cmd(tree, "ls"), None if thin else dict(os.environ, ORCHESTRATOR_QUICK="0")

    def teardown(self, tree):
        pid = self.daemon_pid(tree)
        if pid and procs.alive(pid):
            run(self.cmd(tree, "down"), check=False)
            wait_pid_gone(pid, 30, "the orchestrator daemon")
        elif os.path.exists(os.path.join(tree.root, ".orchestrator", "orchestrator.lock")):
            # interrupted before the daemon wrote its state: ask anyway (exit 3 when nothing runs)
            run(self.cmd(tree, "down"), check=False)


class Pm2:
    name = "pm2"

    def __init__(self, prefix, home):
        self.bin = os.path.join(prefix, "node_modules", ".bin", "pm2")
        self.home = home
        self.env = dict(os.environ, PM2_HOME=home)

    def version(self):
        with open(os.path.join(os.path.dirname(os.path.dirname(self.bin)), "pm2", "package.json")) as f:
            return json.load(f)["version"]

    def launch(self, tree, watch=False):
        return popen([self.bin, "start", tree.pm2_file()] + (["--watch"] if watch else []), env=self.env)

    def settle(self, p):
        settle_popen(p)

    def ping(self):
        run([self.bin, "ping"], env=self.env)

    def daemon_pid(self, tree=None):
        try:
            with open(os.path.join(self.home, "pm2.pid")) as f:
                return int(f.read().strip())
        except (FileNotFoundError, ValueError):
            return None

    def child_pid(self, tree, app):
        out = run([self.bin, "jlist"], env=self.env)
        rows = json.loads(out[out.index("["):])
        return next(r["pid"] for r in rows if r["name"] == app.name)

    def stop(self, tree, verb="stop"):
        return popen([self.bin, "stop", "all"], env=self.env)

    def listing(self, tree):
        return [self.bin, "ls"], self.env

    def teardown(self, tree=None):
        pid = self.daemon_pid()
        run([self.bin, "kill"], env=self.env, check=False)
        if pid:
            wait_pid_gone(pid, 30, "the PM2 daemon")


class Supervisord:
    name = "supervisord"

    def launch(self, tree, watch=False):
        if watch:
            raise ToolError("supervisord has no watch mode")
        return popen(["supervisord", "-c", tree.sup_conf()])

    def settle(self, p):
        settle_popen(p)

    def daemon_pid(self, tree):
        for _ in range(200):  # the daemon writes its pidfile right after it forks
            try:
                with open(tree.sup_pidfile()) as f:
                    return int(f.read().strip())
            except (FileNotFoundError, ValueError):
                time.sleep(0.01)
        return None

    def ctl(self, tree, *args):
        return ["supervisorctl", "-c", tree.sup_conf()] + list(args)

    def child_pid(self, tree, app):
        return int(run(self.ctl(tree, "pid", app.name)).strip())

    def stop(self, tree, verb="stop"):
        return popen(self.ctl(tree, "stop", "all"))

    def listing(self, tree):
        return self.ctl(tree, "status"), None

    def teardown(self, tree):
        pid = self.daemon_pid(tree) if os.path.exists(tree.sup_pidfile()) else None
        if pid and procs.alive(pid):
            run(self.ctl(tree, "shutdown"), check=False)
            wait_pid_gone(pid, 30, "supervisord")


class Floor:
    """The physical floor: bash starts the same children in the background and waits; one process group."""

    def __init__(self, name="floor"):
        self.name = name  # "floor" writes to the file directly, "floor-pipe" through `| cat >`
        self.groups = {}

    def launch(self, tree, watch=False, restart=False):
        script = tree.floor_script(self.name, restart=restart)
        p = subprocess.Popen(["bash", script], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        self.groups[tree.root] = p
        return p

    def settle(self, p):
        pass

    def daemon_pid(self, tree):
        return None

    def child_pid(self, tree, app):
        return tree.markers(self.name)[app.name][-1][0]

    def stop_now(self, tree, kill_timeout_ms):
        """`kill` the group, wait up to the kill timeout, then `kill -9`: what a careful shell script does."""
        p = self.groups[tree.root]
        pids = {pid: procs.start_ticks(pid) for v in tree.markers(self.name).values() for pid, _ in v}
        pids = {k: v for k, v in pids.items() if v is not None}
        os.killpg(p.pid, signal.SIGTERM)
        _, left = procs.wait_gone(pids, kill_timeout_ms / 1000.0, interval=0.005)
        if left:
            os.killpg(p.pid, signal.SIGKILL)

    def teardown(self, tree):
        p = self.groups.pop(tree.root, None)
        if p is None:
            return
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait(timeout=10)
        # children of the group (and cats of floor-pipe) die with it; wait until the markers' pids are gone
        pids = {pid: procs.start_ticks(pid) for v in tree.markers(self.name).values() for pid, _ in v}
        _, left = procs.wait_gone({k: v for k, v in pids.items() if v is not None}, 10)
        if left:
            raise ToolError("floor children %s survived SIGKILL of their group" % sorted(left))
