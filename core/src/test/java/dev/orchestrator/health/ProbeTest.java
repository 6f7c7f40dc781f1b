package dev.orchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.orchestrator.descriptor.Settings;
import dev.orchestrator.descriptor.Settings.ProbeKind;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.HealthSpec;
import dev.orchestrator.supervisor.LifecycleEvent.Ready;
import dev.orchestrator.supervisor.LifecycleEvent.Restarting;
import dev.orchestrator.supervisor.LifecycleEvent.Started;
import dev.orchestrator.supervisor.ProcessState;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import dev.orchestrator.testing.children.Sleeper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ready: and live: probes of every kind (issue 6). */
@NoLeakedProcesses
class ProbeTest {
    @TempDir
    Path dir;
    private Fixture f;

    @BeforeEach
    void start(TestProcesses procs) {
        f = new Fixture(dir, procs, Fixture.quick(0, Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        f.close();
    }

    static Settings.Probe probe(ProbeKind kind, String target, int threshold) {
        return new Settings.Probe(kind, target, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ZERO,
                threshold);
    }

    static HealthSpec ready(Settings.Probe probe) {
        return new HealthSpec(Optional.of(probe), Optional.empty(), Map.of(), HealthSpec.NONE.heartbeat(),
                OptionalLong.empty(), Optional.empty());
    }

    static HealthSpec live(Settings.Probe probe) {
        return new HealthSpec(Optional.empty(), Optional.of(probe), Map.of(), HealthSpec.NONE.heartbeat(),
                OptionalLong.empty(), Optional.empty());
    }

    @Test
    void aLogProbeSeesALinePrintedTheInstantTheChildStarts() {
        f.supervisor.start(f.app("db", Children.sh("echo listening; exec sleep 1000"))
                .withHealth(ready(probe(ProbeKind.LOG, "^listen", 3))));

        Ready ready = f.await(Ready.class, "db", e -> true);

        assertThat(ready.pid()).isEqualTo(f.await(Started.class, "db", e -> true).pid());
        assertThat(f.view("db").status()).isEqualTo(ProcessState.READY);
    }

    @Test
    void anAppIsStartingUntilItsReadyProbePassesThenReady() throws Exception {
        int port = Fixture.freePort();
        f.supervisor.start(f.app("api", Children.java(Sleeper.class))
                .withHealth(ready(probe(ProbeKind.TCP, Integer.toString(port), 3))));
        f.await(Started.class, "api", e -> true);
        assertThat(f.view("api").status()).isEqualTo(ProcessState.STARTING);
        assertThat(f.view("api").pid()).isNotNull();

        try (ServerSocket listening = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
            Ready ready = f.await(Ready.class, "api", e -> true);
            assertThat(ready.pid()).isEqualTo(f.view("api").pid());
            assertThat(f.view("api").status()).isEqualTo(ProcessState.READY);
        }
    }

    @Test
    void anHttpProbePassesOn2xx() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        server.createContext("/health", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
            f.supervisor.start(f.app("web", Children.java(Sleeper.class))
                    .withHealth(ready(probe(ProbeKind.HTTP, url, 3))));

            f.await(Ready.class, "web", e -> true);
            assertThat(f.view("web").status()).isEqualTo(ProcessState.READY);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anExecProbeRunsInTheAppsCwdWithItsEnvironment() throws Exception {
        Files.writeString(dir.resolve("marker"), "x");
        AppSpec app = f.app("w", Children.java(Sleeper.class));
        f.supervisor.start(app.withHealth(ready(probe(ProbeKind.EXEC,
                "test -f marker && test \"$ORCHESTRATOR_RUN\" = " + f.procs.runId(), 3))));

        f.await(Ready.class, "w", e -> true);
    }

    @Test
    void liveProbeFailuresRestartTheAppUnderItsPolicy() {
        f.supervisor.start(f.app("flaky", Children.java(Sleeper.class))
                .withHealth(live(probe(ProbeKind.EXEC, "test -f healthy", 2))));
        int first = f.await(Started.class, "flaky", e -> true).pid();

        Restarting restart = f.await(Restarting.class, "flaky", e -> true);

        assertThat(restart.reason()).isEqualTo("live probe failed 2 times in a row: exec 'test -f healthy' exited "
                + "with code 1");
        assertThat(f.awaitCount(Started.class, "flaky", 2).get(1).pid()).isNotEqualTo(first);
    }

    @Test
    void aPassingLiveProbeLeavesTheAppAlone() throws Exception {
        Files.writeString(dir.resolve("healthy"), "");
        f.supervisor.start(f.app("fine", Children.java(Sleeper.class))
                .withHealth(live(probe(ProbeKind.EXEC, "test -f healthy", 1))));
        f.supervisor.start(f.app("sick", Children.java(Sleeper.class))
                .withHealth(live(probe(ProbeKind.EXEC, "test -f sick", 1))));

        // Both probes run on the same schedule: once the sick one was restarted twice, the fine one was tried too.
        f.awaitCount(Started.class, "sick", 3);

        assertThat(f.of(Restarting.class, "fine")).isEmpty();
        assertThat(f.of(Started.class, "fine")).hasSize(1);
    }

    @Test
    void anExecProbeThatHangsIsKilledAtItsTimeout() {
        Settings.Probe hanging = new Settings.Probe(ProbeKind.EXEC, "sleep 1000", Duration.ofMillis(100),
                Duration.ofMillis(300), Duration.ZERO, 1);
        f.supervisor.start(f.app("slow", Children.java(Sleeper.class)).withHealth(live(hanging)));

        assertThat(f.await(Restarting.class, "slow", e -> true).reason())
                .isEqualTo("live probe failed 1 time: exec 'sleep 1000' timed out after 300ms");
    }
}
