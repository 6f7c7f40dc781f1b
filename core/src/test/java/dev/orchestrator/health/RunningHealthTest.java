package dev.orchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.control.ActionResult;
import dev.orchestrator.control.CommandOutcome;
import dev.orchestrator.control.ControlClient;
import dev.orchestrator.control.ProcessRow;
import dev.orchestrator.instance.RunningOrchestrator;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.plugin.PluginRegistry;
import dev.orchestrator.supervisor.LifecycleEvent;
import dev.orchestrator.supervisor.Supervisor;
import dev.orchestrator.supervisor.SupervisorOptions;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running orchestrator's wiring: heartbeat endpoint on the configured port, up NAME and start NAME with deps. */
@NoLeakedProcesses
class RunningHealthTest {
    @TempDir
    Path root;
    private Supervisor supervisor;
    private RunningOrchestrator running;
    private final List<String> reports = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (running != null) {
            running.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private Map<String, String> statuses() throws Exception {
        try (ControlClient client = ControlClient.connect(root, "test")) {
            return client.list().stream().collect(Collectors.toMap(ProcessRow::name, r -> r.status().wireName()));
        }
    }

    private static int indexOf(List<LifecycleEvent> events, Class<?> type, String label) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i)) && events.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void upAndStartRunAnAppWithWhatItDependsOnAndStopAllStopsDependentsFirst(TestProcesses procs) throws Exception {
        int port = Fixture.freePort();
        Files.writeString(root.resolve("orchestrator.yaml"), "heartbeat: {port: " + port
                + ", check_interval: 500ms, timeout: 2s}\n");
        Files.createDirectories(root.resolve("services/x"));
        Files.writeString(root.resolve("services/x/ecosystem.yaml"), """
                apps:
                  - {name: db, runtime: shell, script: /bin/sleep, args: ["1000"]}
                  - {name: api, runtime: shell, script: /bin/sleep, args: ["1000"], depends_on: [db]}
                  - {name: other, runtime: shell, script: /bin/sleep, args: ["1000"]}
                """);
        ProjectLoader loader = new ProjectLoader(Map.of("PATH", "/usr/bin:/bin"),
                PluginRegistry.load(getClass().getClassLoader()));
        ProjectPlan plan = loader.load(root);
        AppSpec api = plan.runnable().stream().filter(s -> s.name().equals("api")).findFirst().orElseThrow();
        supervisor = new Supervisor(new SupervisorOptions(root, root.resolve(".orchestrator"), procs.runId(),
                Clock.systemUTC(), null));
        List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
        supervisor.subscribe(events::add);

        running = RunningOrchestrator.start(plan, List.of(api), supervisor, new RunningOrchestrator.Options(false,
                reports::add, () -> { }, "test", List.of(), () -> loader,
                command -> CommandOutcome.declined("not in this test")));

        await().until(this::statuses, s -> s.equals(Map.of("db", "running", "api", "running", "other", "stopped")));
        int apiPid = supervisor.snapshot().stream().filter(v -> v.name().equals("api")).findFirst().orElseThrow()
                .pid();
        HttpResponse<String> beat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/heartbeat")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"pid\": " + apiPid + ", \"name\": \"api\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(beat.statusCode()).isEqualTo(200);
        assertThat(reports).isEmpty();

        try (ControlClient client = ControlClient.connect(root, "test")) {
            assertThat(client.stop("all")).extracting(ActionResult::ok).isEqualTo(true);
            await().until(this::statuses, s -> s.values().stream().allMatch("stopped"::equals));
            assertThat(indexOf(events, LifecycleEvent.Stopped.class, "api"))
                    .isLessThan(indexOf(events, LifecycleEvent.Exited.class, "db"));
            assertThat(client.start("api")).extracting(ActionResult::ok).isEqualTo(true);
        }
        await().until(this::statuses, s -> s.equals(Map.of("db", "running", "api", "running", "other", "stopped")));
    }
}
