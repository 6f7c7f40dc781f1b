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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which environment runs the app: uv, pipenv, poetry, a virtualenv, python3, or an explicit interpreter. */
class PythonEnvChoiceTest {

    @TempDir
    Path root;
    Path cwd;
    Path uv;
    Path pipenv;
    Path poetry;
    Path python3;
    FakeHost host;
    final PythonPlugin plugin = new PythonPlugin();

    @BeforeEach
    void layOutAProject() {
        cwd = Fixture.folder(root, "services/py/stt");
        file(cwd, "main.py", "print('hi')\n");
        uv = executable(root, "bin/uv");
        pipenv = executable(root, "bin/pipenv");
        poetry = executable(root, "bin/poetry");
        python3 = executable(root, "bin/python3");
        host = new FakeHost(root).with("uv", uv).with("pipenv", pipenv).with("poetry", poetry).with("python3", python3);
    }

    private LaunchPlan plan() throws PlanException {
        return plugin.plan(request(cwd, host).build());
    }

    @Test
    void pipfileRunsTheMainModuleInsidePipenvWithoutLoadingDotEnv() throws PlanException {
        file(cwd, "Pipfile");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(pipenv.toString(), "run", "python", "-m", "main");
        assertThat(plan.envDefaults()).isEqualTo(Map.of("PYTHONUNBUFFERED", "1", "PIPENV_DONT_LOAD_ENV", "1"));
        assertThat(plan.notes()).contains("Pipfile found in services/py/stt: running inside pipenv (pipenv run)");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void uvLockRunsTheMainModuleInsideUv() throws PlanException {
        file(cwd, "uv.lock");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(uv.toString(), "run", "python", "-m", "main");
        assertThat(plan.envDefaults()).isEqualTo(Map.of("PYTHONUNBUFFERED", "1"));
        assertThat(plan.notes()).contains("uv.lock found in services/py/stt: running inside uv (uv run)");
    }

    @Test
    void aUvWorkspaceLockAtTheProjectRootServesAMemberWithAPlainPyproject() throws PlanException {
        file(root, "uv.lock");
        file(cwd, "pyproject.toml", "[project]\nname = \"stt\"\n");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(uv.toString(), "run", "python", "-m", "main");
        assertThat(plan.notes()).contains("uv.lock found in . (the project root): running inside uv (uv run)");
    }

    @Test
    void aPyprojectWithAToolUvTableUsesUvEvenWithoutALock() throws PlanException {
        file(cwd, "pyproject.toml", "[project]\nname = \"stt\"\n\n[tool.uv.sources]\nshared = { workspace = true }\n");

        assertThat(plan().argv()).containsExactly(uv.toString(), "run", "python", "-m", "main");
    }

    @Test
    void uvWinsOverAPipfileInTheSameFolder() throws PlanException {
        file(cwd, "uv.lock");
        file(cwd, "Pipfile");

        assertThat(plan().argv()).startsWith(uv.toString(), "run", "python");
    }

    @Test
    void theNearestFolderDecidesSoAPipfileInTheAppBeatsAUvLockAtTheRoot() throws PlanException {
        file(root, "uv.lock");
        file(cwd, "Pipfile");

        assertThat(plan().argv()).startsWith(pipenv.toString(), "run", "python");
    }

    @Test
    void aPoetryProjectRunsInsidePoetry() throws PlanException {
        file(cwd, "pyproject.toml", "[tool.poetry]\nname = \"stt\"\n");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(poetry.toString(), "run", "python", "-m", "main");
        assertThat(plan.notes()).contains("pyproject.toml [tool.poetry] found in services/py/stt: running inside poetry (poetry run)");
    }

    @Test
    void pipenvWinsOverPoetryAndPoetryOverAVirtualenv() throws PlanException {
        file(cwd, "pyproject.toml", "[tool.poetry]\nname = \"stt\"\n");
        executable(cwd, ".venv/bin/python");
        assertThat(plan().argv()).startsWith(poetry.toString());

        file(cwd, "Pipfile");
        assertThat(plan().argv()).startsWith(pipenv.toString());
    }

    @Test
    void aDotVenvInTheAppFolderIsUsedDirectly() throws PlanException {
        Path venvPython = executable(cwd, ".venv/bin/python");
        executable(cwd, "venv/bin/python");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(venvPython.toString(), "-m", "main");
        assertThat(plan.notes()).contains(".venv/bin/python found: using the app's virtualenv");
    }

    @Test
    void aPlainVenvFolderIsUsedWhenThereIsNoDotVenv() throws PlanException {
        Path venvPython = executable(cwd, "venv/bin/python");

        assertThat(plan().argv()).containsExactly(venvPython.toString(), "-m", "main");
    }

    @Test
    void aBrokenVirtualenvLinkIsReportedAndPython3RunsInstead() throws Exception {
        Files.createDirectories(cwd.resolve(".venv/bin"));
        Files.createSymbolicLink(cwd.resolve(".venv/bin/python"), root.resolve("gone/python3.9"));

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(python3.toString(), "-m", "main");
        assertThat(plan.warnings()).containsExactly(".venv/bin/python is a broken link (the python it was made from is gone); "
                + "recreate it: python3 -m venv --clear .venv");
    }

    @Test
    void withoutAnEnvToolOrVirtualenvPython3FromPathRuns() throws PlanException {
        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(python3.toString(), "-m", "main");
        assertThat(plan.notes()).contains("no uv.lock, Pipfile, poetry project or virtualenv: using python3 from PATH");
    }

    @Test
    void markersAboveTheProjectRootAreNotLookedAt() throws PlanException {
        Path project = Fixture.folder(root, "repo");
        file(root, "uv.lock");
        cwd = Fixture.folder(project, "services/py/stt");
        file(cwd, "main.py");
        host = new FakeHost(project).with("uv", uv).with("python3", python3);

        assertThat(plan().argv()).containsExactly(python3.toString(), "-m", "main");
    }

    @Test
    void aUvLockWithoutUvOnPathFailsWithTheRemedy() {
        file(cwd, "uv.lock");
        host = new FakeHost(root).with("pipenv", pipenv).with("python3", python3);

        assertThatThrownBy(this::plan).isInstanceOfSatisfying(PlanException.class, e -> {
            assertThat(e.problem()).isEqualTo("uv not found on PATH (uv.lock in services/py/stt)");
            assertThat(e.remedy()).isEqualTo("install it (pipx install uv) or set interpreter: to a python binary");
        });
    }

    @Test
    void aPipfileWithoutPipenvOnPathFailsRatherThanRunningWithoutItsDependencies() {
        file(cwd, "Pipfile");
        host = new FakeHost(root).with("python3", python3);

        assertThatThrownBy(this::plan).isInstanceOf(PlanException.class).hasMessage(
                "pipenv not found on PATH (Pipfile in services/py/stt); "
                        + "install it (apt-get install pipenv) or set interpreter: to a python binary");
    }

    @Test
    void aPoetryProjectWithoutPoetryOnPathFails() {
        file(cwd, "pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.11\"\n");
        host = new FakeHost(root).with("python3", python3);

        assertThatThrownBy(this::plan).isInstanceOf(PlanException.class).hasMessage(
                "poetry not found on PATH (pyproject.toml [tool.poetry] in services/py/stt); "
                        + "install it (pipx install poetry) or set interpreter: to a python binary");
    }

    @Test
    void noPython3OnPathFailsWithTheRemedy() {
        host = new FakeHost(root);

        assertThatThrownBy(this::plan).isInstanceOf(PlanException.class).hasMessage(
                "python3 not found on PATH (no uv.lock, Pipfile, poetry project or virtualenv for services/py/stt); "
                        + "install Python 3 (apt-get install python3) or set interpreter: to a python binary");
    }

    @Test
    void anExplicitInterpreterNameSkipsTheEnvToolAndIsResolvedOnPath() throws PlanException {
        file(cwd, "Pipfile");
        Path python311 = executable(root, "bin/python3.11");
        host = new FakeHost(root).with("python3.11", python311);

        LaunchPlan plan = plugin.plan(request(cwd, host).interpreter("python3.11").build());

        assertThat(plan.argv()).containsExactly(python311.toString(), "-m", "main");
        assertThat(plan.envDefaults()).doesNotContainKey("PIPENV_DONT_LOAD_ENV");
        assertThat(plan.notes()).contains("interpreter: python3.11 given: using " + python311 + " (no env tool)");
    }

    @Test
    void anExplicitInterpreterPathInsideTheAppFolderIsResolvedAgainstTheCwd() throws PlanException {
        Path venvPython = executable(cwd, "env311/bin/python");

        LaunchPlan plan = plugin.plan(request(cwd, host).interpreter("env311/bin/python").build());

        assertThat(plan.argv()).containsExactly(venvPython.toString(), "-m", "main");
    }

    @Test
    void anExplicitInterpreterPathOutsideTheAppFolderIsTakenAsWritten() throws PlanException {
        LaunchPlan plan = plugin.plan(request(cwd, host).interpreter("/opt/py312/bin/python").build());

        assertThat(plan.argv()).containsExactly("/opt/py312/bin/python", "-m", "main");
    }

    @Test
    void aMissingExplicitInterpreterFailsNamingIt() {
        assertThatThrownBy(() -> plugin.plan(request(cwd, host).interpreter("python3.13").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("interpreter 'python3.13' not found on PATH; install it or give the full path in interpreter:");
        assertThatThrownBy(() -> plugin.plan(request(cwd, host).interpreter(".venv/bin/python").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("interpreter '.venv/bin/python' not found: " + cwd.resolve(".venv/bin/python")
                        + " is not an executable file; fix interpreter: (a relative path resolves against the app's cwd)");
    }

    @Test
    void tomlTablesAreRecognisedWithSubTablesAndArraysButNotByPrefix() {
        assertThat(EnvTools.hasTable("[tool.uv]\n", "tool.uv")).isTrue();
        assertThat(EnvTools.hasTable("  [tool.uv.sources]\n", "tool.uv")).isTrue();
        assertThat(EnvTools.hasTable("[[tool.uv.index]]\nurl = \"x\"\n", "tool.uv")).isTrue();
        assertThat(EnvTools.hasTable("[tool.uvx]\n", "tool.uv")).isFalse();
        assertThat(EnvTools.hasTable("name = \"[tool.uv]\"\n", "tool.uv")).isFalse();
    }
}
