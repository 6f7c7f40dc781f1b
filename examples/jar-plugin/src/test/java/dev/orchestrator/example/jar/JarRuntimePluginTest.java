package dev.orchestrator.example.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.LaunchRequest;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.Script;
import dev.orchestrator.testkit.FakeHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarRuntimePluginTest {

    @TempDir
    Path app;

    final JarRuntimePlugin plugin = new JarRuntimePlugin();
    FakeHost host;

    @BeforeEach
    void machineWithJava() {
        host = FakeHost.of(app).withTool("java", Path.of("/opt/jdk/bin/java"));
    }

    private LaunchRequest request(Optional<Script> script, List<String> args, Optional<String> interpreter,
                                  List<String> interpreterArgs) {
        return new LaunchRequest("app", app, script, args, interpreter, interpreterArgs, Map.of(), host);
    }

    private LaunchRequest request() {
        return request(Optional.empty(), List.of(), Optional.empty(), List.of());
    }

    @Test
    void theOnlyJarInTheFolderRunsWithJavaFromPath() throws Exception {
        Path jar = Files.createFile(app.resolve("server.jar"));

        LaunchPlan plan = plugin.plan(request());

        assertThat(plan.argv()).containsExactly("/opt/jdk/bin/java", "-jar", jar.toString());
        assertThat(plan.notes()).containsExactly("java: /opt/jdk/bin/java", "entry: server.jar (the only jar in the "
                + "folder)");
        assertThat(host.asked()).containsExactly("java");
    }

    @Test
    void scriptArgsInterpreterAndInterpreterArgsAreUsed() throws Exception {
        Path jar = Files.createFile(app.resolve("b.jar"));
        Files.createFile(app.resolve("a.jar"));
        host = host.withTool("/opt/jdk21/bin/java", Path.of("/opt/jdk21/bin/java"));

        LaunchPlan plan = plugin.plan(request(Optional.of(new Script.File("b.jar", jar)), List.of("--port", "8080"),
                Optional.of("/opt/jdk21/bin/java"), List.of("-Xmx256m")));

        assertThat(plan.argv()).containsExactly("/opt/jdk21/bin/java", "-Xmx256m", "-jar", jar.toString(), "--port",
                "8080");
    }

    @Test
    void aLoneJarIsLikelyAndSeveralAreNotDetected() throws Exception {
        Files.createFile(app.resolve("a.jar"));
        assertThat(plugin.detect(app, host)).isEqualTo(Detection.of(Detection.LIKELY, "one jar: a.jar"));

        Files.createFile(app.resolve("b.jar"));
        assertThat(plugin.detect(app, host)).isEqualTo(Detection.none("2 jars; set script: to one"));
    }

    @Test
    void severalJarsWithoutScriptAskForOne() throws Exception {
        Files.createFile(app.resolve("a.jar"));
        Files.createFile(app.resolve("b.jar"));

        assertThatThrownBy(() -> plugin.plan(request())).isInstanceOf(PlanException.class)
                .hasMessage("2 jars in " + app + " (a.jar, b.jar); set script: to the one to run");
    }

    @Test
    void noJarAndAMissingScriptAreExplained() {
        assertThatThrownBy(() -> plugin.plan(request())).hasMessage("no *.jar in " + app + "; build the app's jar into "
                + "that folder, or set script: to its path");
        assertThatThrownBy(() -> plugin.plan(request(Optional.of(new Script.File("build/app.jar",
                app.resolve("build/app.jar"))), List.of(), Optional.empty(), List.of())))
                .hasMessage("script 'build/app.jar' not found in " + app + "; build the jar, or fix script: (relative "
                        + "to the app's cwd)");
    }

    @Test
    void javaMissingFromPathNamesTheRemedy() throws Exception {
        Files.createFile(app.resolve("a.jar"));
        host = FakeHost.of(app);

        assertThatThrownBy(() -> plugin.plan(request())).hasMessage("java not found on PATH; install a JDK or JRE "
                + "(apt-get install openjdk-25-jre-headless) or set interpreter: to a java executable");
    }
}
