package dev.orchestrator.supervisor;

import dev.orchestrator.logs.LogFiles;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.StopSpec;
import dev.orchestrator.process.GroupStopper;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcStat;
import dev.orchestrator.process.ProcessLauncher;
import dev.orchestrator.process.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs apps: every instance of each, kept in its desired state by a {@link ProcessRunner}. Thread-safe; no lock is
 * held across I/O, a listener or a plugin call (see docs/concurrency.md). The caller holds the project's
 * {@link InstanceLock} and has run {@link Recovery} first.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final SupervisorOptions options;
    private final GroupStopper stopper = new GroupStopper();
    private final EventBus events = new EventBus();
    private final LogFiles logFiles;
    private final StateFile stateFile;
    private final ExecutorService control = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("orchestrator-control-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("orchestrator-timer").daemon(true).factory());
    private final Services services;
    private final AppRegistry apps;
    private final Instant startedAt = Instant.now();
    private volatile boolean closed;
    private volatile Function<Collection<AppSpec>, List<List<String>>> stopOrder =
            specs -> List.of(specs.stream().map(AppSpec::name).toList());

    /** Writes the first state.json (run id and pid) before anything can start, so a crash is always recoverable. */
    public Supervisor(SupervisorOptions options) {
        this.options = options;
        this.logFiles = new LogFiles(options.console());
        this.stateFile = new StateFile(options.stateDir(), this::stateSnapshot);
        this.services = new Services(options.clock(), options.runId(), stopper, logFiles, events, control, timer,
                Duration.ofSeconds(1), stateFile::changed);
        this.apps = new AppRegistry(services);
        ProcessLauncher.prepare();
        if (options.console() != null) {
            events.subscribe(new EventPrinter(options.console()));
        }
        try {
            stateFile.writeNow();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + options.stateDir().resolve(StateFile.NAME) + " failed: "
                    + e.getMessage() + "; check that the project folder is writable", e);
        }
    }

    public String runId() {
        return options.runId();
    }

    /**
     * Starts every instance of {@code spec}. Instance {@code i} gets {@code NODE_APP_INSTANCE=i} and
     * {@code ORCHESTRATOR_RUN=<runId>} on top of the planned env. Returns at once; a launch failure shows as errored.
     *
     * @throws IllegalStateException when the app is running or stopping
     */
    public void start(AppSpec spec) {
        start(spec, CompletableFuture.completedFuture(null));
    }

    /**
     * Like {@link #start(AppSpec)}, but every instance waits (as {@code starting}) until {@code gate} completes, then
     * spawns; when it fails, they become {@code failed} with its message. The health package's dependency gate.
     */
    public void start(AppSpec spec, CompletableFuture<?> gate) {
        if (closed) {
            throw new IllegalStateException("supervisor is closed; app '" + spec.name() + "' was not started");
        }
        List<ProcessRunner> runners = apps.resize(spec.name(), spec.instances(), old -> {
            if (old.stream().anyMatch(ProcessRunner::active)) {
                throw new IllegalStateException("app '" + spec.name() + "' is already running; stop it first, or "
                        + "restart it to apply a new spec");
            }
        });
        if (options.console() != null) {
            for (int i = 0; i < spec.instances(); i++) {
                options.console().reserve(spec.processLabel(i));
            }
        }
        runners.forEach(r -> r.start(spec, gate));
    }

    /** The health package: instance {@code instance}'s ready probe passed for child {@code pid}. */
    public boolean markReady(String name, int instance, int pid) {
        ProcessRunner r = apps.runnerOrNull(name, instance);
        return r != null && r.markReady(pid);
    }

    /**
     * The health package: restart child {@code pid} of this instance for {@code reason} (heartbeat timeout, liveness,
     * memory): its kill signal to the group, {@code kill_timeout}, SIGKILL, then the restart policy. Returns whether
     * that child was still running and is now being restarted.
     */
    public boolean restartUnhealthy(String name, int instance, int pid, String reason) {
        ProcessRunner r = apps.runnerOrNull(name, instance);
        return r != null && r.restartFor(pid, reason, false);
    }

    /**
     * A scheduled restart ({@code cron_restart}) of every instance: running ones stop and start again at once, ones
     * that exited or errored on their own start again; ones the user stopped stay stopped. Returns how many acted.
     */
    public int restartScheduled(String name, String reason) {
        return (int) apps.find(name).orElse(List.of()).stream().filter(r -> r.restartFor(null, reason, true)).count();
    }

    /**
     * How {@link #stopAll} orders the apps: levels stopped one after the other, the apps of one level in parallel
     * (reverse {@code depends_on} levels). Apps the order leaves out stop with the first level. Default: one level.
     */
    public void stopOrder(Function<Collection<AppSpec>, List<List<String>>> order) {
        this.stopOrder = order;
    }

    /** Shows an app whose plan failed as {@code failed} with {@code reason}; it is not started. */
    public void markFailed(String name, String reason) {
        ProcessRunner runner = apps.resize(name, 1, old -> {
            if (old.stream().anyMatch(ProcessRunner::active)) {
                throw new IllegalStateException("app '" + name + "' is running; stop it before marking it failed");
            }
        }).getFirst();
        runner.markFailed(reason);
    }

    /** Stops every instance (all in parallel); completes when no process of their groups is left. */
    public CompletableFuture<Void> stop(String name) {
        return allOf(apps.runners(name).stream().map(ProcessRunner::stop).toList());
    }

    /** Stops, then starts again with the spec it was last started with. */
    public CompletableFuture<Void> restart(String name) {
        List<ProcessRunner> runners = apps.runners(name);
        AppSpec spec = runners.getFirst().spec();
        if (spec == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("app '" + name + "' has no plan to "
                    + "restart: its plan failed; fix the descriptor and start it again"));
        }
        return stop(name).thenRun(() -> start(spec));
    }

    /** Stops, then starts with {@code fresh} (a re-plan: edited env and args apply). Starts an unknown app. */
    public CompletableFuture<Void> restart(AppSpec fresh) {
        CompletableFuture<Void> stopped = apps.contains(fresh.name()) ? stop(fresh.name())
                : CompletableFuture.completedFuture(null);
        return stopped.thenRun(() -> start(fresh));
    }

    /** Starts one instance again with the app's current spec (after {@link #stopInstance}). */
    public void startInstance(String name, int instance) {
        ProcessRunner runner = apps.runner(name, instance);
        AppSpec spec = runner.spec();
        if (spec == null) {
            throw new IllegalStateException("app '" + name + "' has no plan to start: its plan failed; fix the "
                    + "descriptor and reload");
        }
        runner.start(spec);
    }

    /** Stops one instance; the others keep running. */
    public CompletableFuture<Void> stopInstance(String name, int instance) {
        return apps.runner(name, instance).stop();
    }

    /** Stops one instance and starts it again with {@code spec}. */
    public CompletableFuture<Void> restartInstance(String name, int instance, AppSpec spec) {
        ProcessRunner runner = apps.runner(name, instance);
        return runner.stop().thenRun(() -> runner.start(spec));
    }

    /**
     * Changes the number of instances to {@code spec.instances()}: new instances start with {@code spec}, surplus ones
     * stop and are forgotten, the ones that stay keep running (their next launch uses {@code spec}).
     */
    public CompletableFuture<Void> scale(AppSpec spec) {
        List<ProcessRunner> old = apps.runners(spec.name());
        List<ProcessRunner> kept = apps.resize(spec.name(), spec.instances(), before -> { });
        List<ProcessRunner> surplus = old.subList(Math.min(old.size(), kept.size()), old.size());
        for (int i = 0; i < kept.size(); i++) {
            if (options.console() != null) {
                options.console().reserve(spec.processLabel(i));
            }
            if (i < old.size()) {
                kept.get(i).adopt(spec);
            } else {
                kept.get(i).start(spec);
            }
        }
        return allOf(surplus.stream().map(ProcessRunner::stop).toList());
    }

    /** Records {@code spec} for an app the user stopped, so a later start uses it; starts nothing. */
    public void updateStopped(AppSpec spec) {
        apps.resize(spec.name(), spec.instances(), old -> { }).forEach(r -> r.adopt(spec));
    }

    /** Stops the app and forgets it (its descriptor or folder is gone). */
    public CompletableFuture<Void> remove(String name) {
        if (!apps.contains(name)) {
            return CompletableFuture.completedFuture(null);
        }
        return stop(name).thenRun(() -> apps.remove(name));
    }

    /** The spec the app last ran with (or will run with), if it has one. */
    public Optional<AppSpec> spec(String name) {
        return apps.find(name).map(runners -> runners.getFirst().spec());
    }

    /**
     * Stops every app, level by level of {@link #stopOrder} (all at once without {@code depends_on}), each level in
     * parallel, then stops any process still carrying this run's marker (a grandchild that left its group). Completes
     * when none is left; takes the longest kill timeout actually needed per level. A failed stop does not hold up
     * the next level; the first failure is reported at the end.
     */
    public CompletableFuture<Void> stopAll() {
        List<List<String>> levels = stopLevels();
        CompletableFuture<Throwable> chain = CompletableFuture.completedFuture(null);
        for (List<String> level : levels) {
            chain = chain.thenCompose(first -> {
                List<CompletableFuture<Void>> stops = new ArrayList<>();
                level.forEach(name -> apps.find(name).orElse(List.of()).forEach(r -> stops.add(r.stop())));
                return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                        .handle((v, t) -> first != null ? first : t);
            });
        }
        return chain
                .thenApplyAsync(t -> {
                    stopStrays(Signal.SIGTERM, StopSpec.DEFAULT.killTimeout());
                    return t;
                }, control)
                .thenCompose(t -> t == null ? CompletableFuture.<Void>completedFuture(null)
                        : CompletableFuture.failedFuture(t));
    }

    private List<List<String>> stopLevels() {
        List<AppSpec> specs = new ArrayList<>();
        apps.all().forEach(rs -> {
            AppSpec spec = rs.getFirst().spec();
            if (spec != null) {
                specs.add(spec);
            }
        });
        List<List<String>> levels = new ArrayList<>(stopOrder.apply(specs).stream().map(ArrayList::new).toList());
        java.util.Set<String> placed = new java.util.HashSet<>();
        levels.forEach(placed::addAll);
        List<String> rest = apps.names().stream().filter(n -> !placed.contains(n)).toList();
        if (levels.isEmpty()) {
            levels.add(new ArrayList<>());
        }
        levels.getFirst().addAll(rest);
        return List.copyOf(levels);
    }

    /** SIGKILLs every group and stray now (the second Ctrl-C); does not wait. */
    public void killAllNow() {
        apps.all().forEach(rs -> rs.forEach(ProcessRunner::killNow));
        control.execute(() -> stopStrays(Signal.SIGKILL, Duration.ZERO));
    }

    /** One row per process, by app name then instance. */
    public List<ProcessView> snapshot() {
        List<ProcessView> views = new ArrayList<>();
        apps.all().forEach(rs -> rs.forEach(r -> views.add(r.view())));
        return views;
    }

    /** The process labelled {@code label} ({@code api}, {@code api-1}), found without a view of every process. */
    public Optional<ProcessView> view(String label) {
        return apps.labelled(label).map(ProcessRunner::view);
    }

    /** Whether any process shows {@code starting} (spawning, waiting for its dependencies or its ready probe). */
    public boolean anyStarting() {
        for (List<ProcessRunner> runners : apps.all()) {
            for (ProcessRunner r : runners) {
                if (r.showsStarting()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The last lines (up to 50) the process wrote to stderr. */
    public List<String> recentStderr(String name, int instance) {
        return apps.runner(name, instance).recentStderr();
    }

    /**
     * Events are delivered on one thread in order, never under a supervisor lock; a subscriber must be quick.
     *
     * @return call it to unsubscribe
     */
    public Runnable subscribe(Consumer<LifecycleEvent> subscriber) {
        return events.subscribe(subscriber);
    }

    /** Stops everything, waits, delivers pending events, and deletes state.json. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopAll().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("stopping every app at close failed: {}", e.getCause() == null ? e : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        logFiles.close();
        stopper.close();
        timer.shutdownNow();
        control.shutdown();
        stateFile.close();
    }

    private void stopStrays(Signal signal, Duration timeout) {
        List<ProcStat> strays = ProcFs.withEnvironmentEntry("ORCHESTRATOR_RUN=" + options.runId());
        if (!strays.isEmpty()) {
            LOG.info("stopping {} process(es) that left their app's group: {}", strays.size(), strays);
            StrayReaper.stop(strays, signal, timeout);
        }
    }

    private StateFile.State stateSnapshot() {
        List<StateFile.Entry> entries = new ArrayList<>();
        apps.all().forEach(rs -> rs.forEach(r -> r.stateEntry().ifPresent(entries::add)));
        return new StateFile.State(1, options.runId(), ProcessHandle.current().pid(), startedAt.toString(), entries);
    }

    private static CompletableFuture<Void> allOf(List<CompletableFuture<Void>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }
}
