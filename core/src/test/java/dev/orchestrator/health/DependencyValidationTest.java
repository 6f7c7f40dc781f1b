package dev.orchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.descriptor.Settings;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.PlannedApp;
import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** depends_on across apps, checked by the loader once every app is planned (issue 6). */
class DependencyValidationTest {

    @TempDir
    Path root;

    private ProjectPlan load(String descriptor) throws IOException {
        Files.createDirectories(root.resolve("services/x"));
        Files.writeString(root.resolve("services/x/ecosystem.yaml"), descriptor);
        return new ProjectLoader(Map.of("PATH", "/usr/bin:/bin"), PluginRegistry.load(getClass().getClassLoader()))
                .load(root);
    }

    private static String error(ProjectPlan plan, String app) {
        return plan.apps().stream().filter(a -> a.name().equals(app)).findFirst().orElseThrow().failure()
                .map(p -> p.format(plan.root())).orElse("ok");
    }

    @Test
    void aCycleFailsEveryMemberWithTheCycleNamed() throws IOException {
        ProjectPlan plan = load("""
                apps:
                  - name: a
                    runtime: shell
                    script: /bin/true
                    depends_on: [b]
                  - name: b
                    runtime: shell
                    script: /bin/true
                    depends_on: {a: started}
                  - name: c
                    runtime: shell
                    script: /bin/true
                    depends_on: [a]
                """);

        assertThat(error(plan, "a")).isEqualTo("services/x/ecosystem.yaml:5:17: error: depends_on cycle: a -> b -> a");
        assertThat(error(plan, "b")).isEqualTo("services/x/ecosystem.yaml:9:17: error: depends_on cycle: a -> b -> a");
        assertThat(error(plan, "c")).isEqualTo("ok");
        assertThat(plan.hasFailures()).isTrue();
    }

    @Test
    void aDependencyOnAnUnknownAppFailsThatApp() throws IOException {
        ProjectPlan plan = load("""
                apps:
                  - name: db
                    runtime: shell
                    script: /bin/true
                  - name: api
                    runtime: shell
                    script: /bin/true
                    depends_on: [dbb]
                """);

        assertThat(error(plan, "api")).isEqualTo("services/x/ecosystem.yaml:8:17: error: depends_on names unknown "
                + "app 'dbb'; did you mean 'db'?");
        assertThat(error(plan, "db")).isEqualTo("ok");
    }

    @Test
    void completedNeedsTheDependencyToNotRestart() throws IOException {
        ProjectPlan plan = load("""
                apps:
                  - name: migrate
                    runtime: shell
                    script: /bin/true
                  - name: api
                    runtime: shell
                    script: /bin/true
                    depends_on: {migrate: completed}
                """);

        assertThat(error(plan, "api")).isEqualTo("services/x/ecosystem.yaml:8:17: error: depends_on 'migrate: "
                + "completed' needs autorestart: false on 'migrate' (an app that restarts after it exits never "
                + "completes); set it there, or wait for 'ready' instead");
    }

    @Test
    void healthKeysAreCarriedIntoTheSpec() throws IOException {
        ProjectPlan plan = load("""
                apps:
                  - name: migrate
                    runtime: shell
                    script: /bin/true
                    autorestart: false
                  - name: api
                    runtime: shell
                    script: /bin/true
                    depends_on: {migrate: completed}
                    ready: {tcp: 5001, interval: 500ms}
                    live: {http: "http://127.0.0.1:5001/health", failure_threshold: 2}
                    heartbeat: {timeout: 30s}
                    max_memory_restart: 300M
                    cron_restart: "0 3 * * *"
                """);

        AppSpec api = plan.runnable().stream().filter(s -> s.name().equals("api")).findFirst().orElseThrow();
        assertThat(api.health().dependsOn()).containsExactly(Map.entry("migrate", Settings.Condition.COMPLETED));
        assertThat(api.health().ready()).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(Settings.ProbeKind.TCP);
            assertThat(p.interval()).hasMillis(500);
        });
        assertThat(api.health().live()).hasValueSatisfying(p -> assertThat(p.failureThreshold()).isEqualTo(2));
        assertThat(api.health().heartbeat()).isEqualTo(new Settings.Heartbeat(true,
                Optional.of(java.time.Duration.ofSeconds(30))));
        assertThat(api.health().maxMemoryBytes()).isEqualTo(OptionalLong.of(300L << 20));
        assertThat(api.health().cron()).contains("0 3 * * *");
        assertThat(api.env()).containsEntry("HEARTBEAT_TIMEOUT", "30000");
    }

    @Test
    void aCronScheduleCronUtilsRejectsFailsOnlyThatApp() throws IOException {
        ProjectPlan plan = load("""
                apps:
                  - name: nightly
                    runtime: shell
                    script: /bin/true
                    cron_restart: "0 25 * * *"
                """);

        PlannedApp nightly = plan.apps().getFirst();
        assertThat(error(plan, "nightly")).startsWith("services/x/ecosystem.yaml:5:19: error: cron_restart "
                + "'0 25 * * *' is not a valid schedule: ");
        assertThat(nightly.spec()).isEmpty();
    }
}
