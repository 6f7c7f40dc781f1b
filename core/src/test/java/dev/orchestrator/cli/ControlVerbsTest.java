package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.control.ControlServer;
import dev.orchestrator.control.FakeTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The verbs that talk to a running orchestrator, through Main.run, against a real socket and a fake orchestrator. */
@Timeout(60)
class ControlVerbsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path root;

    private final FakeTarget target = FakeTarget.sample();
    private ControlServer server;

    private void serve() throws IOException {
        target.detailsRoot = root;
        server = target.serveAt(root);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Cli run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("-C", root.toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls", "status", "describe api", "start api", "stop all", "restart duck", "reload", "down",
            "ls --json"})
    void everyVerbExits3AndSaysHowToStartAnOrchestratorWhenNoneRuns(String line) {
        Cli cli = run(line.split(" "));
        assertThat(cli.exit()).isEqualTo(3);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).isEqualTo("orchestrator: no orchestrator is running for project '" + root + "': no "
                + "control socket at " + root + "/.orchestrator/orchestrator.sock; start one with 'orchestrator up -d', "
                + "or 'orchestrator up' in another terminal\n");
    }

    @Test
    void lsJsonHasExactlyTheContractFieldsInOrder() throws IOException {
        serve();
        Cli cli = run("ls", "--json");
        assertThat(cli.exit()).isZero();
        JsonNode root = MAPPER.readTree(cli.out());
        assertThat(names(root)).containsExactly("schema", "apps");
        assertThat(root.get("schema").asInt()).isEqualTo(1);
        assertThat(root.get("apps")).hasSize(4);
        for (JsonNode app : root.get("apps")) {
            assertThat(names(app)).containsExactly("name", "instance", "namespace", "runtime", "status", "pid",
                    "uptime_ms", "restarts", "cpu_percent", "memory_bytes", "last_exit");
            assertThat(names(app.get("last_exit"))).containsExactly("code", "signal", "at");
        }
        assertThat(root.get("apps").get(0).toString()).isEqualTo("{\"name\":\"api\",\"instance\":0,\"namespace\":"
                + "\"default\",\"runtime\":\"python\",\"status\":\"running\",\"pid\":4242,\"uptime_ms\":61000,"
                + "\"restarts\":2,\"cpu_percent\":1.5,\"memory_bytes\":52428800,\"last_exit\":{\"code\":1,"
                + "\"signal\":null,\"at\":\"2026-11-27T10:00:00Z\"}}");
        assertThat(root.get("apps").get(2).toString()).isEqualTo("{\"name\":\"web\",\"instance\":0,\"namespace\":"
                + "\"default\",\"runtime\":\"node\",\"status\":\"backoff\",\"pid\":null,\"uptime_ms\":0,"
                + "\"restarts\":5,\"cpu_percent\":0.0,\"memory_bytes\":0,\"last_exit\":{\"code\":null,"
                + "\"signal\":\"SIGKILL\",\"at\":\"2026-11-27T10:00:30Z\"}}");
        assertThat(root.get("apps").get(3).get("last_exit").toString())
                .isEqualTo("{\"code\":null,\"signal\":null,\"at\":null}");
    }

    @Test
    void lsPrintsATableWithOneRowPerProcess() throws IOException {
        serve();
        Cli cli = run("status");
        assertThat(cli.exit()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("NAME      NAMESPACE  RUNTIME  STATUS   PID   UPTIME  RESTARTS  CPU   MEM"
                + "    LAST EXIT");
        assertThat(lines.get(1)).startsWith("api:0     default    python   running  4242  1m1s    2         1.5%  "
                + "50.0M  code 1, ");
        assertThat(lines.get(4)).isEqualTo("duck_stt  duck       python   stopped  -     -       0         -     -"
                + "      -");
    }

    @Test
    void describePrintsTheSpecHistoryAndLastStderr() throws IOException {
        serve();
        Cli cli = run("describe", "api");
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).startsWith("""
                api  [python, namespace default]  services/py/api/ecosystem.yaml
                    argv:  uv run python -m main
                    cwd:   services/py/api
                    env:   PYTHONUNBUFFERED=1
                    logs:  0: logs/api-0-out.log  logs/api-0-err.log
                    logs:  1: logs/api-1-out.log  logs/api-1-err.log
                  processes:
                    api:0  running  pid 4242  up 1m1s  restarts 2  last exit code 1,""");
        assertThat(cli.out()).endsWith("""
                  restart history:
                    2026-11-27T10:00:00Z  api:0  code 1  crashed
                  last stderr before the last crash:
                    | Traceback (most recent call last):
                    | ValueError: boom
                """);
    }

    @Test
    void describeJsonWrapsTheDetailsAndAnUnknownNameListsTheApps() throws IOException {
        serve();
        Cli cli = run("describe", "api:1", "--json");
        assertThat(cli.exit()).isZero();
        JsonNode node = MAPPER.readTree(cli.out());
        assertThat(names(node)).containsExactly("schema", "app");
        assertThat(names(node.get("app"))).containsExactly("name", "namespace", "runtime", "source", "argv", "cwd",
                "env", "logs", "processes", "restart_history", "last_stderr");
        assertThat(target.calls).contains("describe api");
        Cli unknown = run("describe", "apx");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("orchestrator: app 'apx' not found: apps are api, web, duck_stt; run "
                + "'orchestrator ls' to see them\n");
    }

    @Test
    void actionsPrintTheResultAndAnUnknownNameExits1ListingTheNames() throws IOException {
        serve();
        assertThat(run("restart", "api")).isEqualTo(new Cli(0, "restart api:0, api:1\n", ""));
        assertThat(run("stop", "duck")).isEqualTo(new Cli(0, "stop duck_stt:0\n", ""));
        assertThat(run("start", "api:1")).isEqualTo(new Cli(0, "start api:1\n", ""));
        Cli unknown = run("stop", "apx");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("orchestrator: app or namespace 'apx' not found: apps are api, web, "
                + "duck_stt; namespaces are default, duck; run 'orchestrator ls' to see every process\n");
        assertThat(target.calls).containsSubsequence("restart api", "stop duck", "start api:1", "stop apx");
    }

    @Test
    void actionJsonCarriesSchemaOkAffectedAndMessage() throws IOException {
        serve();
        Cli ok = run("restart", "api", "--json");
        assertThat(ok.exit()).isZero();
        JsonNode node = MAPPER.readTree(ok.out());
        assertThat(names(node)).containsExactly("schema", "ok", "affected", "message");
        assertThat(node.toString()).isEqualTo("{\"schema\":1,\"ok\":true,\"affected\":[\"api:0\",\"api:1\"],"
                + "\"message\":\"restart api:0, api:1\"}");
        Cli failed = run("stop", "apx", "--json");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(MAPPER.readTree(failed.out()).get("ok").asBoolean()).isFalse();
    }

    @Test
    void aMalformedSelectorIsAUsageErrorEvenWithNothingRunning() {
        Cli cli = run("stop", "api:x");
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("orchestrator: selector 'api:x' is not valid: write an app name (api), one "
                + "instance (api:1), a namespace, or all\n");
    }

    @Test
    void reloadWithANameSaysToUseRestart() {
        Cli cli = run("reload", "api");
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("orchestrator: reload takes no name: it re-scans the whole project; to restart "
                + "one app (what 'pm2 reload api' does) run 'orchestrator restart api'\n");
    }

    @Test
    void reloadAndDownReachTheOrchestrator() throws IOException {
        serve();
        assertThat(run("reload")).isEqualTo(new Cli(0, "reloaded: 1 changed\n", ""));
        Cli down = run("down", "--json");
        assertThat(down.exit()).isZero();
        assertThat(MAPPER.readTree(down.out()).toString()).isEqualTo("{\"schema\":1,\"ok\":true,\"message\":\"every "
                + "app stopped; the orchestrator exits\"}");
        assertThat(target.downs).hasValue(1);
    }

    @Test
    void aMissingSelectorIsAUsageError() {
        assertThat(run("stop").exit()).isEqualTo(2);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
