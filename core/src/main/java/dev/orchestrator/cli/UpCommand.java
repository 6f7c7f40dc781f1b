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
import dev.orchestrator.supervisor.InstanceLock;
import dev.orchestrator.supervisor.Recovery;
import dev.orchestrator.supervisor.ShutdownSignals;
import dev.orchestrator.supervisor.Supervisor;
import dev.orchestrator.supervisor.SupervisorOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code orchestrator up}: runs every enabled app in the foreground, output on the console prefixed by app, until
 * SIGINT/SIGTERM stops everything (exit 0) or a second signal kills everything (exit 1). Plain {@code orchestrator}
 * means the same.
 */
@Command(name = "up", description = "Run every app of the project in the foreground (Ctrl-C stops them all).")
final class UpCommand implements Callable<Integer> {

    private static final String SELF = "orchestrator";

    @Mixin
    ProjectOption project;

    @Option(names = {"-w", "--watch"}, description = "Apply descriptor edits as they are saved (a validated diff: only "
            + "changed apps restart).")
    boolean watch;

    @Option(names = {"-d", "--detach"}, description = "Run as a daemon: return once every app has been launched or "
            + "has failed, then print the ls table. Its log is .orchestrator/orchestrator.log; stop it with down.")
    boolean detach;

    @Option(names = Daemon.CHILD_FLAG, hidden = true)
    boolean daemonChild;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "Run only these apps or namespaces (default: every app that is not disabled).")
    List<String> only = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Path root = project.root();
        if (detach) {
            return detach(root);
        }
        Path stateDir = root.resolve(".orchestrator");
        InstanceLock lock;
        try {
            lock = InstanceLock.acquire(stateDir);
        } catch (InstanceLock.AlreadyRunningException e) {
            throw new CliException(ExitCodes.FAILED, e.getMessage());
        }
        ConsolePrinter console = daemonChild ? ConsolePrinter.messagesOnlyToStdout() : ConsolePrinter.toStdout();
        console.reserve(SELF);
        // Leftovers of an orchestrator that was killed are stopped before anything starts: they may hold ports.
        Recovery.recoverLeftovers(stateDir).forEach(line -> console.message(SELF, line));
        ProjectPlan plan = Projects.load(root);
        plan.plugins().problems().forEach(p -> console.message(SELF, "error: " + p));
        plan.problems().forEach(p -> console.message(SELF, p.format(root)));
        // A systemd unit written by `startup` must give the slowest stop enough time, or systemd SIGKILLs mid-stop.
        Startup.installed(root, System.getenv()).flatMap(unit -> StaleUnitCheck.check(unit, StopBudget.needed(plan)))
                .ifPresent(warning -> console.message(SELF, "warning: " + warning));
        List<AppSpec> selected = select(plan);
        List<PlannedApp> failed = plan.apps().stream().filter(a -> !a.ok() && wanted(a.name(), a.namespace()))
                .toList();
        if (selected.isEmpty() && !watch) {
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
                + (watch ? "; watching for edits" : ""));
        RunningOrchestrator running;
        try {
            running = RunningOrchestrator.start(plan, selected, supervisor, new RunningOrchestrator.Options(watch,
                    line -> console.message(SELF, line), () -> signals.requestStop("orchestrator down").join(),
                    Main.version(), Projects.pluginDirs(root).folders(),
                    () -> new ProjectLoader(System.getenv(), Projects.plugins(root))));
        } catch (IOException | RuntimeException e) {
            console.message(SELF, "cannot serve the control socket or watch the tree: " + e.getMessage()
                    + "; stopping");
            signals.requestStop("start-up failed");
            new CountDownLatch(1).await();
            return ExitCodes.FAILED;
        }
        started.set(running);
        signals.beforeStop(running::stopReloading);
        new CountDownLatch(1).await(); // the signal handlers (or `down`) end the process
        return ExitCodes.OK;
    }

    /** Starts the daemon unless one runs, waits for its apps to settle, prints the ls table. */
    private int detach(Path root) throws InterruptedException {
        try (InstanceLock probe = InstanceLock.acquire(root.resolve(".orchestrator"))) {
            // free: the daemon takes it next
        } catch (InstanceLock.AlreadyRunningException e) {
            throw new CliException(ExitCodes.FAILED, e.getMessage());
        }
        List<String> args = new ArrayList<>(only);
        if (watch) {
            args.add("--watch");
        }
        long pid;
        try {
            pid = Daemon.spawn(root, args);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot start the orchestrator daemon: " + e.getMessage());
        }
        List<ProcessRow> rows = Daemon.awaitSettled(root, pid);
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println("orchestrator daemon running (pid " + pid + ") for " + root + "; log: "
                + root.resolve(".orchestrator/orchestrator.log"));
        LsTable.lines(rows, java.time.Instant.now()).forEach(out::println);
        out.flush();
        return rows.stream().anyMatch(r -> r.status() == ProcessRow.Status.FAILED
                || r.status() == ProcessRow.Status.ERRORED) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private List<AppSpec> select(ProjectPlan plan) {
        List<AppSpec> runnable = plan.runnable().stream().filter(s -> wanted(s.name(), s.namespace())).toList();
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

    private boolean wanted(String name, String namespace) {
        return only.isEmpty() || only.contains(name) || only.contains(namespace);
    }
}
