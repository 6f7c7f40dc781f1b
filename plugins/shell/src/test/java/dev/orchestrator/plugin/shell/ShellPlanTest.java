package dev.orchestrator.plugin.shell;

import static dev.orchestrator.plugin.support.fixture.Fixture.executable;
import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static dev.orchestrator.plugin.support.fixture.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.plugin.support.fixture.FakeHost;
import dev.orchestrator.plugin.support.fixture.Fixture;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.PlanException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How shell apps are launched: exec'd, through /bin/sh, through an interpreter, or a command from PATH. */
class ShellPlanTest {

    @TempDir
    Path root;
    Path cwd;
    FakeHost host;
    final ShellPlugin plugin = new ShellPlugin();

    @BeforeEach
    void layOutAProject() {
        cwd = Fixture.folder(root, "services/sh/chroma");
        host = new FakeHost(root);
    }

    private LaunchPlan plan() throws PlanException {
        return plugin.plan(request(cwd, host).args("--port", "8000").build());
    }

    @Test
    void anExecutableRunShIsExecdSoItsShebangDecides() throws PlanException {
        Path run = executable(cwd, "run.sh");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(run.toString(), "--port", "8000");
        assertThat(plan.notes()).containsExactly("no script: running run.sh", "run.sh is executable: exec'ing it, its shebang decides");
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.envDefaults()).isEmpty();
    }

    @Test
    void aScriptThatIsNotExecutableRunsWithBinSh() throws PlanException {
        Path run = file(cwd, "run.sh", "#!/bin/sh\necho hi\n");

        LaunchPlan plan = plugin.plan(request(cwd, host).interpreterArgs("-e").build());

        assertThat(plan.argv()).containsExactly("/bin/sh", "-e", run.toString());
        assertThat(plan.notes()).contains("run.sh is not executable: running it with /bin/sh");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aBashScriptThatIsNotExecutableWarnsThatShRunsIt() throws PlanException {
        Path run = file(cwd, "run.sh", "#!/usr/bin/env bash\n[[ -n x ]]\n");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly("/bin/sh", run.toString(), "--port", "8000");
        assertThat(plan.warnings()).containsExactly(
                "run.sh is not executable, so /bin/sh runs it instead of its shebang (#!/usr/bin/env bash); chmod +x run.sh");
    }

    @Test
    void anExecutableScriptWithoutShebangRunsWithBinShExplicitly() throws Exception {
        Path run = file(cwd, "run.sh", "echo hi\n");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly("/bin/sh", run.toString(), "--port", "8000");
        assertThat(plan.notes()).contains("run.sh has no #! line: running it with /bin/sh");
    }

    @Test
    void anExecutableBinaryScriptIsExecd() throws Exception {
        Path binary = Files.write(cwd.resolve("server"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));

        LaunchPlan plan = plugin.plan(request(cwd, host).file("server").build());

        assertThat(plan.argv()).containsExactly(binary.toString());
        assertThat(plan.notes()).containsExactly("server is executable: exec'ing it, a binary");
    }

    @Test
    void interpreterBashRunsTheScriptWithBashAndItsArgs() throws PlanException {
        Path bash = executable(root, "bin/bash");
        host.with("bash", bash);
        Path script = executable(root, "scripts/run_chroma.sh");

        LaunchPlan plan = plugin.plan(request(cwd, host).file("../../../scripts/run_chroma.sh")
                .interpreter("bash").interpreterArgs("-x").args("--path", "db").build());

        assertThat(plan.argv()).containsExactly(bash.toString(), "-x", script.toString(), "--path", "db");
    }

    @Test
    void aMissingInterpreterFailsNamingIt() {
        executable(cwd, "run.sh");

        assertThatThrownBy(() -> plugin.plan(request(cwd, host).interpreter("zsh").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("interpreter 'zsh' not found on PATH; install it or give the full path in interpreter:");
    }

    @Test
    void startShRunsWhenThereIsNoRunSh() throws PlanException {
        Path start = executable(cwd, "start.sh");
        assertThat(plan().argv()).containsExactly(start.toString(), "--port", "8000");

        Path run = executable(cwd, "run.sh");
        assertThat(plan().argv()).containsExactly(run.toString(), "--port", "8000");
    }

    @Test
    void aFolderWithoutEntryScriptFails() {
        assertThatThrownBy(this::plan).isInstanceOfSatisfying(PlanException.class, e -> {
            assertThat(e.problem()).isEqualTo("no entry script in services/sh/chroma: no script:, run.sh or start.sh");
            assertThat(e.remedy()).isEqualTo("set script: to the script or command to run");
        });
    }

    @Test
    void aCommandIsResolvedOnPath() throws PlanException {
        Path mongod = executable(root, "usr/bin/mongod");
        host.with("mongod", mongod);

        LaunchPlan plan = plugin.plan(request(cwd, host).command("mongod").args("--dbpath", "data").build());

        assertThat(plan.argv()).containsExactly(mongod.toString(), "--dbpath", "data");
        assertThat(plan.notes()).containsExactly("'mongod' is a command: exec'ing " + mongod + " from PATH");
    }

    @Test
    void aCommandMissingFromPathFailsWithTheRemedy() {
        assertThatThrownBy(() -> plugin.plan(request(cwd, host).command("mongod").build()))
                .isInstanceOfSatisfying(PlanException.class, e -> {
                    assertThat(e.problem()).isEqualTo("'mongod' not found on PATH");
                    assertThat(e.remedy()).isEqualTo("install it or give the full path in script:");
                });
    }

    @Test
    void interpreterArgsWithoutAnInterpreterAreReportedWhenTheScriptIsExecd() throws PlanException {
        executable(cwd, "run.sh");

        LaunchPlan plan = plugin.plan(request(cwd, host).interpreterArgs("-x").build());

        assertThat(plan.warnings()).containsExactly(
                "interpreter_args [-x] are ignored: run.sh is exec'd itself (set interpreter: to pass them to a shell)");
    }

    @Test
    void aMissingOrFolderScriptFailsNamingThePath() {
        Fixture.folder(cwd, "bin");

        assertThatThrownBy(() -> plugin.plan(request(cwd, host).file("rn.sh").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("script 'rn.sh' not found: " + cwd.resolve("rn.sh")
                        + " does not exist; fix script: (a relative path resolves against the app's cwd)");
        assertThatThrownBy(() -> plugin.plan(request(cwd, host).file("bin").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("script 'bin' is a folder: " + cwd.resolve("bin") + "; set script: to the script file to run");
    }

    @Test
    void interpreterNoneExecsTheScriptAndRefusesOneThatIsNotExecutable() throws PlanException {
        Path run = executable(cwd, "run.sh");
        Path plain = file(cwd, "plain.sh", "echo\n");

        assertThat(plugin.plan(request(cwd, host).file("run.sh").interpreter("none").build()).argv())
                .containsExactly(run.toString());
        assertThatThrownBy(() -> plugin.plan(request(cwd, host).file("plain.sh").interpreter("none").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("script 'plain.sh' is not executable: " + plain
                        + "; chmod +x it (its shebang picks the interpreter), or remove interpreter: none");
    }
}
