package dev.orchestrator.health;

import dev.orchestrator.plan.DependencyGraph;
import dev.orchestrator.descriptor.Settings.Condition;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.supervisor.ProcessState;
import dev.orchestrator.supervisor.ProcessView;
import dev.orchestrator.supervisor.Supervisor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Starts apps in {@code depends_on} order: each app is started at once but spawns only when every dependency has
 * reached its condition ({@code started}: spawned; {@code ready}: its ready probe passed, or running when it has
 * none; {@code completed}: exited 0). A dependency that errors or fails, exits non-zero where it had to complete, or
 * does not get there within the timeout fails the dependent, with the reason; nothing waits forever. The timeout of
 * a dependency counts only while that dependency is not itself waiting for its own dependencies.
 *
 * <p>Evaluated on every lifecycle event and, while a gate waits, on the monitor's tick, from the supervisor's snapshot; the monitor lock
 * guards only the pending list (memory), and gates are completed after it is released.
 */
public final class DependencyGate {

    private final Supervisor supervisor;
    private final Clock clock;
    private final Duration timeout;
    private final Runnable onPending;
    private final List<Pending> pending = new ArrayList<>();

    private static final class Wait {
        final String dependency;
        final Condition condition;
        Instant since; // null while the dependency itself waits for its dependencies

        Wait(String dependency, Condition condition) {
            this.dependency = dependency;
            this.condition = condition;
        }
    }

    private record Pending(String app, List<Wait> waits, CompletableFuture<Void> gate) {
    }

    /** Why a dependent was not started; its message is the reason the app shows as failed. */
    public static final class DependencyFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DependencyFailedException(String message) {
            super(message, null, false, false);
        }
    }

    /** @param onPending told when a gate starts waiting, to start the timeout checks */
    DependencyGate(Supervisor supervisor, Clock clock, Duration timeout, Runnable onPending) {
        this.supervisor = supervisor;
        this.clock = clock;
        this.timeout = timeout;
        this.onPending = onPending;
    }

    /**
     * Starts every app of {@code specs} that is not running yet, dependencies first, each behind its gate. Apps
     * already running are left alone.
     */
    public void startAll(Collection<AppSpec> specs) {
        Map<String, AppSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        Set<String> active = new HashSet<>();
        supervisor.snapshot().stream().filter(v -> v.status().active()).forEach(v -> active.add(v.name()));
        for (String name : DependencyGraph.of(specs).startOrder()) {
            AppSpec spec = byName.get(name);
            if (!active.contains(name)) {
                supervisor.start(spec, gate(spec));
            }
        }
    }

    /**
     * Starts {@code names} and everything they depend on among {@code known}, dependencies first, each behind its
     * gate ({@code orchestrator up NAME}, {@code orchestrator start NAME}). An app that depends on a {@code disabled}
     * app is failed at once, saying so. Apps already running are left alone.
     *
     * @return the apps this covered, in start order (the requested ones and their dependencies)
     */
    public List<String> startWithDependencies(Collection<String> names, Map<String, AppSpec> known,
                                              Set<String> disabled) {
        List<String> closure = DependencyGraph.of(known.values()).withDependencies(names).stream()
                .filter(known::containsKey).toList();
        Set<String> active = new HashSet<>();
        supervisor.snapshot().stream().filter(v -> v.status().active()).forEach(v -> active.add(v.name()));
        List<AppSpec> toStart = new ArrayList<>();
        for (String name : closure) {
            AppSpec spec = known.get(name);
            var off = spec.health().dependsOn().keySet().stream().filter(disabled::contains).findFirst();
            if (off.isPresent() && !active.contains(name)) {
                supervisor.markFailed(name, "app '" + name + "' not started: dependency '" + off.get() + "' is "
                        + "disabled; enable it (disabled: false) or remove it from depends_on");
            } else {
                toStart.add(spec);
            }
        }
        startAll(toStart);
        return closure;
    }

    /** Completes when every dependency of {@code spec} reached its condition; fails with the reason otherwise. */
    public CompletableFuture<Void> gate(AppSpec spec) {
        if (spec.health().dependsOn().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Wait> waits = new ArrayList<>();
        spec.health().dependsOn().forEach((dep, condition) -> waits.add(new Wait(dep, condition)));
        Pending p = new Pending(spec.name(), waits, new CompletableFuture<>());
        synchronized (this) {
            pending.add(p);
        }
        evaluate();
        onPending.run();
        return p.gate();
    }

    /** Whether some gate still waits (its timeout needs checking). */
    synchronized boolean waiting() {
        return !pending.isEmpty();
    }

    /** Re-checks every pending gate against the supervisor's processes now. */
    void evaluate() {
        List<Runnable> outcomes = new ArrayList<>();
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            Map<String, List<ProcessView>> byApp = new LinkedHashMap<>();
            supervisor.snapshot().forEach(v -> byApp.computeIfAbsent(v.name(), n -> new ArrayList<>()).add(v));
            Set<String> waiting = new HashSet<>();
            pending.forEach(p -> waiting.add(p.app()));
            Instant now = clock.instant();
            for (var it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                String failure = null;
                boolean met = true;
                for (Wait w : p.waits()) {
                    List<ProcessView> views = byApp.getOrDefault(w.dependency, List.of());
                    String failed = failure(w, views);
                    if (failed != null) {
                        failure = failed + "; fix " + w.dependency + ", then start " + p.app() + " again";
                        break;
                    }
                    if (reached(w, views)) {
                        continue;
                    }
                    met = false;
                    if (waiting.contains(w.dependency)) {
                        w.since = null;
                    } else if (w.since == null) {
                        w.since = now;
                    } else if (Duration.between(w.since, now).compareTo(timeout) > 0) {
                        failure = "dependency '" + w.dependency + "' was not " + adjective(w.condition) + " within "
                                + Texts.duration(timeout) + " (it is " + status(views) + "); check "
                                + w.dependency + "'s logs" + (w.condition == Condition.READY ? " and ready probe" : "")
                                + ", then start " + p.app() + " again";
                        break;
                    }
                }
                if (failure != null) {
                    it.remove();
                    String why = "app '" + p.app() + "' not started: " + failure;
                    outcomes.add(() -> p.gate().completeExceptionally(new DependencyFailedException(why)));
                } else if (met) {
                    it.remove();
                    outcomes.add(() -> p.gate().complete(null));
                }
            }
        }
        outcomes.forEach(Runnable::run);
    }

    private static boolean reached(Wait w, List<ProcessView> views) {
        if (views.isEmpty()) {
            return false;
        }
        return views.stream().allMatch(v -> switch (w.condition) {
            case STARTED -> v.pid() != null || v.status() == ProcessState.EXITED || v.status() == ProcessState.BACKOFF;
            // A child with a ready probe shows as "starting" until it passes; one without shows "running".
            case READY -> v.status() == ProcessState.READY || v.status() == ProcessState.RUNNING;
            case COMPLETED -> v.status() == ProcessState.EXITED && v.lastExit() != null && v.lastExit().code() != null
                    && v.lastExit().code() == 0;
        });
    }

    /** Why the dependency can no longer reach the condition, or null. */
    private static String failure(Wait w, List<ProcessView> views) {
        for (ProcessView v : views) {
            if (v.status() == ProcessState.ERRORED || v.status() == ProcessState.FAILED) {
                return "dependency '" + w.dependency + "' " + v.status().wireName()
                        + (v.reason() == null ? "" : ": " + v.reason());
            }
            boolean exitedBadly = v.status() == ProcessState.EXITED && v.lastExit() != null
                    && (v.lastExit().code() == null || v.lastExit().code() != 0);
            if (w.condition == Condition.COMPLETED && exitedBadly) {
                return "dependency '" + w.dependency + "' had to complete (exit 0) but " + v.lastExit().describe();
            }
        }
        return null;
    }

    private static String adjective(Condition c) {
        return switch (c) {
            case STARTED -> "started";
            case READY -> "ready";
            case COMPLETED -> "completed";
        };
    }

    private static String status(List<ProcessView> views) {
        return views.isEmpty() ? "not known to the orchestrator"
                : views.stream().map(v -> v.status().wireName()).distinct().reduce((a, b) -> a + ", " + b)
                        .orElse("");
    }
}
