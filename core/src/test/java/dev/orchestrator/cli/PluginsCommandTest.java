package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.plugin.PluginDirs;
import dev.orchestrator.plugin.PluginSource;
import dev.orchestrator.plugin.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code orchestrator plugins [--json]} and {@code plugins doctor <jar> [--json]}. */
class PluginsCommandTest {

    @TempDir
    Path temp;

    Path root;
    Path plugins;

    @BeforeEach
    void project() throws Exception {
        root = Files.createDirectories(temp.resolve("project/services")).getParent().toRealPath();
        plugins = root.resolve(PluginDirs.PROJECT_FOLDER);
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void jsonListsAJarPluginWithItsSourceJarNextToTheBuiltIns() throws Exception {
        Path jar = TestJars.jar(temp, "deno.jar").plugin(PluginSource.of("org.example.Deno", "deno")).version("1.2.0")
                .into(plugins);

        Cli cli = Cli.run("plugins", "--json", "-C", root.toString());

        assertThat(cli.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(fields(json)).containsExactly("schema", "plugins", "plugin_dirs", "errors");
        JsonNode deno = json.get("plugins").get(0);
        assertThat(fields(deno)).containsExactly("id", "version", "spi_version", "source", "class", "detects");
        assertThat(deno.get("id").asText()).isEqualTo("deno");
        assertThat(deno.get("version").asText()).isEqualTo("1.2.0");
        assertThat(deno.get("spi_version").asInt()).isEqualTo(1);
        assertThat(deno.get("source").asText()).isEqualTo(jar.toString());
        assertThat(deno.get("class").asText()).isEqualTo("org.example.Deno");
        assertThat(json.get("plugins").get(1).get("source").asText()).isEqualTo("built-in");
        assertThat(json.get("plugin_dirs").get(0).asText()).isEqualTo(plugins.toString());
        assertThat(json.get("errors")).isEmpty();
    }

    @Test
    void textShowsTheJarAndTheFoldersAndABrokenJarExitsOneWithItsError() {
        Path jar = TestJars.jar(temp, "deno.jar").plugin(PluginSource.of("org.example.Deno", "deno")).into(plugins);
        Path broken = TestJars.jar(temp, "broken.jar").plugin(PluginSource.of("org.example.Broken", "broken")
                .constructor("if (true) throw new IllegalStateException(\"no config\");")).into(plugins);

        Cli cli = Cli.run("plugins", "-C", root.toString());

        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.out().lines().toList().getFirst()).matches("ID +VERSION +SPI +DETECTS +SOURCE");
        assertThat(cli.out()).containsPattern("(?m)^deno +unknown +1 +deno\\.marker +" + jar + "$")
                .containsPattern("(?m)^shell .* built-in$")
                .contains("plugin folders: " + plugins + ", ");
        assertThat(cli.err()).isEqualTo("error: plugin 'org.example.Broken' failed to load from " + broken + ": "
                + "java.lang.IllegalStateException: no config; its runtime is unavailable until the plugin is fixed or "
                + "removed\n");
    }

    @Test
    void pluginDirsInOrchestratorYamlReplaceTheDefaultFolders() throws Exception {
        Files.writeString(root.resolve("orchestrator.yaml"), "plugin_dirs: [tools/plugins]\n");
        Path jar = TestJars.jar(temp, "bun.jar").plugin(PluginSource.of("org.example.Bun", "bun"))
                .into(root.resolve("tools/plugins"));
        TestJars.jar(temp, "deno.jar").plugin(PluginSource.of("org.example.Deno", "deno")).into(plugins);

        JsonNode json = new ObjectMapper().readTree(Cli.run("plugins", "--json", "-C", root.toString()).out());

        assertThat(json.get("plugin_dirs")).extracting(JsonNode::asText)
                .containsExactly(root.resolve("tools/plugins").toString());
        assertThat(json.get("plugins")).extracting(p -> p.get("id").asText()).contains("bun").doesNotContain("deno");
        assertThat(json.get("plugins").get(0).get("source").asText()).isEqualTo(jar.toString());
    }

    @Test
    void doctorOnACleanJarExitsZeroAndNamesThePlugin() {
        Path jar = TestJars.jar(temp, "deno.jar").plugin(PluginSource.of("org.example.Deno", "deno")).into(temp);

        Cli cli = Cli.run("plugins", "doctor", jar.toString());

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).isEqualTo(jar + ": ok: org.example.Deno (id 'deno', SPI 1, version unknown)\n");
    }

    @Test
    void doctorPrintsOneFindingPerLineCompilerStyleAndExitsOne() {
        String noDefault = PluginSource.of("org.example.Bun", "bun").source().replace("public Bun() {",
                "public Bun(int port) {");
        Path jar = TestJars.jar(temp, "mixed.jar").plugin(PluginSource.of("org.example.Deno", "deno"))
                .source("org.example.Bun", noDefault).register("org.example.Gone").into(temp);

        Cli cli = Cli.run("plugins", "doctor", jar.toString());

        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.out().lines()).containsExactly(
                jar + ": ok: org.example.Deno (id 'deno', SPI 1, version unknown)",
                jar + ": error: registered class 'org.example.Gone' is not in the jar; fix the name in "
                        + "META-INF/services/dev.orchestrator.spi.RuntimePlugin (a plugin is one jar: shade its "
                        + "dependencies into it)",
                jar + ": error: class 'org.example.Bun' has no public no-argument constructor (found [public Bun(int)]),"
                        + " so ServiceLoader cannot create it; add 'public Bun() { ... }' and take what you need from "
                        + "the HostContext passed to detect and plan",
                jar + ": error: class 'org.example.Bun' implements dev.orchestrator.spi.RuntimePlugin but is not "
                        + "registered; add the line 'org.example.Bun' to META-INF/services/"
                        + "dev.orchestrator.spi.RuntimePlugin");
    }

    @Test
    void doctorJsonCarriesSeverityClassAndMessage() throws Exception {
        Path jar = TestJars.jar(temp, "future.jar").plugin(PluginSource.of("org.example.Future", "future").spi(2))
                .into(temp);

        Cli cli = Cli.run("plugins", "doctor", "--json", jar.toString());

        assertThat(cli.exit()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(fields(json)).containsExactly("schema", "jar", "clean", "plugins", "findings");
        assertThat(json.get("clean").asBoolean()).isFalse();
        assertThat(json.get("plugins")).isEmpty();
        JsonNode finding = json.get("findings").get(0);
        assertThat(fields(finding)).containsExactly("severity", "class", "message");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("class").asText()).isEqualTo("org.example.Future");
        assertThat(finding.get("message").asText()).startsWith("class 'org.example.Future' targets SPI version 2");
    }

    @Test
    void doctorWithoutAJarIsAUsageError() {
        assertThat(Cli.run("plugins", "doctor").exit()).isEqualTo(2);
    }
}
