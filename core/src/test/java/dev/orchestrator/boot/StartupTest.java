package dev.orchestrator.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTest {

    @TempDir
    Path temp;

    private ProjectPlan project(String killTimeouts) throws IOException {
        Path root = Files.createDirectories(temp.resolve("proj"));
        Path a = Files.createDirectories(root.resolve("services/a"));
        Files.writeString(a.resolve("ecosystem.yaml"), killTimeouts);
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");
        return new ProjectLoader(env, PluginRegistry.load(getClass().getClassLoader())).load(root);
    }

    @Test
    void theStopBudgetIsTheSlowestKillTimeoutOfTheAppsUpStartsPlusTenSeconds() throws IOException {
        ProjectPlan plan = project("""
                apps:
                  - {name: quick, script: /bin/true, runtime: shell}
                  - {name: slow, script: /bin/true, runtime: shell, kill_timeout: 30s}
                  - {name: off, script: /bin/true, runtime: shell, kill_timeout: 5m, disabled: true}
                """);
        assertThat(StopBudget.needed(plan)).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void withNoAppsTheDefaultKillTimeoutCounts() throws IOException {
        ProjectPlan plan = project("apps: []\n");
        assertThat(StopBudget.needed(plan)).isEqualTo(Duration.ofMillis(11_600));
    }

    @Test
    void aUnitTakesPathAndHomeFromTheShellAndASystemUnitGetsAUser() throws IOException {
        ProjectPlan plan = project("{name: a, script: /bin/true, runtime: shell}\n");
        Map<String, String> shell = Map.of("PATH", "/home/me/.local/bin:/usr/bin", "HOME", "/home/me");
        SystemdUnit user = Startup.unit(UnitScope.USER, Path.of("/opt/o/orchestrator"), plan, shell);
        assertThat(user.environment()).containsExactly(Map.entry("PATH", "/home/me/.local/bin:/usr/bin"),
                Map.entry("HOME", "/home/me"));
        assertThat(user.user()).isEmpty();
        SystemdUnit system = Startup.unit(UnitScope.SYSTEM, Path.of("/opt/o/orchestrator"), plan, shell);
        assertThat(system.user()).hasValue(System.getProperty("user.name"));
    }

    @Test
    void installWritesTheUnitAndUninstallRemovesItAndItsEnablement() throws IOException {
        ProjectPlan plan = project("{name: a, script: /bin/true, runtime: shell}\n");
        Map<String, String> env = Map.of("HOME", temp.toString(), "PATH", "/usr/bin");
        Path file = Startup.path(UnitScope.USER, plan.root(), env);
        assertThat(file).isEqualTo(temp.resolve(".config/systemd/user/" + UnitName.of(plan.root())));
        SystemdUnit unit = Startup.unit(UnitScope.USER, Path.of("/opt/o/orchestrator"), plan, env);
        assertThat(Startup.install(unit, file)).isFalse();
        assertThat(Startup.install(unit, file)).isTrue();
        assertThat(file).hasContent(unit.render().stripTrailing());
        assertThat(Startup.installed(plan.root(), env)).hasValue(file);
        Path wants = Files.createDirectories(file.resolveSibling("default.target.wants"))
                .resolve(file.getFileName());
        Files.createSymbolicLink(wants, file);
        assertThat(Startup.uninstall(file)).containsExactlyInAnyOrder(wants, file);
        assertThat(file).doesNotExist();
        assertThat(Files.exists(wants, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Startup.uninstall(file)).isEmpty();
    }

    @Test
    void theHintsSayHowToEnableItAndToLinger() throws IOException {
        ProjectPlan plan = project("{name: a, script: /bin/true, runtime: shell}\n");
        SystemdUnit unit = Startup.unit(UnitScope.USER, Path.of("/opt/o/orchestrator"), plan, Map.of());
        String name = UnitName.of(plan.root());
        assertThat(Startup.enableHints(unit)).startsWith(
                "systemctl --user daemon-reload && systemctl --user enable --now " + name,
                "loginctl enable-linger $USER   # start it at boot, not at your first login, and keep it running "
                        + "after you log out");
    }
}
