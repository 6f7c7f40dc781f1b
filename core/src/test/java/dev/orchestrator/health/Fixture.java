package dev.orchestrator.health;

import org.awaitility.Awaitility;

import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.HealthSpec;
import dev.orchestrator.plan.LogSpec;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.plan.RotateSpec;
import dev.orchestrator.plan.StopSpec;
import dev.orchestrator.plan.WatchSpec;
import dev.orchestrator.supervisor.LifecycleEvent;
import dev.orchestrator.supervisor.ProcessView;
import dev.orchestrator.supervisor.Supervisor;
import dev.orchestrator.supervisor.SupervisorOptions;
import dev.orchestrator.testing.TestProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A real supervisor and health monitor over a temp folder, with short intervals, recording every event in order. */
final class Fixture implements AutoCloseable {
    final Path dir;
    final TestProcesses procs;
    final Supervisor supervisor;
    final HealthMonitor monitor;
    final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
    final List<String> reports = new CopyOnWriteArrayList<>();

    Fixture(Path dir, TestProcesses procs, HealthOptions options) {
        this.dir = dir;
        this.procs = procs;
        this.supervisor = new Supervisor(new SupervisorOptions(dir, dir.resolve(".orchestrator"), procs.runId(),
                Clock.systemUTC(), null));
        supervisor.subscribe(events::add);
        this.monitor = HealthMonitor.start(supervisor, options, reports::add);
    }

    /** Heartbeat check every 500 ms, timeout 2 s; memory every 200 ms; ticks and cron sleeps 100 ms; dependencies 10 s. */
    static HealthOptions quick(int heartbeatPort, Clock clock) {
        return new HealthOptions(new RootConfig.Heartbeat(heartbeatPort, Duration.ofMillis(500), Duration.ofSeconds(2)),
                Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(10), clock);
    }

    /** A port that was free an instant ago (bind 0, read it, close). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AppSpec app(String name, List<String> argv) {
        return new AppSpec(name, "default", "shell", 1, argv, dir, procs.env(), dir.resolve("ecosystem.yaml"),
                new LogSpec(dir.resolve("logs/" + name + "-out.log"), dir.resolve("logs/" + name + "-err.log"), false,
                        Optional.empty(), RotateSpec.DEFAULT), RestartSpec.DEFAULT,
                new StopSpec("SIGTERM", Duration.ofSeconds(2)), WatchSpec.OFF, Set.of());
    }

    static AppSpec health(AppSpec s, HealthSpec health) {
        return s.withHealth(health);
    }

    static AppSpec restart(AppSpec s, RestartSpec restart) {
        return new AppSpec(s.name(), s.namespace(), s.runtime(), s.instances(), s.argv(), s.cwd(), s.env(), s.source(),
                s.logs(), restart, s.stop(), s.watch(), s.secretKeys(), s.health());
    }

    <T extends LifecycleEvent> List<T> of(Class<T> type, String label) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(e -> e.label().equals(label)).toList();
    }

    <T extends LifecycleEvent> T await(Class<T> type, String label, Predicate<T> matching) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> of(type, label).stream().filter(matching).findFirst().orElse(null), e -> e != null);
    }

    <T extends LifecycleEvent> List<T> awaitCount(Class<T> type, String label, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> of(type, label), l -> l.size() >= count);
    }

    /** Position of the first event matching, in publication order; -1 when none. */
    int indexOf(Class<? extends LifecycleEvent> type, String label) {
        List<LifecycleEvent> all = new ArrayList<>(events);
        for (int i = 0; i < all.size(); i++) {
            if (type.isInstance(all.get(i)) && all.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    ProcessView view(String name) {
        return supervisor.snapshot().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        monitor.close();
        supervisor.close();
    }
}
