package dev.orchestrator.plugin.python;

import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plugin.support.fixture.FakeHost;
import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.RuntimePlugin;

import java.nio.file.Path;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration and detection of the python runtime. */
class PythonPluginTest {

    @TempDir
    Path folder;
    final PythonPlugin plugin = new PythonPlugin();

    @Test
    void isFoundByTheServiceLoaderWithItsIdAndSpiVersion() {
        assertThat(ServiceLoader.load(RuntimePlugin.class).stream().map(ServiceLoader.Provider::get))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p).isInstanceOf(PythonPlugin.class);
                    assertThat(p.id()).isEqualTo("python");
                    assertThat(p.spiVersion()).isEqualTo(RuntimePlugin.SPI_VERSION);
                });
    }

    @Test
    void aPipfileMakesDetectionCertain() {
        file(folder, "Pipfile");
        file(folder, "main.py");

        assertThat(plugin.detect(folder, new FakeHost(folder))).isEqualTo(Detection.of(100, "Pipfile, main.py"));
    }

    @Test
    void pyprojectAndUvLockAreCertainToo() {
        file(folder, "pyproject.toml");
        file(folder, "uv.lock");

        assertThat(plugin.detect(folder, new FakeHost(folder))).isEqualTo(Detection.of(100, "pyproject.toml, uv.lock"));
    }

    @Test
    void entryFilesAloneAreLikely() {
        file(folder, "__main__.py");
        file(folder, "stt/__main__.py");

        assertThat(plugin.detect(folder, new FakeHost(folder)))
                .isEqualTo(Detection.of(Detection.LIKELY, "__main__.py, stt/__main__.py"));
    }

    @Test
    void aFolderWithoutPythonMarkersIsNotMatched() {
        file(folder, "app.py");

        Detection detection = plugin.detect(folder, new FakeHost(folder));

        assertThat(detection.matched()).isFalse();
        assertThat(detection.reason()).isEqualTo("no Pipfile, pyproject.toml, uv.lock, main.py or __main__.py");
    }

    @Test
    void hintsListTheDetectedFiles() {
        assertThat(plugin.detectionHints())
                .containsExactly("Pipfile", "pyproject.toml", "uv.lock", "main.py", "__main__.py", "<pkg>/__main__.py");
    }
}
