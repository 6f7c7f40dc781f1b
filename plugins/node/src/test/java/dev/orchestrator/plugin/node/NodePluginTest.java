package dev.orchestrator.plugin.node;

import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plugin.support.fixture.FakeHost;
import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.RuntimePlugin;

import java.nio.file.Path;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration and detection of the node runtime. */
class NodePluginTest {

    @TempDir
    Path folder;
    final NodePlugin plugin = new NodePlugin();

    @Test
    void isFoundByTheServiceLoaderWithItsIdAndSpiVersion() {
        assertThat(ServiceLoader.load(RuntimePlugin.class).stream().map(ServiceLoader.Provider::get))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p).isInstanceOf(NodePlugin.class);
                    assertThat(p.id()).isEqualTo("node");
                    assertThat(p.spiVersion()).isEqualTo(RuntimePlugin.SPI_VERSION);
                });
    }

    @Test
    void aPackageJsonScoresEightyLeavingCertaintyToTypeScript() {
        file(folder, "package.json", "{}");
        file(folder, "index.js");

        assertThat(plugin.detect(folder, new FakeHost(folder))).isEqualTo(Detection.of(80, "package.json"));
    }

    @Test
    void anEntryFileWithoutPackageJsonIsLikely() {
        file(folder, "server.js");

        assertThat(plugin.detect(folder, new FakeHost(folder)))
                .isEqualTo(Detection.of(Detection.LIKELY, "server.js without package.json"));
    }

    @Test
    void aFolderWithoutNodeFilesIsNotMatched() {
        file(folder, "app.ts");

        assertThat(plugin.detect(folder, new FakeHost(folder)))
                .isEqualTo(Detection.none("no package.json, index.js, main.js or server.js"));
        assertThat(plugin.detectionHints()).containsExactly("package.json", "index.js", "main.js", "server.js");
    }

    @Test
    void detectionAsksTheHostSoAFileOnlyTheHostReportsCounts() {
        FakeHost host = new FakeHost(folder).pretendFile(folder.resolve("server.js"));

        assertThat(plugin.detect(folder, host)).isEqualTo(Detection.of(Detection.LIKELY, "server.js without package.json"));
        assertThat(host.probed()).startsWith(folder.resolve("package.json"));
    }
}
