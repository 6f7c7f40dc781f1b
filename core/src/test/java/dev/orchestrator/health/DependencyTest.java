package dev.orchestrator.health;

import dev.orchestrator.plan.DependencyGraph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.descriptor.Settings;
import dev.orchestrator.descriptor.Settings.Condition;
import dev.orchestrator.descriptor.Settings.ProbeKind;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.HealthSpec;
import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.supervisor.LifecycleEvent.Exited;
import dev.orchestrator.supervisor.LifecycleEvent.Failed;
import dev.orchestrator.supervisor.LifecycleEvent.Ready;
import dev.orchestrator.supervisor.LifecycleEvent.Started;
import dev.orchestrator.supervisor.LifecycleEvent.Stopped;
import dev.orchestrator.supervisor.ProcessState;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import dev.orchestrator.testing.children.Crasher;
import dev.orchestrator.testing.children.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** depends_on: start order, conditions, failures and timeouts, stop levels (issue 6). */
@NoLeakedProcesses
class DependencyTest {
    @TempDir
    Path dir;
    private Fixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private void start(TestProcesses procs, Duration dependencyTimeout) {
        HealthOptions quick = Fixture.quick(0, Clock.systemUTC());
        f = new Fixture(dir, procs, new HealthOptions(quick.heartbeat(), quick.memoryInterval(), quick.tick(),
                quick.cronSleep(), dependencyTimeout, quick.clock()));
    }

    private static HealthSpec needs(Map<String, Condition> deps, Settings.Probe ready) {
        return new HealthSpec(Optional.ofNullable(ready), Optional.empty(), deps, HealthSpec.NONE.heartbeat(),
                OptionalLong.empty(), Optional.empty());
    }

    private static Settings.Probe neverReady() {
        return ProbeTest.probe(ProbeKind.TCP, Integer.toString(Fixture.freePort()), 3);
    }

    private static final RestartSpec ONCE = new RestartSpec(false, Duration.ZERO, Duration.ZERO, 0,
            Duration.ofSeconds(30), java.util.Set.of());

    @Test
    void aDependentStartsOnlyAfterItsDependencyIsReady(TestProcesses procs) {
        start(procs, Duration.ofSeconds(30));
        AppSpec db = f.app("db", Children.sh("sleep 0.3; echo listening; exec sleep 1000"))
                .withHealth(needs(Map.of(), ProbeTest.probe(ProbeKind.LOG, "listening", 3)));
        AppSpec api = f.app("api", Children.java(Sleeper.class)).withHealth(needs(Map.of("db", Condition.READY), null));

        f.monitor.dependencies().startAll(List.of(api, db));

        f.await(Started.class, "api", e -> true);
        assertThat(f.indexOf(Started.class, "api")).isGreaterThan(f.indexOf(Ready.class, "db"));
        assertThat(f.indexOf(Started.class, "db")).isLessThan(f.indexOf(Ready.class, "db"));
    }

    @Test
    void aDependencyThatErrorsFailsItsDependentsWithTheReason(TestProcesses procs) {
        start(procs, Duration.ofSeconds(30));
        AppSpec db = Fixture.restart(f.app("db", Children.java(Crasher.class, "3")),
                new RestartSpec(true, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(30), java.util.Set.of()))
                .withHealth(needs(Map.of(), neverReady()));
        AppSpec api = f.app("api", Children.java(Sleeper.class)).withHealth(needs(Map.of("db", Condition.READY), null));

        f.monitor.dependencies().startAll(List.of(db, api));

        Failed failed = f.await(Failed.class, "api", e -> true);
        assertThat(failed.reason()).isEqualTo("app 'api' not started: dependency 'db' errored: stopped restarting: "
                + "1 starts in a row each ended within min_uptime 30000 ms (max_restarts: 0); last exited with code 3; "
                + "fix db, then start api again");
        assertThat(f.view("api").status()).isEqualTo(ProcessState.FAILED);
        assertThat(f.view("api").reason()).isEqualTo(failed.reason());
        assertThat(f.of(Started.class, "api")).isEmpty();
    }

    @Test
    void aDependencyThatIsNotReadyInTimeFailsItsDependents(TestProcesses procs) {
        start(procs, Duration.ofSeconds(1));
        AppSpec db = f.app("db", Children.java(Sleeper.class)).withHealth(needs(Map.of(), neverReady()));
        AppSpec api = f.app("api", Children.java(Sleeper.class)).withHealth(needs(Map.of("db", Condition.READY), null));
        AppSpec web = f.app("web", Children.java(Sleeper.class)).withHealth(needs(Map.of("api", Condition.STARTED),
                null));

        f.monitor.dependencies().startAll(List.of(web, api, db));

        assertThat(f.await(Failed.class, "api", e -> true).reason()).isEqualTo("app 'api' not started: dependency "
                + "'db' was not ready within 1s (it is starting); check db's logs and ready probe, then start api again");
        assertThat(f.await(Failed.class, "web", e -> true).reason()).isEqualTo("app 'web' not started: dependency "
                + "'api' failed: app 'api' not started: dependency 'db' was not ready within 1s (it is starting); "
                + "check db's logs and ready probe, then start api again; fix api, then start web again");
        assertThat(f.view("db").status()).isEqualTo(ProcessState.STARTING);
    }

    @Test
    void completedWaitsForAnExitWithCodeZero(TestProcesses procs) {
        start(procs, Duration.ofSeconds(30));
        AppSpec migrate = Fixture.restart(f.app("migrate", Children.sh("sleep 0.2; exit 0")), ONCE);
        AppSpec api = f.app("api", Children.java(Sleeper.class))
                .withHealth(needs(Map.of("migrate", Condition.COMPLETED), null));

        f.monitor.dependencies().startAll(List.of(api, migrate));

        f.await(Started.class, "api", e -> true);
        assertThat(f.indexOf(Started.class, "api")).isGreaterThan(f.indexOf(Exited.class, "migrate"));
    }

    @Test
    void completedFailsItsDependentsWhenTheDependencyExitsNonZero(TestProcesses procs) {
        start(procs, Duration.ofSeconds(30));
        AppSpec migrate = Fixture.restart(f.app("migrate", Children.sh("exit 1")), ONCE);
        AppSpec api = f.app("api", Children.java(Sleeper.class))
                .withHealth(needs(Map.of("migrate", Condition.COMPLETED), null));

        f.monitor.dependencies().startAll(List.of(api, migrate));

        assertThat(f.await(Failed.class, "api", e -> true).reason()).isEqualTo("app 'api' not started: dependency "
                + "'migrate' had to complete (exit 0) but exited with code 1; fix migrate, then start api again");
    }

    @Test
    void stopAllStopsDependentsBeforeTheirDependencies(TestProcesses procs) {
        start(procs, Duration.ofSeconds(30));
        AppSpec db = f.app("db", Children.java(Sleeper.class));
        AppSpec api = f.app("api", Children.java(Sleeper.class)).withHealth(needs(Map.of("db", Condition.READY), null));
        AppSpec web = f.app("web", Children.java(Sleeper.class)).withHealth(needs(Map.of("api", Condition.READY), null));
        f.monitor.dependencies().startAll(List.of(web, api, db));
        await().until(() -> f.supervisor.snapshot().stream().allMatch(v -> v.status() == ProcessState.RUNNING
                && v.pid() != null));

        f.supervisor.stopAll().join();
        // Events reach listeners on their own thread: wait for the last one before comparing the order.
        f.await(Stopped.class, "db", e -> true);

        assertThat(f.indexOf(Stopped.class, "web")).isLessThan(f.indexOf(Exited.class, "api"));
        assertThat(f.indexOf(Stopped.class, "api")).isLessThan(f.indexOf(Exited.class, "db"));
    }

    @Test
    void startingAnAppWithItsDependenciesLeavesRunningOnesAlone(TestProcesses procs) {
        start(procs, Duration.ofSeconds(30));
        AppSpec db = f.app("db", Children.java(Sleeper.class));
        AppSpec api = f.app("api", Children.java(Sleeper.class)).withHealth(needs(Map.of("db", Condition.READY), null));
        f.supervisor.start(db);
        int dbPid = f.await(Started.class, "db", e -> true).pid();

        List<String> closure = DependencyGraph.of(List.of(db, api)).withDependencies(List.of("api"));
        f.monitor.dependencies().startAll(closure.stream().map(n -> n.equals("db") ? db : api).toList());

        f.await(Started.class, "api", e -> true);
        assertThat(closure).containsExactly("db", "api");
        assertThat(f.of(Started.class, "db")).extracting(Started::pid).containsExactly(dbPid);
    }
}
