package dev.orchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.descriptor.Settings;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.HealthSpec;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcStat;
import dev.orchestrator.supervisor.LifecycleEvent.Restarting;
import dev.orchestrator.supervisor.LifecycleEvent.Started;
import dev.orchestrator.supervisor.ProcessState;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import dev.orchestrator.testing.children.HeartbeatClient;
import dev.orchestrator.testing.children.Sleeper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heartbeat endpoint and timeout (issue 6), with a 2 s timeout checked every 500 ms. */
@NoLeakedProcesses
class HeartbeatTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Fixture f;
    private int port;

    private void start(TestProcesses procs) {
        port = Fixture.freePort();
        f = new Fixture(dir, procs, Fixture.quick(port, Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private List<String> client(String name, int beats) {
        return Children.java(HeartbeatClient.class, Integer.toString(port), name, Integer.toString(beats), "200");
    }

    private record Answer(int status, String body) {
    }

    private Answer post(String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/heartbeat"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private JsonNode heartbeats() throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/heartbeats"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("heartbeats");
    }

    @Test
    void aClientThatStopsSendingIsRestartedAfterTheTimeout(TestProcesses procs) {
        start(procs);
        f.supervisor.start(f.app("hb", client("hb", 3)));
        Started first = f.await(Started.class, "hb", e -> true);

        Restarting restart = f.await(Restarting.class, "hb", e -> true);

        assertThat(restart.reason()).isEqualTo("heartbeat timeout after 2s");
        Started second = f.awaitCount(Started.class, "hb", 2).get(1);
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(ProcFs.alive(first.pid())).isFalse();
        assertThat(await().until(() -> f.view("hb"), v -> v.pid() != null && v.pid() == second.pid()).reason())
                .isEqualTo("heartbeat timeout after 2s");
    }

    @Test
    void aClientBehindAWrapperIsMatchedByItsProcessGroup(TestProcesses procs) throws Exception {
        start(procs);
        // The shell stays as the wrapper (the command is not its last), like `uv run`: the Java child posts its own pid.
        String inner = client("wrapped", -1).stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        f.supervisor.start(f.app("wrapped", Children.sh(inner + "; true")));
        Started started = f.await(Started.class, "wrapped", e -> true);

        JsonNode row = await().atMost(Duration.ofSeconds(30)).until(() -> heartbeats().get(0),
                r -> r != null && !r.get("last_pid").isNull());

        assertThat(row.get("name").asText()).isEqualTo("wrapped");
        assertThat(row.get("pid").asInt()).isEqualTo(started.pid());
        assertThat(row.get("last_pid").asInt()).isNotEqualTo(started.pid());
        assertThat(ProcFs.stat(row.get("last_pid").asInt()).map(ProcStat::pgrp)).contains(started.pid());
        assertThat(row.get("tracked").asBoolean()).isTrue();
    }

    @Test
    void requestsWithoutPidOrNameGet400(TestProcesses procs) throws Exception {
        start(procs);
        for (String body : List.of("{\"name\": \"x\"}", "{\"pid\": 12}", "{\"pid\": \"abc\", \"name\": \"x\"}",
                "not json", "", "[1, 2]", "{\"pid\": 12, \"name\": 5}")) {
            assertThat(post(body)).as(body).isEqualTo(new Answer(400, "{\"error\":\"pid and name required\"}"));
        }
    }

    @Test
    void aPidOfNoneOfOurAppsGets404AndOfAnotherApp409(TestProcesses procs) throws Exception {
        start(procs);
        f.supervisor.start(f.app("a", Children.java(Sleeper.class)));
        f.supervisor.start(f.app("b", Children.java(Sleeper.class)));
        int a = f.await(Started.class, "a", e -> true).pid();
        f.await(Started.class, "b", e -> true);
        long self = ProcessHandle.current().pid();

        assertThat(post("{\"pid\": " + self + ", \"name\": \"a\"}")).isEqualTo(new Answer(404, "{\"error\":\"pid "
                + self + " is not a process of any app this orchestrator runs; send the pid of the app's own process "
                + "(os.getpid(), process.pid, $$)\"}"));
        assertThat(post("{\"pid\": " + a + ", \"name\": \"b\"}")).isEqualTo(new Answer(409, "{\"error\":\"pid " + a
                + " belongs to app 'a', not 'b'; send the app's own name (PM2_PROCESS_NAME)\"}"));
        assertThat(post("{\"pid\": " + a + ", \"name\": \"a\"}")).isEqualTo(new Answer(200,
                "{\"status\":\"ok\",\"pid\":" + a + ",\"name\":\"a\"}"));
    }

    @Test
    void anAppThatNeverSendsAHeartbeatIsLeftAlone(TestProcesses procs) {
        start(procs);
        f.supervisor.start(f.app("quiet", Children.java(Sleeper.class)));
        f.supervisor.start(f.app("hb", client("hb", 1)));

        // By the time the silent client has been restarted, checks have run past the timeout for both apps.
        f.awaitCount(Started.class, "hb", 2);

        assertThat(f.of(Started.class, "quiet")).hasSize(1);
        assertThat(f.of(Restarting.class, "quiet")).isEmpty();
        assertThat(f.view("quiet").status()).isEqualTo(ProcessState.RUNNING);
    }

    @Test
    void anAppThatDeclaresHeartbeatIsTrackedFromItsStart(TestProcesses procs) {
        start(procs);
        AppSpec declared = f.app("declared", Children.java(Sleeper.class)).withHealth(new HealthSpec(Optional.empty(),
                Optional.empty(), java.util.Map.of(), new Settings.Heartbeat(true, Optional.of(Duration.ofSeconds(1))),
                OptionalLong.empty(), Optional.empty()));
        f.supervisor.start(declared);

        assertThat(f.await(Restarting.class, "declared", e -> true).reason()).isEqualTo("heartbeat timeout after 1s");
    }

    @Test
    void aTakenPortIsReportedAndTheOrchestratorRunsWithoutHeartbeats(TestProcesses procs) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
            f = new Fixture(dir, procs, Fixture.quick(port, Clock.systemUTC()));

            f.supervisor.start(f.app("a", Children.java(Sleeper.class)));

            assertThat(f.monitor.heartbeatPort()).isEmpty();
            assertThat(f.reports).containsExactly("warning: heartbeat port " + port + " on 127.0.0.1 is in use "
                    + "(another project's orchestrator, or the old heartbeat service?); running without heartbeats: "
                    + "no app is restarted for missing ones. Set heartbeat.port in orchestrator.yaml to use another "
                    + "port");
            assertThat(f.await(Started.class, "a", e -> true).pid()).isPositive();
        }
    }
}
