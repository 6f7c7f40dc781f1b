package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.testing.FixtureProjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

    @TempDir
    Path temp;

    static Cli run(String... args) {
        return Cli.run(args);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void jsonHasContractsShapeAndExitsOneWhenAnythingFailed() throws Exception {
        Path root = FixtureProjects.copy("promethean", temp);
        Cli result = run("config", "--json", "-C", root.toString());
        assertThat(result.exit()).isEqualTo(1);
        JsonNode json = result.json();
        assertThat(fieldNames(json)).containsExactly("schema", "apps", "errors", "warnings");
        assertThat(json.get("schema").asInt()).isEqualTo(1);
        JsonNode first = json.get("apps").get(0);
        assertThat(fieldNames(first)).containsExactly("name", "namespace", "runtime", "instances", "argv", "cwd",
                "env", "out_file", "error_file", "source", "disabled", "status", "error");
        JsonNode error = json.get("errors").get(0);
        assertThat(fieldNames(error)).containsExactly("file", "line", "column", "app", "message");
        assertThat(error.get("file").asText()).isEqualTo(root.resolve("services/broken/ecosystem.yaml").toString());
        assertThat(error.get("line").asInt()).isEqualTo(3);
        assertThat(error.get("message").asText()).isEqualTo("unknown key 'watch_ignore'; did you mean 'ignore_watch'?");
    }

    @Test
    void secretsAreMaskedUnlessAskedFor() throws Exception {
        Path root = FixtureProjects.copy("promethean", temp);
        JsonNode masked = run("config", "--json", "-C", root.toString()).json();
        JsonNode shown = run("config", "--json", "--show-secrets", "-C", root.toString()).json();
        assertThat(envOf(masked, "duck_indexer").get("DISCORD_TOKEN").asText()).isEqualTo("****");
        assertThat(envOf(shown, "duck_indexer").get("DISCORD_TOKEN").asText()).isEqualTo("not-a-real-token");
    }

    private static JsonNode envOf(JsonNode json, String app) {
        for (JsonNode node : json.get("apps")) {
            if (node.get("name").asText().equals(app)) {
                return node.get("env");
            }
        }
        throw new AssertionError("no app " + app);
    }

    @Test
    void aValidProjectExitsZeroAndPrintsEachApp() {
        Path root = FixtureProjects.copy("minimal", temp);
        Cli result = run("config", "-C", root.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("+ hello  [shell, namespace default]  services/hello",
                "    argv:  " + root.resolve("services/hello/run.sh"),
                "1 apps: 1 ok, 0 failed, 0 disabled; 0 errors");
    }

    @Test
    void problemsArePrintedCompilerStyleOnStderr() {
        Path root = FixtureProjects.copy("promethean", temp);
        Cli result = run("config", "-C", root.toString());
        assertThat(result.err()).contains(
                "services/broken/ecosystem.yaml:3:1: error: unknown key 'watch_ignore'; did you mean 'ignore_watch'?");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("config", "--jsn").exit()).isEqualTo(2);
    }

    @Test
    void aMissingProjectFolderIsAnErrorWithTheRemedy() {
        Cli result = run("config", "-C", temp.resolve("nope").toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("project folder '" + temp.resolve("nope") + "' not found; pass an existing "
                + "folder to -C");
    }

    @Test
    void problemsOnStderrComeBeforeTheAppsWhenBothGoToOneTerminal() {
        Path root = FixtureProjects.copy("promethean", temp);
        java.io.StringWriter terminal = new java.io.StringWriter();
        // buffered like the real streams: whatever is not flushed in time comes out late
        java.io.PrintWriter out = new java.io.PrintWriter(new java.io.BufferedWriter(terminal));
        java.io.PrintWriter err = new java.io.PrintWriter(new java.io.BufferedWriter(terminal));

        Main.run(new String[] {"config", "-C", root.toString()}, out, err);

        assertThat(terminal.toString()).startsWith("services/broken/ecosystem.yaml:3:1: error: unknown key "
                + "'watch_ignore'; did you mean 'ignore_watch'?");
        assertThat(terminal.toString()).contains("7 apps: ");
    }
}
