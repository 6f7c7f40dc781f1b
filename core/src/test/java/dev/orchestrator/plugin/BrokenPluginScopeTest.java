package dev.orchestrator.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.plan.PlannedApp;
import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin that throws while detecting or planning fails its own apps only; the rest of the project is planned. */
class BrokenPluginScopeTest {

    @TempDir
    Path temp;

    Path root;
    Path jar;

    @BeforeEach
    void projectWithABrokenPlugin() throws Exception {
        root = Files.createDirectories(temp.resolve("project"));
        jar = TestJars.jar(temp, "boom.jar").plugin(PluginSource.of("org.example.Boom", "boom")
                .detect("throw new IllegalStateException(\"detect broke\");")
                .plan("throw new IllegalStateException(\"plan broke\");"))
                .into(root.resolve(PluginDirs.PROJECT_FOLDER));
        write("services/a/ecosystem.yaml", "name: a\nruntime: boom\n");
        write("services/b/run.sh", "#!/bin/sh\necho b\n");
        write("services/c/ecosystem.yaml", "name: c\n");
    }

    private void write(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ProjectPlan load() {
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", temp.resolve("home").toString());
        PluginRegistry plugins = PluginRegistry.load(getClass().getClassLoader(),
                PluginDirs.forProject(root, List.of(), env));
        return new ProjectLoader(env, plugins).load(root);
    }

    private static PlannedApp app(ProjectPlan plan, String name) {
        return plan.apps().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anAppOfAPluginWhosePlanThrowsFailsWithJarClassAndCause() {
        PlannedApp a = app(load(), "a");

        assertThat(a.ok()).isFalse();
        assertThat(a.runtime()).contains("boom");
        assertThat(a.failure().map(Problem::message)).contains("plugin 'boom' (org.example.Boom from " + jar + ") "
                + "failed while planning app 'a': java.lang.IllegalStateException: plan broke; report it to the "
                + "plugin's author, or set runtime: to another plugin");
    }

    @Test
    void aDropInThatAnotherPluginRecognisesStillRunsAndTheDetectFailureIsAWarningNamingTheJar() {
        ProjectPlan plan = load();

        assertThat(app(plan, "b").ok()).isTrue();
        assertThat(app(plan, "b").runtime()).contains("shell");
        assertThat(plan.problems()).filteredOn(p -> !p.isError()).extracting(Problem::message)
                .contains("plugin 'boom' failed to detect 'services/b': PluginFailure (org.example.Boom from " + jar
                        + " threw java.lang.IllegalStateException: detect broke); its answer is ignored");
    }

    @Test
    void anAppNoPluginRecognisesSaysThatTheBrokenPluginFailedToDetect() {
        PlannedApp c = app(load(), "c");

        assertThat(c.failure().map(Problem::message)).contains("cannot tell the runtime of app 'c': no plugin "
                + "recognised " + root.resolve("services/c") + " (plugin 'boom' failed to detect: org.example.Boom from "
                + jar + " threw java.lang.IllegalStateException: detect broke) and there is no script:; set runtime: to "
                + "one of [boom, node, python, shell, typescript]");
    }
}
