"""One list of apps, written out for every tool: orchestrator service folders, a PM2 ecosystem file, a supervisord
config and the shell-loop floor script. Every tool runs the same child.py, copied into services/<name>/, with the
same interpreter, the same cwd and the same arguments except the markers folder (one per tool)."""
import json
import os
import shutil
from dataclasses import dataclass, field

CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "child.py")
KILL_TIMEOUT_MS = 1600
TOOLS = ("orchestrator", "pm2", "supervisord", "floor", "floor-pipe")


@dataclass
class App:
    name: str
    mode: str = "sleep"  # sleep | stubborn | flood
    lines: int = 0  # flood only
    watch: bool = False  # orchestrator `watch: true` (PM2 gets --watch on its command line instead)
    watch_delay: str = ""  # orchestrator `watch_delay` when set (default 300 ms)
    env: dict = field(default_factory=dict)


class Tree:
    """A generated project folder for one workload; `root` is what `orchestrator -C` gets."""

    def __init__(self, root, apps, python):
        self.root, self.apps, self.python = root, list(apps), python
        self.by_name = {a.name: a for a in self.apps}
        if os.path.exists(root):
            shutil.rmtree(root)
        for app in self.apps:
            os.makedirs(self.service_dir(app), exist_ok=True)
            shutil.copyfile(CHILD, os.path.join(self.service_dir(app), "child.py"))
            self.write_descriptor(app)
        for tool in TOOLS:
            os.makedirs(self.markers_dir(tool), exist_ok=True)
            os.makedirs(self.logs_dir(tool), exist_ok=True)
        os.makedirs(os.path.join(root, "services"), exist_ok=True)
        self._write_pm2()
        self._write_supervisord()

    # ---- paths
    def service_dir(self, app):
        return os.path.join(self.root, "services", app.name)

    def markers_dir(self, tool):
        return os.path.join(self.root, "markers", tool)

    def logs_dir(self, tool):
        return os.path.join(self.root, "logs") if tool == "orchestrator" else os.path.join(self.root, tool, "logs")

    def out_log(self, tool, app):
        return os.path.join(self.logs_dir(tool), app.name + "-out.log")

    def err_log(self, tool, app):
        return os.path.join(self.logs_dir(tool), app.name + "-err.log")

    def args(self, tool, app):
        a = [app.mode, self.markers_dir(tool), app.name]
        return a + [str(app.lines)] if app.mode == "flood" else a

    # ---- orchestrator
    def write_descriptor(self, app):
        q = json.dumps  # JSON strings are valid YAML flow scalars
        lines = ["name: " + app.name, "runtime: python", "interpreter: " + q(self.python), "script: child.py",
                 "args: [" + ", ".join(q(a) for a in self.args("orchestrator", app)) + "]",
                 "restart_delay: 0", "kill_timeout: %d" % KILL_TIMEOUT_MS,
                 "log_rotate: {max_size: 64G, retain: 1}"]
        if app.watch:
            lines.append("watch: true")
        if app.watch_delay:
            lines.append("watch_delay: " + app.watch_delay)
        if app.env:
            lines.append("env:")
            lines += ["  %s: %s" % (k, q(v)) for k, v in app.env.items()]
        with open(os.path.join(self.service_dir(app), "ecosystem.yaml"), "w") as f:
            f.write("\n".join(lines) + "\n")

    # ---- PM2
    def pm2_file(self):
        return os.path.join(self.root, "pm2", "eco.config.js")

    def _write_pm2(self):
        apps = [{"name": a.name, "script": os.path.join(self.service_dir(a), "child.py"), "interpreter": self.python,
                 "args": self.args("pm2", a), "cwd": self.service_dir(a), "autorestart": True, "restart_delay": 0,
                 "kill_timeout": KILL_TIMEOUT_MS, "out_file": self.out_log("pm2", a),
                 "error_file": self.err_log("pm2", a), "env": dict(a.env)} for a in self.apps]
        with open(self.pm2_file(), "w") as f:
            f.write("module.exports = " + json.dumps({"apps": apps}, indent=1) + ";\n")

    # ---- supervisord
    def sup_dir(self):
        return os.path.join(self.root, "supervisord")

    def sup_conf(self):
        return os.path.join(self.sup_dir(), "supervisord.conf")

    def sup_pidfile(self):
        return os.path.join(self.sup_dir(), "supervisord.pid")

    def _write_supervisord(self):
        d = self.sup_dir()
        out = ["[unix_http_server]", "file=%s/supervisor.sock" % d, "",
               "[supervisord]", "logfile=%s/supervisord.log" % d, "pidfile=%s" % self.sup_pidfile(),
               "childlogdir=%s" % self.logs_dir("supervisord"), "user=root", "",
               "[rpcinterface:supervisor]",
               "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", "",
               "[supervisorctl]", "serverurl=unix://%s/supervisor.sock" % d, ""]
        for a in self.apps:
            cmd = " ".join([self.python, "child.py"] + self.args("supervisord", a))
            out += ["[program:%s]" % a.name, "command=" + cmd, "directory=" + self.service_dir(a),
                    "autostart=true", "autorestart=true", "startsecs=1", "stopsignal=TERM",
                    "stopwaitsecs=%d" % -(-KILL_TIMEOUT_MS // 1000),  # whole seconds only: 1600 ms -> 2 s
                    "stdout_logfile=" + self.out_log("supervisord", a), "stdout_logfile_maxbytes=0",
                    "stderr_logfile=" + self.err_log("supervisord", a), "stderr_logfile_maxbytes=0"]
            if a.env:
                out.append("environment=" + ",".join('%s="%s"' % kv for kv in a.env.items()))
            out.append("")
        with open(self.sup_conf(), "w") as f:
            f.write("\n".join(out))

    # ---- the floor: a plain shell loop
    def floor_script(self, tool, restart=False):
        """bash script starting every app in the background (`cmd > log 2>&1 &`), then waiting; `floor-pipe`
        sends stdout through a pipe to `cat` instead; restart=True wraps each in `while :; do ...; done`."""
        lines = ["#!/bin/bash"]
        for a in self.apps:
            cmd = " ".join(["exec" if not restart else "", json.dumps(self.python), "child.py"]
                           + [json.dumps(x) for x in self.args(tool, a)]).strip()
            out, err = json.dumps(self.out_log(tool, a)), json.dumps(self.err_log(tool, a))
            if tool == "floor-pipe":
                body = "%s 2>%s | cat >%s" % (cmd.replace("exec ", "", 1), err, out)
            else:
                body = "%s >%s 2>%s" % (cmd, out, err)
            if restart:
                body = "while :; do %s; done" % body
            lines.append("(cd %s && %s) &" % (json.dumps(self.service_dir(a)), body))
        lines.append("wait")
        path = os.path.join(self.root, tool, "run.sh")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    # ---- results
    def reset(self, tool):
        """Empties this tool's markers and logs before a round."""
        for d in (self.markers_dir(tool), self.logs_dir(tool)):
            if os.path.isdir(d):
                for name in os.listdir(d):
                    p = os.path.join(d, name)
                    if os.path.isfile(p):
                        os.unlink(p)

    def markers(self, tool):
        """{app name: [(pid, ns timestamp), ...] oldest first}."""
        found = {}
        d = self.markers_dir(tool)
        for entry in os.listdir(d):
            if entry.endswith(".tmp") or "." not in entry:  # "go" is the flood children's start signal
                continue
            name, pid = entry.rsplit(".", 1)
            try:
                with open(os.path.join(d, entry)) as f:
                    ts = int(f.read())
            except (FileNotFoundError, ValueError):
                continue
            found.setdefault(name, []).append((int(pid), ts))
        for v in found.values():
            v.sort(key=lambda x: x[1])
        return found
