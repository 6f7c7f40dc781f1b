package dev.orchestrator.cli;

import dev.orchestrator.boot.StaleUnitCheck;
import dev.orchestrator.boot.Startup;
import dev.orchestrator.boot.StopBudget;
import dev.orchestrator.control.ProcessRow;
import dev.orchestrator.instance.RunningOrchestrator;
import dev.orchestrator.logs.ConsolePrinter;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.PlannedApp;
import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.process.Posix;
import dev.orchestrator.process.ProcessLauncher;
import dev.orchestrator.supervisor.InstanceLock;
import dev.orchestrator.supervisor.Recovery;
import dev.orchestrator.supervisor.ShutdownSignals;
import dev.orchestrator.supervisor.Supervisor;
import dev.orchestrator.supervisor.SupervisorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code orchestrator up}, free of picocli (the daemon's start must not load the parser): runs every enabled app in
 * the foreground until SIGINT/SIGTERM (exit 0) or a second signal (exit 1); with {@code -d} starts the daemon and
 * returns once its apps settled; as the daemon ({@code --daemon-child}) reports that moment on its start-up pipe.
 */
final class Up {

    private static final String SELF = "orchestrator";

    /**
     * The arguments, parsed by picocli ({@link UpCommand}) or by {@link QuickCli}.
     *
     * @param project     the {@code -C} value, null when none was given
     * @param daemonChild this process is the daemon: stdout is its starter's pipe ({@link DaemonReport})
     * @param only        the apps or namespaces to run; empty means every enabled app
     */
    record Args(Path project, boolean watch, boolean detach, boolean daemonChild, List<String> only) {
        Args {
            only = List.copyOf(only);
        }
    }

    private Up() {
    }

    static int run(Args args, PrintWriter out, PrintWriter err) throws InterruptedException {
        Path root = ProjectOption.resolve(args.project());
        if (args.detach() && !args.daemonChild()) {
            return Daemon.detach(root, args, out, err);
        }
        DaemonReport report = args.daemonChild() ? DaemonReport.open() : null;
        InstanceLock lock;
        try {
            lock = InstanceLock.acquire(root.resolve(".orchestrator"));
        } catch (InstanceLock.AlreadyRunningException e) {
            if (report == null) {
                throw new CliException(ExitCodes.FAILED, e.getMessage());
            }
            report.err("orchestrator: " + e.getMessage()); // not into the log: it is the running daemon's
            report.close();
            return ExitCodes.FAILED;
        }
        try {
            return runLocked(args, root, lock, report);
        } catch (CliException e) {
            if (report == null) {
                throw e;
            }
            err.println("orchestrator: " + e.getMessage());
            return failedStart(root, report, err, e.exitCode());
        } catch (RuntimeException e) {
            if (report == null) {
                throw e;
            }
            e.printStackTrace(err);
            return failedStart(root, report, err, ExitCodes.FAILED);
        }
    }

    /** The daemon failed before its apps settled: the starter shows the end of the log, which says why. */
    private static int failedStart(Path root, DaemonReport report, PrintWriter err, int code) {
        err.flush();
        report.err(Daemon.exitedDuringStartUp(root));
        report.close();
        return code;
    }

    private static int runLocked(Args args, Path root, InstanceLock lock, DaemonReport report)
            throws InterruptedException {
        Path stateDir = root.resolve(".orchestrator");
        // The first spawn links libc through the FFM API and starts the reaper (~50 ms); on a second core that
        // overlaps planning.
        ProcessLauncher.prepare();
        ConsolePrinter console = args.daemonChild() ? ConsolePrinter.messagesOnlyToStdout()
                : ConsolePrinter.toStdout();
        console.reserve(SELF);
        // Leftovers of an orchestrator that was killed are stopped before anything starts: they may hold ports.
        Recovery.recoverLeftovers(stateDir).forEach(line -> console.message(SELF, line));
        ProjectPlan plan = Projects.load(root);
        plan.plugins().problems().forEach(p -> console.message(SELF, "error: " + p));
        plan.problems().forEach(p -> console.message(SELF, p.format(root)));
        List<AppSpec> selected = select(plan, args.only());
        List<PlannedApp> failed = plan.apps().stream().filter(a -> !a.ok() && wanted(args.only(), a.name(),
                a.namespace())).toList();
        if (selected.isEmpty() && !args.watch()) {
            failed.forEach(app -> console.message(SELF, app.failure().map(p -> p.format(root)).orElse(app.name())));
            console.close();
            lock.close();
            throw new CliException(ExitCodes.FAILED, "no app to run in " + root + (failed.isEmpty() ? ""
                    : ": " + failed.size() + " failed (see above); fix them and run up again"));
        }
        Supervisor supervisor = new Supervisor(SupervisorOptions.forProject(root, console));
        AtomicReference<RunningOrchestrator> started = new AtomicReference<>();
        ShutdownSignals signals = ShutdownSignals.install(supervisor, message -> console.message(SELF, message),
                code -> {
                    if (started.get() != null) {
                        started.get().close(); // removes the socket
                    }
                    console.close();
                    lock.close();
                    System.exit(code);
                });
        console.message(SELF, "running " + selected.size() + " apps from " + root + " (run "
                + supervisor.runId() + ")" + (failed.isEmpty() ? "" : "; " + failed.size() + " failed")
                + (args.watch() ? "; watching for edits" : ""));
        RunningOrchestrator running;
        try {
            running = RunningOrchestrator.start(plan, selected, supervisor, new RunningOrchestrator.Options(
                    args.watch(), line -> console.message(SELF, line),
                    () -> signals.requestStop("orchestrator down").join(), Entry.version(),
                    Projects.pluginDirs(root).folders(),
                    () -> new ProjectLoader(System.getenv(), Projects.plugins(root)), Forwarding.handler(root)));
        } catch (IOException | RuntimeException e) {
            console.message(SELF, "cannot serve the control socket or watch the tree: " + e.getMessage()
                    + "; stopping");
            signals.requestStop("start-up failed");
            new CountDownLatch(1).await();
            return ExitCodes.FAILED;
        }
        started.set(running);
        // A systemd unit written by `startup` must give the slowest stop enough time, or systemd SIGKILLs mid-stop.
        // Checked once the apps are starting: naming the unit hashes the root (SHA-256 initializes the JDK's security
        // providers, ~10 ms), and that need not delay any child.
        Startup.installed(root, System.getenv()).flatMap(unit -> StaleUnitCheck.check(unit, StopBudget.needed(plan)))
                .ifPresent(warning -> console.message(SELF, "warning: " + warning));
        signals.beforeStop(running::stopReloading);
        if (report != null) {
            reportSettled(running, root, report);
        }
        Posix.trimNativeHeap(); // what the start-up freed: from now on the orchestrator mostly waits
        new CountDownLatch(1).await(); // the signal handlers (or `down`) end the process
        return ExitCodes.OK;
    }

    /** Waits until no process is starting, then tells the starter: the ls table, exit 1 when an app failed. */
    private static void reportSettled(RunningOrchestrator running, Path root, DaemonReport report)
            throws InterruptedException {
        Instant deadline = ProcessHandle.current().info().startInstant().orElseGet(Instant::now)
                .plus(Daemon.START_TIMEOUT);
        while (running.starting()) {
            if (Instant.now().isAfter(deadline)) {
                report.err("orchestrator: the orchestrator daemon (pid " + ProcessHandle.current().pid() + ") did not "
                        + "report its apps started within " + Daemon.START_TIMEOUT.toSeconds() + " s; see "
                        + Daemon.log(root));
                report.exit(ExitCodes.FAILED);
                return;
            }
            Thread.sleep(5);
        }
        List<ProcessRow> rows = running.processes();
        report.out(Daemon.summary(ProcessHandle.current().pid(), root, rows));
        report.exit(rows.stream().anyMatch(r -> r.status() == ProcessRow.Status.FAILED
                || r.status() == ProcessRow.Status.ERRORED) ? ExitCodes.FAILED : ExitCodes.OK);
    }

    private static List<AppSpec> select(ProjectPlan plan, List<String> only) {
        List<AppSpec> runnable = plan.runnable().stream().filter(s -> wanted(only, s.name(), s.namespace()))
                .toList();
        if (!only.isEmpty()) {
            List<String> known = plan.apps().stream().flatMap(a -> List.of(a.name(), a.namespace()).stream())
                    .distinct().sorted().toList();
            for (String name : only) {
                if (!known.contains(name)) {
                    throw new CliException(ExitCodes.FAILED, "no app or namespace '" + name + "' in " + plan.root()
                            + "; known: " + String.join(", ", known));
                }
            }
        }
        return runnable;
    }

    private static boolean wanted(List<String> only, String name, String namespace) {
        return only.isEmpty() || only.contains(name) || only.contains(namespace);
    }
}
