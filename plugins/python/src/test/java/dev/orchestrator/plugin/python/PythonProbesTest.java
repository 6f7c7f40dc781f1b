package dev.orchestrator.plugin.python;

import static dev.orchestrator.plugin.support.fixture.Fixture.executable;
import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static dev.orchestrator.plugin.support.fixture.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plugin.support.fixture.FakeHost;
import dev.orchestrator.plugin.support.fixture.Fixture;
import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.PlanException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marker, entry and virtualenv files are probed through the host, which answers each path once per load (issue 8):
 * a file only the host knows about decides, and the walk up to the root asks the host about every folder.
 */
class PythonProbesTest {

    @TempDir
    Path root;
    final PythonPlugin plugin = new PythonPlugin();

    @Test
    void aUvLockOnlyTheHostReportsInTheRootPutsTheAppInsideUv() throws PlanException {
        Path cwd = Fixture.folder(root, "services/py/stt");
        file(cwd, "main.py");
        Path uv = executable(root, "bin/uv");
        FakeHost host = new FakeHost(root).with("uv", uv).pretendFile(root.resolve("uv.lock"));

        assertThat(plugin.plan(request(cwd, host).build()).argv())
                .containsExactly(uv.toString(), "run", "python", "-m", "main");
    }

    @Test
    void theWalkUpToTheRootAsksTheHostAboutEveryFolderAndTheVirtualenvs() throws PlanException {
        Path cwd = Fixture.folder(root, "services/py/stt");
        file(cwd, "main.py");
        Path python3 = executable(root, "bin/python3");
        FakeHost host = new FakeHost(root).with("python3", python3);

        plugin.plan(request(cwd, host).build());

        for (Path dir : new Path[] {cwd, cwd.getParent(), root.resolve("services"), root}) {
            assertThat(host.probed()).contains(dir.resolve("pyproject.toml"), dir.resolve("uv.lock"), dir.resolve("Pipfile"));
        }
        assertThat(host.probed()).contains(cwd.resolve(".venv/bin/python"), cwd.resolve("venv/bin/python"),
                cwd.resolve("main.py"));
    }

    @Test
    void aVirtualenvPythonOnlyTheHostReportsIsUsed() throws PlanException {
        Path cwd = Fixture.folder(root, "services/py/stt");
        file(cwd, "main.py");
        Path venvPython = cwd.resolve(".venv/bin/python");
        FakeHost host = new FakeHost(root).pretendExecutable(venvPython);

        assertThat(plugin.plan(request(cwd, host).build()).argv()).containsExactly(venvPython.toString(), "-m", "main");
    }

    @Test
    void detectionAsksTheHostForMarkersAndEntries() {
        Path cwd = Fixture.folder(root, "app");
        FakeHost host = new FakeHost(root).pretendFile(cwd.resolve("Pipfile")).pretendFile(cwd.resolve("main.py"));

        assertThat(plugin.detect(cwd, host)).isEqualTo(Detection.of(100, "Pipfile, main.py"));
        assertThat(host.probed()).contains(cwd); // listed for <pkg>/__main__.py
    }
}
