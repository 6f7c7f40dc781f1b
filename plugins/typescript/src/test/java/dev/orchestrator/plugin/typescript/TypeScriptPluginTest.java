package dev.orchestrator.plugin.typescript;

import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plugin.support.fixture.FakeHost;
import dev.orchestrator.plugin.support.fixture.Fixture;
import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.RuntimePlugin;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration and detection of the typescript runtime, against node's (on the test classpath). */
class TypeScriptPluginTest {

    @TempDir
    Path folder;
    final TypeScriptPlugin plugin = new TypeScriptPlugin();

    private static List<RuntimePlugin> loaded() {
        return ServiceLoader.load(RuntimePlugin.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    @Test
    void isFoundByTheServiceLoaderWithItsIdAndSpiVersion() {
        assertThat(loaded()).filteredOn(p -> p instanceof TypeScriptPlugin).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("typescript");
            assertThat(p.spiVersion()).isEqualTo(RuntimePlugin.SPI_VERSION);
        });
    }

    @Test
    void typeScriptBeatsNodeOnAFolderWithTsconfigAndPackageJson() {
        file(folder, "tsconfig.json", "{}");
        file(folder, "package.json", "{\"main\": \"dist/index.js\"}");
        FakeHost host = new FakeHost(folder);

        List<RuntimePlugin> ranked = loaded().stream()
                .sorted(Comparator.comparingInt((RuntimePlugin p) -> p.detect(folder, host).confidence()).reversed())
                .toList();

        assertThat(ranked).extracting(RuntimePlugin::id).containsExactly("typescript", "node");
        assertThat(ranked).extracting(p -> p.detect(folder, host).confidence()).containsExactly(100, 80);
    }

    @Test
    void aSourceEntryWithoutTsconfigScoresNinety() {
        file(folder, "package.json", "{}");
        file(folder, "src/index.ts");

        assertThat(plugin.detect(folder, new FakeHost(folder))).isEqualTo(Detection.of(90, "src/index.ts"));
    }

    @Test
    void aRootIndexTsScoresNinetyAndOtherFoldersAreNotMatched() {
        Path other = Fixture.folder(folder, "other");
        file(folder, "index.ts");

        assertThat(plugin.detect(folder, new FakeHost(folder))).isEqualTo(Detection.of(90, "index.ts"));
        assertThat(plugin.detect(other, new FakeHost(folder)))
                .isEqualTo(Detection.none("no tsconfig.json, src/index.ts or index.ts"));
        assertThat(plugin.detectionHints()).containsExactly("tsconfig.json", "src/index.ts", "index.ts");
    }

    @Test
    void detectionAsksTheHostSoAFileOnlyTheHostReportsCounts() {
        FakeHost host = new FakeHost(folder).pretendFile(folder.resolve("src/index.ts"));

        assertThat(plugin.detect(folder, host)).isEqualTo(Detection.of(TypeScriptPlugin.ENTRY_FILE, "src/index.ts"));
        assertThat(host.probed()).startsWith(folder.resolve("tsconfig.json"));
    }
}
