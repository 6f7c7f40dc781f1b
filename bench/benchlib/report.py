"""bench/RESULTS.md from the collected samples: one table per workload (median and min-max per tool, ratios of
the orchestrator to PM2 and to the floor), the issue's targets with met / not met, the machine and versions."""
from .common import summary
from .procs import CLK_TCK

COLS = ("orchestrator", "pm2", "supervisord", "floor", "floor-pipe")
TITLES = {"orchestrator": "orchestrator", "pm2": "PM2", "supervisord": "supervisord", "floor": "floor (shell)",
          "floor-pipe": "floor (pipe)"}


def fmt(v, unit):
    if v is None:
        return "–"
    if unit == "ms":
        return "%.0f ms" % v if v >= 100 else "%.1f ms" % v
    if unit == "MB":
        return "%.1f MB" % v
    if unit == "%":
        return "%.2f %%" % v
    if unit == "MB/s":
        return "%.0f MB/s" % v
    return "%g" % v


def cell(samples, unit):
    if not samples:
        return "–"
    med, lo, hi = summary(samples)
    if len(samples) == 1:
        return fmt(med, unit)
    return "%s (%s–%s)" % (fmt(med, unit), fmt(lo, unit).split()[0], fmt(hi, unit).split()[0])


def med(results, section, row, tool):
    s = results.get(section, {}).get(row, {}).get(tool)
    return summary(s)[0] if s else None


def ratio(a, b):
    return "%.2fx" % (a / b) if a is not None and b else "–"


def table(results, section, unit, floor="floor", inverse=False, ratios=True):
    rows = results.get(section, {})
    cols = [c for c in COLS if any(c in r for r in rows.values())]
    head = ["workload"] + [TITLES[c] for c in cols] + ["n"]
    if ratios:
        head += ["orch / PM2", "orch / %s" % TITLES[floor]] if not inverse else [
            "orch vs PM2 (throughput)", "orch vs %s (throughput)" % TITLES[floor]]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row, by_tool in rows.items():
        o, p, f = (med(results, section, row, t) for t in ("orchestrator", "pm2", floor))
        n = max(len(v) for v in by_tool.values())
        if inverse:  # throughput: report how many times the other's rate we reach
            r1, r2 = ratio(p, o), ratio(f, o)
        else:
            r1, r2 = ratio(o, p), ratio(o, f)
        out.append("| " + " | ".join([row] + [cell(by_tool.get(c), unit) for c in cols] + [str(n)]
                                     + ([r1, r2] if ratios else [])) + " |")
    return "\n".join(out)


def plain_table(results, sections, unit_of):
    out = ["| measure | " + " | ".join(TITLES[c] for c in COLS[:3]) + " |", "|---|---|---|---|"]
    for section, label in sections:
        for row, by_tool in results.get(section, {}).items():
            out.append("| %s, %s | %s |" % (label, row, " | ".join(cell(by_tool.get(c), unit_of[section])
                                                                   for c in COLS[:3])))
    return "\n".join(out)


def targets(results, cpu_window=10.0):
    """(target, measured, met) per target of issue 8; None when not measured in this run."""
    r = results
    m = lambda s, row, t: med(r, s, row, t)  # noqa: E731
    out = []

    def add(text, value, ok):
        out.append((text, value, None if ok is None else ("met" if ok else "**not met**")))

    for n in (1, 10):
        o, p = m("cold", "N=%d" % n, "orchestrator"), m("cold", "N=%d" % n, "pm2")
        add("cold start of %d app%s ≤ 0.5x PM2" % (n, "s" if n > 1 else ""), ratio(o, p),
            o / p <= 0.5 if o and p else None)
    o, f = m("cold", "N=100", "orchestrator"), m("cold", "N=100", "floor")
    add("cold start of 100 apps ≤ 1.1x the floor", ratio(o, f), o / f <= 1.1 if o and f else None)
    row = "SIGKILL to replacement running"
    o, f = m("crash", row, "orchestrator"), m("crash", row, "floor")
    add("crash restart ≤ 1.1x the floor", ratio(o, f), o / f <= 1.1 if o and f else None)
    for row, lim in (("1 writer x 1,000,000 lines", 0.9), ("10 writers x 1,000,000 lines", 0.8)):
        o, f = m("log", row, "orchestrator"), m("log", row, "floor-pipe")
        add("log throughput, %s ≥ %.1fx the floor through a pipe" % (row, lim), ratio(f, o),
            f / o >= lim if o and f else None)
    oks = r.get("log-ok", {})
    if oks:
        bad = [row for row, by in oks.items() if min(by.get("orchestrator", [1])) == 0]
        add("log integrity: zero lines lost, torn, duplicated or reordered", "clean" if not bad else
            "problems in " + ", ".join(bad), not bad)
    o, p = m("reload", "source save (watch)", "orchestrator"), m("reload", "source save (watch)", "pm2")
    add("source-watch restart ≤ 0.5x PM2", ratio(o, p), o / p <= 0.5 if o and p else None)
    for row, lim in (("stop all 100", 2.0), ("stop all 100, one ignores SIGTERM", 1.1)):
        o, f = m("stop", row, "orchestrator"), m("stop", row, "floor")
        add("%s ≤ %.1fx the floor" % (row, lim), ratio(o, f), o / f <= lim if o and f else None)
    o, p = m("rss", "100 children", "orchestrator"), m("rss", "100 children", "pm2")
    add("RSS with 100 children < PM2's (aim: 40 MB)", "%s vs %s" % (fmt(o, "MB"), fmt(p, "MB")),
        o < p if o and p else None)
    o = m("cpu", "idle, 100 children", "orchestrator")
    others = [m("cpu", "idle, 100 children", t) for t in ("pm2", "supervisord")]
    others = [x for x in others if x is not None]
    tick = 100.0 / CLK_TCK / cpu_window  # one clock tick over the window: the resolution of /proc/<pid>/stat
    add("idle CPU with 100 children ≤ PM2's and supervisord's (within one clock tick, %.2f %%)" % tick,
        "%s vs %s" % (fmt(o, "%"), " / ".join(fmt(x, "%") for x in others)),
        o <= max(others) + tick + 1e-9 if o is not None and others else None)
    o = m("discovery", "config --json, 10,000 service folders", "orchestrator")
    add("config over 10,000 service folders < 2 s", fmt(o, "ms"), o < 2000 if o else None)
    for row, by in r.get("watches", {}).items():
        got = by["orchestrator"][-1]
        want = r["watches-expected"][row]["orchestrator"][-1]
        inside = r["watches-in-node_modules"][row]["orchestrator"][-1]
        add("one inotify watch per real folder, none in node_modules (%s)" % row,
            "%d watches for %d folders, %d in node_modules" % (got, want, inside), got == want and inside == 0)
    return out


SECTIONS = [
    ("cold", "ms", "floor", "1. Cold start: command to every child's marker",
     "From the start command (`orchestrator up -d`, `pm2 start eco.config.js` with no PM2 daemon running, "
     "`supervisord -c`, the shell loop) to the last child's own `time.time_ns()` marker."),
    ("cold-cmd", "ms", "floor", "1b. Cold start: until the start command returned",
     "`up -d` returns once every app launched; `pm2 start` once its daemon took the apps; `supervisord` once it "
     "daemonized (before starting anything); the floor's loop returns at once (not shown)."),
    ("crash", "ms", "floor", "2. Crash restart: SIGKILL to the replacement's marker (restart delay 0)",
     "The pid comes from `ls --json` / `pm2 jlist` / `supervisorctl pid` (checked against the newest marker); "
     "kills are 1.2 s after the previous start, past every tool's minimum uptime. The floor is `while :; do "
     "python child.py; done`."),
    ("log", "ms", "floor-pipe", "4. Log throughput: first write to every byte in the log files",
     "Each child builds 1,000,000 numbered lines of 100 bytes (100 MB), writes its marker and waits; once every "
     "child is ready (and 200 ms more) the harness creates a `go` file, which starts the clock and the children, "
     "who write in 8000-byte writes; the clock stops when the log files hold every byte (sizes polled every 5 ms). Ratios here are throughput ratios: PM2's time / ours, the pipe floor's time / "
     "ours (above 1 = faster than it)."),
    ("log-mbs", "MB/s", "floor-pipe", "4b. Log throughput in MB/s (all writers together)",
     "Ratios of MB/s: above 1 = more than the other."),
    ("reload", "ms", "floor", "5. Hot reload: save to the restarted app's marker",
     "Descriptor save: an env value rewritten in `services/edit_env/ecosystem.yaml` under `up -d --watch` (PM2 "
     "does not watch its ecosystem file). Source save: a comment appended to `child.py` with `watch: true` "
     "(orchestrator, default watch_delay 300 ms) or `pm2 start --watch` (PM2's defaults). The floor kills and "
     "respawns the child right after the save (no detection at all)."),
    ("stop", "ms", "floor", "6. Stop: the stop command to every child's pid gone, 100 children",
     "`orchestrator stop all` / `down`, `pm2 stop all`, `supervisorctl stop all`; the floor sends SIGTERM to its "
     "process group, waits up to 1.6 s for the pids, then SIGKILL. The stubborn child ignores SIGTERM, SIGINT "
     "(PM2's default stop signal) and SIGHUP; kill timeout 1600 ms everywhere except supervisord, whose "
     "`stopwaitsecs` takes whole seconds (2 s)."),
    ("stop-cmd", "ms", "floor", "6b. Stop: until the stop command returned", ""),
    ("list", "ms", "floor", "7. Listing the processes, 10 children",
     "`orchestrator ls`, `pm2 ls`, `supervisorctl status`: the command's start to its exit, output read to the end "
     "(5 calls in each of 2 rounds). The orchestrator's thin client runs `ls` inside the running orchestrator; the "
     "JVM client row is the same command without it (`ORCHESTRATOR_QUICK=0`: a JVM per call, as on a machine "
     "without a C compiler)."),
]


def noise(meta):
    loads = meta.get("loads") or []
    return ["## Noise: how far to trust these numbers", "",
            "- The machine has 2 cores shared with other sessions working at the same time (their builds and tests "
            "are not visible from here). Load average (1, 5, 15 min) at the start of each workload: " + "; ".join(
                "%s %s" % (w, l) for w, l in loads) + ". Absolute times move by tens of percent between runs; the "
            "ratios, measured side by side with the tools alternating round by round (the order rotates each "
            "round), are what to compare, and even they shift when a neighbour's burst hits one tool's round: "
            "look at the min-max before reading a small difference.",
            "- Children are Python: every start costs an interpreter start (~30 ms of CPU), so N=100 is CPU-bound "
            "on 2 cores for every tool, and the floor itself moves with the load.",
            "- Timestamps: children write `time.time_ns()`; the harness reads the same clock. Liveness and CPU "
            "come from /proc (CPU in clock ticks of %d ms)." % (1000 // CLK_TCK),
            "- Rounds: cold start 5/5/6 (N=1/10/100; N=100 alternates without and with the SIGTERM ignorer, and "
            "the orchestrator's N=100 rounds alternate `stop all` and `down`), crash 2 x 6 kills, log 5 (1 writer) "
            "and 3 (10 writers), hot reload 20 edits per row, config 3; `--quick` runs fewer.", ""]


def overhead(results, meta):
    if not any(s in results for s in ("rss", "threads", "cpu")):
        return []
    return ["## 3. Daemon overhead: the supervisor process itself", "",
            "RSS (VmRSS) and threads of the orchestrator daemon JVM (`orchestrator_pid` in state.json), PM2's "
            "God daemon (`$PM2_HOME/pm2.pid`) and supervisord, 3 s after the last child started (0 children: "
            "one app started, then `stop all`; the orchestrator refuses to run a project with no app); CPU from "
            "/proc/<pid>/stat utime+stime over %d s idle (100 = one core)." % (5 if meta["quick"] else 10), "",
            plain_table(results, [("rss", "RSS"), ("threads", "threads"), ("cpu", "CPU")],
                        {"rss": "MB", "threads": "", "cpu": "%"}), ""]


def render(results, notes, meta, leaks):
    out = ["# Benchmark results", "",
           "Produced by `bench/run%s` on %s; every number below comes from this one run, all tools side by side "
           "on the same machine, alternating tools round by round. Each cell: median (min–max) of `n` samples." % (
               " --quick" if meta["quick"] else "", meta["date"]), ""]
    out += ["## Machine and versions", ""] + ["- %s: %s" % tuple(kv) for kv in meta["machine"]] + [""]
    out += ["## Targets (issue 8)", "", "| target | measured | verdict |", "|---|---|---|"]
    window = 5.0 if meta["quick"] else 10.0
    out += ["| %s | %s | %s |" % (t, v, ok or "not measured") for t, v, ok in targets(results, window)] + [""]
    out += noise(meta)
    for section, unit, floor, title, text in SECTIONS:
        if section == "log":
            out += overhead(results, meta)
        if section not in results:
            continue
        out += ["## " + title, ""] + ([text, ""] if text else [])
        out += [table(results, section, unit, floor=floor, inverse=section == "log"), ""]
        if section == "log" and "log-ok" in results:
            bad = ["%s %s: %d of %d rounds clean" % (TITLES[t], row, sum(v), len(v))
                   for row, by in results["log-ok"].items() for t, v in by.items() if sum(v) < len(v)]
            out += ["Integrity (every line of every log compared with what its child wrote): " + (
                "every log of every round held exactly its child's lines, in order." if not bad else
                "; ".join(bad) + " (details below)."), ""]
        if section == "log" and "log-daemonlog" in results:
            out += ["Size of `.orchestrator/orchestrator.log` (the daemon's own log) after each orchestrator round, "
                    "from empty: " + ", ".join("%s: %s" % (row, cell(by["orchestrator"], "MB"))
                                               for row, by in results["log-daemonlog"].items())
                    + " (the apps wrote 100 MB per writer).", ""]
        out += ["- " + n for n in notes.get(section, [])] + ([""] if notes.get(section) else [])
    if "discovery" in results:
        out += ["## 7. Discovery at scale", "",
                "`orchestrator config --json` (launcher and JVM start included) over generated trees: "
                "`services/gNNN/sNNNNN`, half with an `ecosystem.yaml`, half drop-in `main.py`, each with `src/` "
                "and a `node_modules` tree of 7 folders (two packages and `.bin`). Then `up -d --watch` on the "
                "same tree with `defaults: {disabled: true}` (nothing starts but the keeper app) and its inotify "
                "watches counted from /proc/<daemon>/fdinfo.", "",
                table(results, "discovery", "ms", ratios=False), ""]
        rows = results.get("watches", {})
        if rows:
            out += ["| tree | inotify watches | real folders (root + services/ walked) | in node_modules | "
                    "`up -d --watch` returned | daemon RSS |", "|---|---|---|---|---|---|"]
            for row in rows:
                g = lambda s: results[s][row]["orchestrator"][-1]  # noqa: E731
                out.append("| %s | %d | %d | %d | %s | %s |" % (row, g("watches"), g("watches-expected"),
                                                                g("watches-in-node_modules"),
                                                                fmt(g("watch-up"), "ms"), fmt(g("watch-rss"), "MB")))
            out.append("")
    out += ["## Leaks", "", "Every process of the run carries `OBENCH_RUN=<id>`; after each round the harness "
            "looks for any still alive by that variable. " + (
                "None was left behind." if not leaks else "**Leaked:** " + "; ".join(
                    "%s: %s" % (w, ", ".join("%s (%s)" % kv for kv in sorted(p.items()))) for w, p in leaks)), ""]
    out += meta.get("tail", [])
    return "\n".join(out) + "\n"
