package dev.orchestrator.cli;

import static org.awaitility.Awaitility.await;

import dev.orchestrator.process.ProcFs;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.plugin.PluginDirs;
import dev.orchestrator.plugin.TestJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example external plugin (examples/jar-plugin, built by the reactor before core) dropped into a project's plugin
 * folder: its runtime plans an app, the plan really runs, and the plugin came from the folder, not the class path.
 */
@NoLeakedProcesses
class PluginsEndToEndTest {

    private static final String PLUGIN_CLASS = "dev.orchestrator.example.jar.JarRuntimePlugin";

    @TempDir
    Path temp;

    Path root;
    Path pluginJar;
    Path appJar;
    String java;

    @BeforeEach
    void projectWithTheExamplePlugin() throws Exception {
        String built = System.getProperty("orchestrator.exampleJarPlugin");
        assertThat(built).as("system property orchestrator.exampleJarPlugin (set by core/pom.xml)").isNotNull();
        Path example = Path.of(built).normalize();
        assertThat(example).as("the example plugin's jar; build it first: mvn -pl examples/jar-plugin -am package")
                .isRegularFile();
        root = Files.createDirectories(temp.resolve("project")).toRealPath();
        pluginJar = Files.createDirectories(root.resolve(PluginDirs.PROJECT_FOLDER))
                .resolve(example.getFileName());
        Files.copy(example, pluginJar, StandardCopyOption.COPY_ATTRIBUTES);
        java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The app's PATH decides which java the plugin finds: pin it, so the plan is the same on every machine.
        Files.writeString(root.resolve("orchestrator.yaml"), "defaults:\n  env:\n    PATH: "
                + Path.of(java).getParent() + "\n");
        appJar = TestJars.jar(temp, "hello.jar").mainClass("hello.Main")
                .source("hello.Main", "package hello; public class Main { public static void main(String[] a) { "
                        + "System.out.println(\"hello \" + String.join(\" \", a)); } }")
                .into(Files.createDirectories(root.resolve("services/hello")));
    }

    @Test
    void aPluginJarDroppedInUnderWatchStartsTheAppsThatWaitedForIt(TestProcesses procs)
            throws Exception {
        Path held = Files.move(pluginJar, temp.resolve(pluginJar.getFileName()));
        TestJars.jar(temp, "sleeper.jar").mainClass("sleeper.Main")
                .source("sleeper.Main", "package sleeper; public class Main { public static void main(String[] a) "
                        + "throws Exception { System.out.println(\"up\"); Thread.sleep(600_000); } }")
                .into(Files.createDirectories(root.resolve("services/sleeper")));
        Process up = new ProcessBuilder(Children.javaFullClasspath(Main.class, "up", "-d",
                "--watch", "-C", root.toString())).redirectErrorStream(true)
                .redirectOutput(temp.resolve("up.txt").toFile()).start();
        assertThat(up.waitFor(90, TimeUnit.SECONDS)).isTrue();
        JsonNode state = new ObjectMapper().readTree(root.resolve(".orchestrator/state.json").toFile());
        long daemon = procs.track(state.get("orchestrator_pid").asLong());
        try {
            // no plugin recognises a folder holding a lone jar yet, so it is not an app at all
            assertThat(status("sleeper")).isEqualTo("absent");

            Files.copy(held, pluginJar);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> status("sleeper").equals("running"));
            for (JsonNode row : Cli.run("ls", "--json", "-C", root.toString()).json().get("apps")) {
                if (row.get("pid").isNumber()) {
                    procs.track(row.get("pid").asLong());
                }
            }
        } finally {
            Cli.run("down", "-C", root.toString());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !ProcFs.alive(daemon));
        }
    }

    private String status(String app) throws Exception {
        for (JsonNode row : Cli.run("ls", "--json", "-C", root.toString()).json().get("apps")) {
            if (row.get("name").asText().equals(app)) {
                return row.get("status").asText();
            }
        }
        return "absent";
    }

    @Test
    void aDropInFolderWithALoneJarIsPlannedThroughThePluginJar() throws Exception {
        Cli cli = Cli.run("config", "--json", "-C", root.toString());

        assertThat(cli.exit()).as(cli.out() + cli.err()).isZero();
        JsonNode app = new ObjectMapper().readTree(cli.out()).get("apps").get(0);
        assertThat(app.get("name").asText()).isEqualTo("hello");
        assertThat(app.get("runtime").asText()).isEqualTo("jar");
        assertThat(app.get("status").asText()).isEqualTo("ok");
        assertThat(strings(app.get("argv"))).containsExactly(java, "-jar", appJar.toString());
    }

    @Test
    void theRuntimeCameFromThePluginFolderNotTheClassPath() throws Exception {
        Cli cli = Cli.run("plugins", "--json", "-C", root.toString());

        JsonNode jar = null;
        for (JsonNode plugin : new ObjectMapper().readTree(cli.out()).get("plugins")) {
            if (plugin.get("id").asText().equals("jar")) {
                jar = plugin;
            }
        }
        assertThat(jar).as(cli.out()).isNotNull();
        assertThat(jar.get("source").asText()).isEqualTo(pluginJar.toString());
        assertThat(jar.get("class").asText()).isEqualTo(PLUGIN_CLASS);
        assertThat(jar.get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
        assertThatThrownBy(() -> Class.forName(PLUGIN_CLASS)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void thePlannedCommandRunsTheApp() throws Exception {
        Path descriptor = root.resolve("services/hello/ecosystem.yaml");
        Files.writeString(descriptor, "name: hello\nargs: [\"from\", \"a\", \"jar\"]\n");
        JsonNode app = new ObjectMapper().readTree(Cli.run("config", "--json", "-C", root.toString()).out())
                .get("apps").get(0);

        Process process = new ProcessBuilder(strings(app.get("argv")))
                .directory(root.resolve("services/hello").toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(output).isEqualTo("hello from a jar\n");
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void doctorFindsNothingWrongWithTheExamplePlugin() {
        Cli cli = Cli.run("plugins", "doctor", pluginJar.toString());

        assertThat(cli.out()).isEqualTo(pluginJar + ": ok: " + PLUGIN_CLASS + " (id 'jar', SPI 1, version "
                + "0.1.0-SNAPSHOT)\n");
        assertThat(cli.exit()).isZero();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
