package dev.orchestrator.plugin.python;

import static dev.orchestrator.plugin.support.fixture.Fixture.executable;
import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static dev.orchestrator.plugin.support.fixture.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.plugin.support.fixture.FakeHost;
import dev.orchestrator.plugin.support.fixture.Fixture;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.PlanException;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What python runs: script files, console commands inside the environment, -m main, -m pkg, and interpreter: none. */
class PythonEntryTest {

    @TempDir
    Path root;
    Path cwd;
    Path uv;
    Path python3;
    FakeHost host;
    final PythonPlugin plugin = new PythonPlugin();

    @BeforeEach
    void layOutAProject() {
        cwd = Fixture.folder(root, "services/py/stt");
        uv = executable(root, "bin/uv");
        python3 = executable(root, "bin/python3");
        host = new FakeHost(root).with("uv", uv).with("python3", python3);
    }

    @Test
    void uvicornRunsAsACommandInsideUvWithItsArgs() throws PlanException {
        file(cwd, "uv.lock");
        file(cwd, "app.py");

        LaunchPlan plan = plugin.plan(request(cwd, host).command("uvicorn").args("app:app", "--port", "5001").build());

        assertThat(plan.argv()).containsExactly(uv.toString(), "run", "uvicorn", "app:app", "--port", "5001");
        assertThat(plan.notes()).contains("'uvicorn' is a command: running it inside uv (uv run uvicorn)");
    }

    @Test
    void aCommandRunsInsidePipenvAndPoetryToo() throws PlanException {
        Path pipenv = executable(root, "bin/pipenv");
        host.with("pipenv", pipenv);
        file(cwd, "Pipfile");

        assertThat(plugin.plan(request(cwd, host).command("uvicorn").args("app:app").build()).argv())
                .containsExactly(pipenv.toString(), "run", "uvicorn", "app:app");
    }

    @Test
    void aCommandComesFromTheVirtualenvsBinFolder() throws PlanException {
        executable(cwd, ".venv/bin/python");
        Path uvicorn = executable(cwd, ".venv/bin/uvicorn");

        LaunchPlan plan = plugin.plan(request(cwd, host).command("uvicorn").args("app:app").build());

        assertThat(plan.argv()).containsExactly(uvicorn.toString(), "app:app");
    }

    @Test
    void aCommandMissingFromTheVirtualenvIsLookedUpOnPath() throws PlanException {
        executable(cwd, ".venv/bin/python");
        Path gunicorn = executable(root, "bin/gunicorn");
        host.with("gunicorn", gunicorn);

        assertThat(plugin.plan(request(cwd, host).command("gunicorn").build()).argv())
                .containsExactly(gunicorn.toString());
    }

    @Test
    void aCommandFoundNowhereFailsNamingWhereItWasLookedFor() {
        executable(cwd, ".venv/bin/python");

        assertThatThrownBy(() -> plugin.plan(request(cwd, host).command("uvicorn").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("'uvicorn' not found in services/py/stt/.venv/bin or on PATH; "
                        + "install it into the app's environment, or give the full path in script:");
        cwd = Fixture.folder(root, "services/py/bare");
        assertThatThrownBy(() -> plugin.plan(request(cwd, host).command("uvicorn").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("'uvicorn' not found on PATH; install it into the app's environment, or give the full path in script:");
    }

    @Test
    void interpreterArgsGoAfterPythonAndArgsAfterTheScriptFile() throws PlanException {
        file(cwd, "uv.lock");
        Path script = file(cwd, "tools/serve.py");

        LaunchPlan plan = plugin.plan(request(cwd, host).file("tools/serve.py")
                .interpreterArgs("-X", "dev").args("--port", "5001").build());

        assertThat(plan.argv()).containsExactly(uv.toString(), "run", "python", "-X", "dev", script.toString(), "--port", "5001");
    }

    @Test
    void interpreterArgsGivenWithACommandAreReportedAsIgnored() throws PlanException {
        file(cwd, "uv.lock");

        LaunchPlan plan = plugin.plan(request(cwd, host).command("uvicorn").interpreterArgs("-X", "dev").build());

        assertThat(plan.argv()).containsExactly(uv.toString(), "run", "uvicorn");
        assertThat(plan.warnings()).containsExactly(
                "interpreter_args [-X, dev] are ignored: 'uvicorn' is a command, python is not started with them");
    }

    @Test
    void aMissingScriptFileFailsNamingItsPath() {
        assertThatThrownBy(() -> plugin.plan(request(cwd, host).file("mian.py").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("script 'mian.py' not found: " + cwd.resolve("mian.py")
                        + " does not exist; fix script: (a relative path resolves against the app's cwd)");
    }

    @Test
    void mainPyRunsAsTheMainModule() throws PlanException {
        file(cwd, "main.py");
        file(cwd, "stt/__main__.py");

        LaunchPlan plan = plugin.plan(request(cwd, host).args("--model", "base").build());

        assertThat(plan.argv()).containsExactly(python3.toString(), "-m", "main", "--model", "base");
        assertThat(plan.notes()).contains("main.py found: running python -m main (like `python -m main`, the cwd is on sys.path)");
    }

    @Test
    void theOnlyPackageWithAMainRunsAsAModule() throws PlanException {
        file(cwd, "stt/__init__.py");
        file(cwd, "stt/__main__.py");
        file(cwd, "my-tool/__main__.py"); // not an importable name
        file(cwd, "docs/readme.md");

        LaunchPlan plan = plugin.plan(request(cwd, host).build());

        assertThat(plan.argv()).containsExactly(python3.toString(), "-m", "stt");
        assertThat(plan.notes()).contains("stt/__main__.py found: running python -m stt");
    }

    @Test
    void aMainInTheAppFolderItselfRunsTheFolder() throws PlanException {
        file(cwd, "__main__.py");

        LaunchPlan plan = plugin.plan(request(cwd, host).build());

        assertThat(plan.argv()).containsExactly(python3.toString(), ".");
        assertThat(plan.notes()).contains("__main__.py in the app folder: running `python .` (python runs a folder's "
                + "__main__.py; -m needs a package name, and the app folder is not one)");
    }

    @Test
    void twoPackagesWithAMainAreAmbiguous() {
        file(cwd, "stt/__main__.py");
        file(cwd, "tts/__main__.py");

        assertThatThrownBy(() -> plugin.plan(request(cwd, host).build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("no single entry point in services/py/stt: stt, tts all have a __main__.py; "
                        + "set script: to the file to run, or add a main.py");
    }

    @Test
    void aFolderWithoutAnEntryPointFailsWithTheRemedy() {
        file(cwd, "uv.lock");
        file(cwd, "app.py");

        assertThatThrownBy(() -> plugin.plan(request(cwd, host).build()))
                .isInstanceOfSatisfying(PlanException.class, e -> {
                    assertThat(e.problem()).isEqualTo("no entry point in services/py/stt: no script:, main.py or __main__.py");
                    assertThat(e.remedy()).isEqualTo("set script: to the file or module command to run");
                });
    }

    @Test
    void interpreterNoneExecsAnExecutableScriptWithItsArgs() throws PlanException {
        file(cwd, "Pipfile"); // no pipenv on PATH: interpreter: none never asks for it
        Path script = executable(cwd, "serve.py");

        LaunchPlan plan = plugin.plan(request(cwd, host).file("serve.py").interpreter("none").args("-v").build());

        assertThat(plan.argv()).containsExactly(script.toString(), "-v");
        assertThat(plan.envDefaults()).containsEntry("PYTHONUNBUFFERED", "1");
        assertThat(plan.notes()).contains("interpreter: none: exec'ing serve.py itself, its shebang decides");
    }

    @Test
    void interpreterNoneRefusesAScriptThatIsNotExecutable() {
        Path script = file(cwd, "serve.py");

        assertThatThrownBy(() -> plugin.plan(request(cwd, host).file("serve.py").interpreter("none").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("script 'serve.py' is not executable: " + script
                        + "; chmod +x it (its shebang picks the interpreter), or remove interpreter: none");
    }

    @Test
    void interpreterNoneWithoutAScriptFails() {
        file(cwd, "main.py");

        assertThatThrownBy(() -> plugin.plan(request(cwd, host).interpreter("none").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("interpreter: none needs a script: to exec in services/py/stt; "
                        + "set script: to an executable file, or remove interpreter: none");
    }
}
