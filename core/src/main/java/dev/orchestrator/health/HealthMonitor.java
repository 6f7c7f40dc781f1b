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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every running child for the supervisor: heartbeats (the HTTP endpoint and the timeout check every
 * {@code CHECK_INTERVAL}), ready and live probes, {@code max_memory_restart}, {@code cron_restart}, and the gates of
 * {@code depends_on}. It learns about children from lifecycle events and acts only through the supervisor's public
 * methods ({@code markReady}, {@code restartUnhealthy}, {@code restartScheduled}, gated {@code start}).
 *
 * <p>Threads: ONE platform thread ({@code orchestrator-health}) times everything; the work (probe tries, the memory
 * sweep, restarts) runs on virtual threads ({@code orchestrator-health-io-N}); a periodic job that is still running
 * when its next turn comes skips that turn. Event handling on the supervisor's event thread only records and
 * schedules.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final Supervisor supervisor;
    private final HealthOptions options;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("orchestrator-health").daemon(true).stackSize(256 << 10).factory());
    private final ExecutorService io = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("orchestrator-health-io-", 0).factory());
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
        this.heartbeats = new Heartbeats(options.clock());
        this.dependencies = new DependencyGate(supervisor, options.clock(), options.dependencyTimeout());
        this.memory = new MemoryWatch(supervisor);
        this.cron = new CronRestarts(supervisor, options.clock());
    }

    /**
     * Subscribes to {@code supervisor}, makes its {@code stopAll} stop in reverse dependency levels, listens for
     * heartbeats on {@code 127.0.0.1:<heartbeat.port>} (a port in use is reported to {@code report} and heartbeats
     * are off; nothing fails), and starts the periodic checks. Call before starting any app.
     */
    public static HealthMonitor start(Supervisor supervisor, HealthOptions options, Consumer<String> report) {
        HealthMonitor m = new HealthMonitor(supervisor, options);
        supervisor.stopOrder(DependencyGraph::stopLevels);
        m.unsubscribe = supervisor.subscribe(m::onEvent);
        m.server = HeartbeatServer.start(options.heartbeat().port(), m.heartbeats, report).orElse(null);
        m.every(options.heartbeat().checkInterval(), m::checkHeartbeats);
        m.every(options.memoryInterval(), m.memory::sample);
        m.every(options.tick(), () -> {
            m.cron.tick();
            m.dependencies.evaluate();
        });
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
        Optional<ProcessView> view = supervisor.snapshot().stream().filter(v -> v.label().equals(e.label()))
                .findFirst();
        Optional<AppSpec> spec = view.flatMap(v -> supervisor.spec(v.name()));
        if (spec.isEmpty()) {
            return;
        }
        LiveProcess p = new LiveProcess(view.get().name(), view.get().instance(), e.label(), e.pid(), spec.get(),
                options.clock().instant(), e.output());
        pidByLabel.put(e.label(), e.pid());
        var heartbeat = spec.get().health().heartbeat();
        heartbeats.started(p, heartbeat.enabled(), heartbeat.timeout().orElse(options.heartbeat().timeout()));
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

    private void checkHeartbeats() {
        for (Heartbeats.Overdue o : heartbeats.overdue()) {
            supervisor.restartUnhealthy(o.name(), o.instance(), o.pid(),
                    "heartbeat timeout after " + Texts.duration(o.timeout()));
        }
    }

    /** Runs {@code job} on a virtual thread every {@code period}; a turn is skipped while the last one still runs. */
    private void every(Duration period, Runnable job) {
        AtomicBoolean busy = new AtomicBoolean();
        long nanos = period.toNanos();
        scheduler.scheduleWithFixedDelay(() -> {
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            try {
                io.execute(() -> {
                    try {
                        job.run();
                    } catch (RuntimeException ex) {
                        LOG.warn("health check failed: {}", ex.toString());
                    } finally {
                        busy.set(false);
                    }
                });
            } catch (RejectedExecutionException ex) {
                busy.set(false); // closing
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS);
    }
}
