package dev.orchestrator.plugin.support;

import static dev.orchestrator.plugin.support.fixture.Fixture.executable;
import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static dev.orchestrator.plugin.support.fixture.Fixture.folder;
import static dev.orchestrator.plugin.support.fixture.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.plugin.support.fixture.FakeHost;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.PlanException;
import dev.orchestrator.spi.Script;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script-file checks, {@code interpreter:} values, {@code interpreter: none} and argv building. */
class ScriptsTest {

    @TempDir
    Path root;
    Path cwd;
    FakeHost host;

    @BeforeEach
    void layOutAProject() {
        cwd = folder(root, "services/sh/worker");
        host = new FakeHost(root);
    }

    @Test
    void aMissingScriptFileFailsNamingWhatTheUserWrote() {
        Path missing = cwd.resolve("run.sh");

        assertThatThrownBy(() -> Scripts.existing(new Script.File("./run.sh", missing)))
                .isInstanceOf(PlanException.class)
                .hasMessage("script './run.sh' not found: " + missing + " does not exist; "
                        + "fix script: (a relative path resolves against the app's cwd)");
    }

    @Test
    void anExistingScriptFileIsItsPath() throws PlanException {
        Path run = file(cwd, "run.sh");

        assertThat(Scripts.existing(new Script.File("run.sh", run))).isEqualTo(run);
    }

    @Test
    void aCommandIsLookedUpOnThePath() throws PlanException {
        Path mongod = executable(root, "usr/bin/mongod");
        host.with("mongod", mongod);

        assertThat(Scripts.onPath("mongod", host)).isEqualTo(mongod);
        assertThatThrownBy(() -> Scripts.onPath("redis-server", host))
                .isInstanceOf(PlanException.class)
                .hasMessage("'redis-server' not found on PATH; install it or give the full path in script:");
    }

    @Test
    void anInterpreterWithoutASlashIsACommandOnThePath() throws PlanException {
        Path bash = executable(root, "usr/bin/bash");
        host.with("bash", bash);

        assertThat(Scripts.interpreter("bash", request(cwd, host).build())).isEqualTo(bash);
        assertThatThrownBy(() -> Scripts.interpreter("zsh", request(cwd, host).build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("interpreter 'zsh' not found on PATH; install it or give the full path in interpreter:");
    }

    @Test
    void anInterpreterPathInsideTheAppFolderMustBeAnExecutableFile() throws PlanException {
        Path venvPython = executable(cwd, ".venv/bin/python");
        file(cwd, "tools/plain");

        assertThat(Scripts.interpreter("./.venv/bin/python", request(cwd, host).build())).isEqualTo(venvPython);
        assertThatThrownBy(() -> Scripts.interpreter("tools/plain", request(cwd, host).build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("interpreter 'tools/plain' not found: " + cwd.resolve("tools/plain")
                        + " is not an executable file; fix interpreter: (a relative path resolves against the app's cwd)");
    }

    @Test
    void anInterpreterPathOutsideTheAppFolderIsLeftToTheHost() throws PlanException {
        assertThat(Scripts.interpreter("/opt/missing/python", request(cwd, host).build()))
                .isEqualTo(Path.of("/opt/missing/python"));
        assertThat(Scripts.interpreter("../shared/bin/node", request(cwd, host).build()))
                .isEqualTo(root.resolve("services/sh/shared/bin/node"));
    }

    @Test
    void interpreterNoneIsRecognisedOnlyByItsExactValue() {
        assertThat(Scripts.execsItself(request(cwd, host).interpreter("none").build())).isTrue();
        assertThat(Scripts.execsItself(request(cwd, host).interpreter("None").build())).isFalse();
        assertThat(Scripts.execsItself(request(cwd, host).build())).isFalse();
    }

    @Test
    void interpreterNoneExecsAnExecutableScriptFileAndWarnsAboutInterpreterArgs() throws PlanException {
        Path run = executable(cwd, "run.sh");
        Draft draft = new Draft();

        List<String> argv = Scripts.execItself(
                request(cwd, host).file("run.sh").interpreter("none").interpreterArgs("-x").args("--once").build(), draft);
        LaunchPlan plan = draft.build(argv);

        assertThat(plan.argv()).containsExactly(run.toString(), "--once");
        assertThat(plan.notes()).containsExactly("interpreter: none: exec'ing run.sh itself, its shebang decides");
        assertThat(plan.warnings())
                .containsExactly("interpreter_args [-x] are ignored: interpreter: none execs the script itself");
    }

    @Test
    void interpreterNoneRefusesAScriptFileThatIsNotExecutable() {
        Path run = file(cwd, "run.sh");

        assertThatThrownBy(() -> Scripts.execItself(request(cwd, host).file("run.sh").build(), new Draft()))
                .isInstanceOf(PlanException.class)
                .hasMessage("script 'run.sh' is not executable: " + run
                        + "; chmod +x it (its shebang picks the interpreter), or remove interpreter: none");
    }

    @Test
    void interpreterNoneExecsACommandFromThePath() throws PlanException {
        Path mongod = executable(root, "usr/bin/mongod");
        host.with("mongod", mongod);
        Draft draft = new Draft();

        List<String> argv = Scripts.execItself(request(cwd, host).command("mongod").args("--port", "27017").build(), draft);

        assertThat(argv).containsExactly(mongod.toString(), "--port", "27017");
        assertThat(draft.build(argv).notes())
                .containsExactly("interpreter: none: exec'ing 'mongod' from PATH (" + mongod + ")");
    }

    @Test
    void interpreterNoneWithoutAScriptFailsNamingTheAppFolder() {
        assertThatThrownBy(() -> Scripts.execItself(request(cwd, host).build(), new Draft()))
                .isInstanceOf(PlanException.class)
                .hasMessage("interpreter: none needs a script: to exec in services/sh/worker; "
                        + "set script: to an executable file, or remove interpreter: none");
    }

    @Test
    void argvFlattensStringsPathsAndListsInOrder() {
        assertThat(Scripts.argv(Path.of("/usr/bin/node"), List.of("--inspect"), "server.js", List.of(), List.of("-p", "1")))
                .containsExactly("/usr/bin/node", "--inspect", "server.js", "-p", "1");
    }
}
