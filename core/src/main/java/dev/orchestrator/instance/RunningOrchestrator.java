package dev.orchestrator.instance;

import dev.orchestrator.plan.DependencyGraph;
import dev.orchestrator.control.CommandOutcome;
import dev.orchestrator.control.ControlServer;
import dev.orchestrator.control.ForwardedCommand;
import dev.orchestrator.control.ProcessRow;
import dev.orchestrator.control.Selector;
import dev.orchestrator.control.SocketLocation;
import dev.orchestrator.health.HealthMonitor;
import dev.orchestrator.health.HealthOptions;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.PlannedApp;
import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.supervisor.Supervisor;
import dev.orchestrator.watch.HotReloader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One running orchestrator for a project: the supervisor running the apps, hot reload (tree edits under
 * {@code --watch}, source watches always), the control socket, and the desired state the user set with
 * {@code stop X} / {@code start X}, which survives reloads until the orchestrator exits.
 */
public final class RunningOrchestrator implements AutoCloseable {

    /**
     * How to run.
     *
     * @param watch         reload on every edit of the tree, and load plugin jars dropped in ({@code --watch});
     *                      otherwise only {@code orchestrator reload} reloads
     * @param report        where reload plans and watch notices are printed
     * @param down          what {@code orchestrator down} does: stop every app, then end the process
     * @param version       this build's version, for the control protocol's hello
     * @param pluginFolders the folders plugin jars are loaded from
     * @param loaders       a loader with the plugins as they are on disk now
     * @param commands      runs the command lines a thin client forwards (op {@code cli}), or declines them
     */
    public record Options(boolean watch, Consumer<String> report, Runnable down, String version,
                          List<Path> pluginFolders, java.util.function.Supplier<ProjectLoader> loaders,
                          Function<ForwardedCommand, CommandOutcome> commands) {
    }

    /** One control action over the processes a selector picked; returns a failure message, or empty when done. */
    interface Action {
        Optional<String> apply(List<Selector.ProcessRef> processes);
    }

    private final Path root;
    private final Supervisor supervisor;
    private volatile ProjectLoader loader;
    private final EventFeed events;
    private final Runnable down;
    private final Set<String> stoppedByUser = ConcurrentHashMap.newKeySet();
    private final Map<String, PlannedApp> known = new ConcurrentHashMap<>();
    private HotReloader reloader;
    private ControlServer server;
    private ControlBridge bridge;
    private PluginFolderWatch pluginWatch;
    private HealthMonitor health;

    private RunningOrchestrator(Path root, Supervisor supervisor, ProjectLoader loader, Runnable down) {
        this.root = root;
        this.supervisor = supervisor;
        this.loader = loader;
        this.down = down;
        this.events = new EventFeed(supervisor, Clock.systemUTC());
    }

    /** Starts {@code selected} (the others are known but stopped), then hot reload and the control socket. */
    public static RunningOrchestrator start(ProjectPlan plan, List<AppSpec> selected, Supervisor supervisor,
                                            Options options) throws IOException {
        RunningOrchestrator running = new RunningOrchestrator(plan.root(), supervisor, options.loaders().get(),
                options.down());
        plan.apps().forEach(app -> running.known.put(app.name(), app));
        // Health before any start, so it sees every child: heartbeats (a taken port is reported, not fatal),
        // probes, depends_on gates and stop levels, memory and cron restarts.
        running.health = HealthMonitor.start(supervisor, HealthOptions.of(plan.config().heartbeat()),
                options.report());
        plan.apps().stream().filter(a -> !a.ok()).forEach(app -> supervisor.markFailed(app.name(),
                app.failure().map(p -> p.format(plan.root())).orElse("plan failed")));
        // `up NAME` runs NAME with what it depends on; every app waits for its own dependencies.
        Set<String> started = Set.copyOf(running.health.dependencies().startWithDependencies(
                selected.stream().map(AppSpec::name).toList(), running.startableSpecs(), running.disabled()));
        plan.runnable().stream().filter(s -> !started.contains(s.name())).forEach(s -> {
            running.stoppedByUser.add(s.name()); // `up NAME` leaves the others stopped but known
            supervisor.updateStopped(s);
        });
        running.reloader = new HotReloader(running.loader, new SupervisorAppControl(supervisor,
                running.health.dependencies()), options.report(), () -> Set.copyOf(running.stoppedByUser));
        running.reloader.reloadOnTreeChange(options.watch());
        running.reloader.onApplied(running.events::reloaded);
        running.reloader.start(plan);
        if (options.watch()) {
            running.pluginWatch = PluginFolderWatch.start(options.pluginFolders(), () -> {
                options.report().accept("plugin folder changed: loading plugins again");
                running.loader = options.loaders().get();
                running.reloader.useLoader(running.loader);
            });
        }
        running.bridge = new ControlBridge(running, options.commands());
        running.server = ControlServer.start(SocketLocation.forServer(plan.root(), System.getenv(),
                SocketLocation.currentUid()), running.bridge, options.version());
        return running;
    }

    /** Whether a process is still being spawned or waits for its dependencies or ready probe ({@code up -d} waits). */
    public boolean starting() {
        return supervisor.anyStarting();
    }

    /** The rows {@code ls} shows now. */
    public List<ProcessRow> processes() {
        return bridge.list();
    }

    Supervisor supervisor() {
        return supervisor;
    }

    EventFeed events() {
        return events;
    }

    String namespaceOf(String app, String fallback) {
        return fallback != null ? fallback : Optional.ofNullable(known.get(app)).map(PlannedApp::namespace)
                .orElse("default");
    }

    String runtimeOf(String app, String fallback) {
        return fallback != null ? fallback : Optional.ofNullable(known.get(app)).flatMap(PlannedApp::runtime)
                .orElse("-");
    }

    Optional<String> start(List<Selector.ProcessRef> processes) {
        return each(processes, (app, refs, whole) -> {
            if (whole) {
                stoppedByUser.remove(app);
                // `start NAME` also starts what NAME depends on, dependencies first, each behind its gate.
                health.dependencies().startWithDependencies(List.of(app), startableSpecs(), disabled())
                        .forEach(stoppedByUser::remove);
            }
            refs.forEach(r -> supervisor.startInstance(app, r.instance())); // no-op for what is already starting
            return CompletableFuture.completedFuture(null);
        });
    }

    Optional<String> stop(List<Selector.ProcessRef> processes) {
        // Several apps stop in reverse depends_on levels (dependents first), each level in parallel.
        List<AppSpec> specs = processes.stream().map(Selector.ProcessRef::name).distinct()
                .flatMap(n -> supervisor.spec(n).stream()).toList();
        List<List<String>> levels = new ArrayList<>(DependencyGraph.stopLevels(specs));
        if (levels.isEmpty()) {
            levels.add(List.of());
        }
        for (int i = 0; i < levels.size(); i++) {
            Set<String> level = Set.copyOf(levels.get(i));
            boolean first = i == 0; // apps without a spec (failed plans) stop with the first level
            Optional<String> failure = each(processes.stream().filter(p -> level.contains(p.name())
                    || (first && specs.stream().noneMatch(s -> s.name().equals(p.name())))).toList(),
                    (app, refs, whole) -> {
                        if (whole) {
                            stoppedByUser.add(app);
                            return supervisor.stop(app);
                        }
                        return CompletableFuture.allOf(refs.stream()
                                .map(r -> supervisor.stopInstance(app, r.instance()))
                                .toArray(CompletableFuture[]::new));
                    });
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    /** Restarts with the current descriptors: the app is planned afresh, so edited env and args apply. */
    Optional<String> restart(List<Selector.ProcessRef> processes) {
        ProjectPlan fresh = loader.load(root);
        Map<String, PlannedApp> byName = new LinkedHashMap<>();
        fresh.apps().forEach(a -> byName.put(a.name(), a));
        for (Selector.ProcessRef ref : processes) {
            PlannedApp app = byName.get(ref.name());
            if (app == null || app.spec().isEmpty()) {
                String why = app == null ? "it is no longer in the project"
                        : app.failure().map(p -> p.format(root)).orElse("its plan failed");
                return Optional.of("app '" + ref.name() + "' cannot restart with the current descriptors: " + why
                        + "; it keeps running as it was");
            }
        }
        return each(processes, (name, refs, whole) -> {
            AppSpec spec = byName.get(name).spec().orElseThrow();
            known.put(name, byName.get(name));
            if (whole || spec.instances() != supervisor.spec(name).map(AppSpec::instances).orElse(0)) {
                stoppedByUser.remove(name);
                reloader.adopted(spec);
                return supervisor.restart(spec);
            }
            return CompletableFuture.allOf(refs.stream()
                    .map(r -> supervisor.restartInstance(name, r.instance(), spec)).toArray(CompletableFuture[]::new));
        });
    }

    /** Every app that can run, with the spec the supervisor holds (or the planned one): what start may start. */
    private Map<String, AppSpec> startableSpecs() {
        Map<String, AppSpec> specs = new LinkedHashMap<>();
        known.values().stream().filter(a -> a.ok() && !a.disabled()).forEach(a -> supervisor.spec(a.name())
                .or(a::spec).ifPresent(s -> specs.put(a.name(), s)));
        return specs;
    }

    private Set<String> disabled() {
        return known.values().stream().filter(PlannedApp::disabled).map(PlannedApp::name)
                .collect(java.util.stream.Collectors.toSet());
    }

    List<String> reload() {
        return reloader.reloadNow().join();
    }

    void down() {
        down.run();
    }

    private interface PerApp {
        CompletableFuture<Void> apply(String app, List<Selector.ProcessRef> refs, boolean whole);
    }

    /** Groups the processes by app, runs {@code body} for each app in parallel, and waits for all of them. */
    private Optional<String> each(List<Selector.ProcessRef> processes, PerApp body) {
        Map<String, List<Selector.ProcessRef>> byApp = new LinkedHashMap<>();
        processes.forEach(p -> byApp.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p));
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        try {
            byApp.forEach((app, refs) -> {
                int instances = supervisor.spec(app).map(AppSpec::instances).orElse(refs.size());
                pending.add(body.apply(app, refs, refs.size() >= instances));
            });
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            return Optional.empty();
        } catch (IllegalStateException | IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        } catch (CompletionException e) {
            return Optional.of(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }

    /**
     * Stops hot reload and the health monitor, so nothing starts or restarts again while the apps stop. The control
     * socket stays until {@link #close}.
     */
    public void stopReloading() {
        if (pluginWatch != null) {
            pluginWatch.close();
        }
        if (reloader != null) {
            reloader.close();
        }
        if (health != null) {
            health.close();
        }
    }

    /** Closes hot reload and the control socket; the caller stops the apps (the supervisor). */
    @Override
    public void close() {
        stopReloading();
        if (server != null) {
            server.close();
        }
    }
}
