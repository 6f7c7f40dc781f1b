package dev.orchestrator.health;

import dev.orchestrator.plan.DependencyGraph;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.supervisor.LifecycleEvent;
import dev.orchestrator.supervisor.ProcessView;
import dev.orchestrator.supervisor.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches every running child for the supervisor: heartbeats (the HTTP endpoint and the timeout check every
 * {@code CHECK_INTERVAL}), ready and live probes, {@code max_memory_restart}, {@code cron_restart}, and the gates of
 * {@code depends_on}. It learns about children from lifecycle events and acts only through the supervisor's public
 * methods ({@code markReady}, {@code restartUnhealthy}, {@code restartScheduled}, gated {@code start}).
 *
 * <p>Threads: ONE platform thread ({@code orchestrator-health}) times everything; the work (probe tries, the memory
 * sweep, restarts) runs on virtual threads ({@code orchestrator-health-io-N}), one turn of each check at a time.
 * Event handling on the supervisor's event thread only records and schedules.
 *
 * <p>Nothing runs that no app asked for: the heartbeat timeouts are checked every {@code CHECK_INTERVAL} only while
 * some child is tracked, the memory sample runs only while a running app has {@code max_memory_restart}, cron
 * schedules wake the monitor at their next time (at least every {@code cronSleep}), dependency timeouts on the tick
 * only while a gate waits. A project without any of them leaves the monitor asleep until an event wakes it.
 */
public final class HealthMonitor implements AutoCloseable {
    private final Supervisor supervisor;
    private final HealthOptions options;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("orchestrator-health").daemon(true).stackSize(256 << 10).factory());
    private final ExecutorService io = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("orchestrator-health-io-", 0).factory());
    private final Timed heartbeatChecks;
    private final Timed memoryChecks;
    private final Timed clockChecks;
    private final Heartbeats heartbeats;
    private final DependencyGate dependencies;
    private final MemoryWatch memory;
    private final CronRestarts cron;
    private final Map<Integer, ProbeLoop> probes = new ConcurrentHashMap<>();
    private final Map<String, Integer> pidByLabel = new ConcurrentHashMap<>();
    private Runnable unsubscribe = () -> { };
    private HeartbeatServer server;

    private HealthMonitor(Supervisor supervisor, HealthOptions options) {
        this.supervisor = supervisor;
        this.options = options;
        long beats = options.heartbeat().checkInterval().toNanos();
        long memoryInterval = options.memoryInterval().toNanos();
        this.heartbeatChecks = new Timed("heartbeat timeouts", scheduler, io, beats, this::heartbeatTurn);
        this.memoryChecks = new Timed("max_memory_restart", scheduler, io, memoryInterval, this::memoryTurn);
        this.clockChecks = new Timed("cron_restart and depends_on", scheduler, io, options.tick().toNanos(),
                this::clockTurn);
        this.heartbeats = new Heartbeats(options.clock(), () -> heartbeatChecks.wake(beats));
        this.dependencies = new DependencyGate(supervisor, options.clock(), options.dependencyTimeout(),
                () -> clockChecks.wake(options.tick().toNanos()));
        this.memory = new MemoryWatch(supervisor);
        this.cron = new CronRestarts(supervisor, options.clock());
    }

    /**
     * Subscribes to {@code supervisor}, makes its {@code stopAll} stop in reverse dependency levels, listens for
     * heartbeats on {@code 127.0.0.1:<heartbeat.port>} (a port in use is reported to {@code report} and heartbeats
     * are off; nothing fails), and looks once at the apps already known. Call before starting any app.
     */
    public static HealthMonitor start(Supervisor supervisor, HealthOptions options, Consumer<String> report) {
        HealthMonitor m = new HealthMonitor(supervisor, options);
        supervisor.stopOrder(DependencyGraph::stopLevels);
        m.unsubscribe = supervisor.subscribe(m::onEvent);
        m.server = HeartbeatServer.start(options.heartbeat().port(), m.heartbeats, report).orElse(null);
        m.clockChecks.wake(0);
        m.memoryChecks.wake(0);
        return m;
    }

    /** Starts apps in dependency order, each gated on its own dependencies. */
    public DependencyGate dependencies() {
        return dependencies;
    }

    /** The heartbeat port, when the endpoint is listening. */
    public OptionalInt heartbeatPort() {
        return server == null ? OptionalInt.empty() : OptionalInt.of(server.port());
    }

    /** When the cron schedule of app {@code name} restarts it next, once the monitor has seen the app. */
    public Optional<Instant> nextCronRestart(String name) {
        return cron.next(name);
    }

    @Override
    public void close() {
        unsubscribe.run();
        scheduler.shutdownNow();
        probes.values().forEach(ProbeLoop::cancel);
        probes.clear();
        if (server != null) {
            server.close();
        }
        io.shutdownNow();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onEvent(LifecycleEvent event) {
        switch (event) {
            case LifecycleEvent.Started e -> started(e);
            case LifecycleEvent.Exited e -> ended(e.label());
            case LifecycleEvent.Stopped e -> ended(e.label());
            case LifecycleEvent.Errored e -> ended(e.label());
            case LifecycleEvent.Failed e -> ended(e.label());
            case LifecycleEvent.Ready e -> { }
            case LifecycleEvent.Restarting e -> { }
        }
        dependencies.evaluate();
    }

    private void started(LifecycleEvent.Started e) {
        ended(e.label());
        Optional<ProcessView> view = supervisor.view(e.label());
        Optional<AppSpec> spec = view.flatMap(v -> supervisor.spec(v.name()));
        if (spec.isEmpty()) {
            return;
        }
        LiveProcess p = new LiveProcess(view.get().name(), view.get().instance(), e.label(), e.pid(), spec.get(),
                options.clock().instant(), e.output());
        pidByLabel.put(e.label(), e.pid());
        var health = spec.get().health();
        heartbeats.started(p, health.heartbeat().enabled(), health.heartbeat().timeout()
                .orElse(options.heartbeat().timeout()));
        if (health.maxMemoryBytes().isPresent()) {
            memoryChecks.wake(options.memoryInterval().toNanos());
        }
        if (health.cron().isPresent()) {
            clockChecks.wake(0);
        }
        if (ProbeLoop.needed(p)) {
            ProbeLoop loop = new ProbeLoop(p, supervisor, scheduler, io);
            probes.put(p.pid(), loop);
            loop.start();
        }
    }

    private void ended(String label) {
        Integer pid = pidByLabel.remove(label);
        if (pid != null) {
            heartbeats.ended(pid);
            ProbeLoop loop = probes.remove(pid);
            if (loop != null) {
                loop.cancel();
            }
        }
    }

    /** Restarts the overdue; the next check comes after {@code CHECK_INTERVAL} while some child is tracked. */
    private long heartbeatTurn() {
        for (Heartbeats.Overdue o : heartbeats.overdue()) {
            supervisor.restartUnhealthy(o.name(), o.instance(), o.pid(),
                    "heartbeat timeout after " + Texts.duration(o.timeout()));
        }
        return heartbeats.watching() ? options.heartbeat().checkInterval().toNanos() : -1;
    }

    /** One sample; the next one after the interval while a running app has a limit. */
    private long memoryTurn() {
        return memory.sample() ? options.memoryInterval().toNanos() : -1;
    }

    /**
     * Restarts the apps whose cron time has come and re-checks the waiting gates; the next turn comes at the next
     * cron time (a millisecond after, so the clock has passed it; at most {@code cronSleep} away), or on the tick
     * while a gate waits, or not until woken.
     */
    private long clockTurn() {
        Optional<Instant> cronNext = cron.tick();
        dependencies.evaluate();
        long after = -1;
        if (cronNext.isPresent()) {
            Duration until = Duration.between(options.clock().instant(), cronNext.get()).plusMillis(1);
            after = (until.compareTo(options.cronSleep()) > 0 ? options.cronSleep() : until).toNanos();
        }
        if (dependencies.waiting()) {
            long tick = options.tick().toNanos();
            after = after < 0 ? tick : Math.min(after, tick);
        }
        return after;
    }
}
