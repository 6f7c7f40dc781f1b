package dev.orchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.HealthSpec;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.supervisor.LifecycleEvent.Exited;
import dev.orchestrator.supervisor.LifecycleEvent.Restarting;
import dev.orchestrator.supervisor.LifecycleEvent.Started;
import dev.orchestrator.supervisor.ProcessState;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import dev.orchestrator.testing.children.Allocator;
import dev.orchestrator.testing.children.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** max_memory_restart (a child that allocates) and cron_restart (a fake clock), issue 6. */
@NoLeakedProcesses
class RestartTriggersTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:01:00Z");

    @TempDir
    Path dir;
    private Fixture f;
    private final MutableClock clock = new MutableClock(T0);

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private static HealthSpec memory(long bytes) {
        return new HealthSpec(Optional.empty(), Optional.empty(), Map.of(), HealthSpec.NONE.heartbeat(),
                OptionalLong.of(bytes), Optional.empty());
    }

    private static HealthSpec cron(String expression) {
        return new HealthSpec(Optional.empty(), Optional.empty(), Map.of(), HealthSpec.NONE.heartbeat(),
                OptionalLong.empty(), Optional.of(expression));
    }

    @Test
    void anAppOverItsMemoryLimitIsRestartedWithTheSizes(TestProcesses procs) {
        f = new Fixture(dir, procs, Fixture.quick(0, Clock.systemUTC()));
        List<String> argv = Children.java(Allocator.class, "200").stream()
                .map(a -> a.equals("-Xmx16m") ? "-Xmx320m" : a).toList();
        f.supervisor.start(f.app("hog", argv).withHealth(memory(120L << 20)));
        f.supervisor.start(f.app("small", Children.java(Sleeper.class)).withHealth(memory(120L << 20)));
        int first = f.await(Started.class, "hog", e -> true).pid();

        Restarting restart = f.await(Restarting.class, "hog", e -> true);

        Matcher m = Pattern.compile("memory (\\d+)M over max_memory_restart 120M").matcher(restart.reason());
        assertThat(m.matches()).as(restart.reason()).isTrue();
        // Sampled while allocating or after; a JVM child at rest is far below the limit.
        assertThat(Integer.parseInt(m.group(1))).isGreaterThan(120);
        assertThat(f.awaitCount(Started.class, "hog", 2).get(1).pid()).isNotEqualTo(first);
        assertThat(f.of(Restarting.class, "small")).isEmpty();
    }

    @Test
    void aCronScheduleRestartsTheAppWhenItsTimeComes(TestProcesses procs) {
        f = new Fixture(dir, procs, Fixture.quick(0, clock));
        f.supervisor.start(f.app("nightly", Children.java(Sleeper.class)).withHealth(cron("*/5 * * * *")));
        int first = f.await(Started.class, "nightly", e -> true).pid();
        await().until(() -> f.monitor.nextCronRestart("nightly"),
                next -> next.equals(Optional.of(Instant.parse("2026-03-01T10:05:00Z"))));
        assertThat(f.of(Restarting.class, "nightly")).isEmpty();

        clock.set(Instant.parse("2026-03-01T10:05:00Z"));

        assertThat(f.await(Restarting.class, "nightly", e -> true).reason())
                .isEqualTo("cron_restart \"*/5 * * * *\"");
        assertThat(f.awaitCount(Started.class, "nightly", 2).get(1).pid()).isNotEqualTo(first);
        assertThat(f.monitor.nextCronRestart("nightly")).contains(Instant.parse("2026-03-01T10:10:00Z"));
        assertThat(f.of(Restarting.class, "nightly")).hasSize(1);
    }

    @Test
    void aCronScheduleStartsAnAppThatExitedButNotOneTheUserStopped(TestProcesses procs) {
        f = new Fixture(dir, procs, Fixture.quick(0, clock));
        RestartSpec once = new RestartSpec(false, Duration.ZERO, Duration.ZERO, 16, Duration.ofSeconds(1),
                java.util.Set.of());
        AppSpec job = Fixture.restart(f.app("job", Children.sh("exit 0")), once).withHealth(cron("0 * * * *"));
        f.supervisor.start(job);
        f.supervisor.start(f.app("paused", Children.java(Sleeper.class)).withHealth(cron("0 * * * *")));
        f.await(Exited.class, "job", e -> true);
        f.await(Started.class, "paused", e -> true);
        f.supervisor.stop("paused").join();
        await().until(() -> f.monitor.nextCronRestart("job").isPresent()
                && f.monitor.nextCronRestart("paused").isPresent());
        await().until(() -> f.view("job").status() == ProcessState.EXITED);

        clock.set(Instant.parse("2026-03-01T11:00:00Z"));

        f.awaitCount(Started.class, "job", 2);
        await().until(() -> f.monitor.nextCronRestart("paused"),
                next -> next.equals(Optional.of(Instant.parse("2026-03-01T12:00:00Z"))));
        assertThat(f.of(Started.class, "paused")).hasSize(1);
        assertThat(f.view("paused").status()).isEqualTo(ProcessState.STOPPED);
    }
}
