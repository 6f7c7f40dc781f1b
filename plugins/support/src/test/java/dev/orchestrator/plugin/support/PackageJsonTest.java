package dev.orchestrator.plugin.support;

import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static dev.orchestrator.plugin.support.fixture.Fixture.folder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.plugin.support.PackageJson.Main;
import dev.orchestrator.spi.PlanException;

import dev.orchestrator.plugin.support.fixture.FakeHost;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written reader of package.json's top-level main, and the file node would load for it. */
class PackageJsonTest {

    @TempDir
    Path root;

    @Test
    void readsTheTopLevelMainString() {
        assertThat(PackageJson.main("{\"name\": \"heartbeat\", \"main\": \"dist/index.js\"}")).contains("dist/index.js");
    }

    @Test
    void decodesEscapesInsideMain() {
        assertThat(PackageJson.main("{\"main\": \"\\u0064ist\\/in\\\"dex.js\"}")).contains("dist/in\"dex.js");
    }

    @Test
    void aMainKeyInsideANestedObjectIsNotTheTopLevelMain() {
        String json = """
                {
                  "name": "x",
                  "config": {"main": "wrong.js", "list": [1, -2.5e3, true, null, {"main": "deeper.js"}]},
                  "scripts": {"start": "node \\"}{\\" index.js"}
                }
                """;

        assertThat(PackageJson.main(json)).isEmpty();
    }

    @Test
    void valuesBeforeMainThatContainBracesAndQuotesAreSkippedCorrectly() {
        String json = "{\"description\": \"a } \\\" { tricky\", \"files\": [\"a]\", \"b\"], \"main\": \"server.js\"}";

        assertThat(PackageJson.main(json)).contains("server.js");
    }

    @Test
    void aMainThatIsNotAStringIsIgnoredAndARepeatedMainKeepsTheLast() {
        assertThat(PackageJson.main("{\"main\": 42}")).isEmpty();
        assertThat(PackageJson.main("{\"main\": \"a.js\", \"main\": \"b.js\"}")).contains("b.js");
        assertThat(PackageJson.main("{\"main\": \"a.js\", \"main\": null}")).isEmpty();
    }

    @Test
    void aByteOrderMarkAndAnEmptyObjectAreFine() {
        assertThat(PackageJson.main("\uFEFF{\"main\":\"index.js\"}")).contains("index.js");
        assertThat(PackageJson.main(" {} ")).isEmpty();
    }

    @Test
    void badJsonIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> PackageJson.main("{\n  \"main\": \"index.js\",\n}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected '\"' at line 3, column 1");
        assertThatThrownBy(() -> PackageJson.main("{\"main\": \"index.js"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an unterminated string at line 1, column 19");
        assertThatThrownBy(() -> PackageJson.main("{\"a\": tru}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected a value at line 1, column 7");
        assertThatThrownBy(() -> PackageJson.main("{} x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unexpected text after the end at line 1, column 4");
        assertThatThrownBy(() -> PackageJson.main("{\"a\": \"\\x\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a bad escape \\x at line 1, column 10");
    }

    @Test
    void aMainWithoutAnExtensionResolvesAsNodeWouldTryIt() throws PlanException {
        Path dir = folder(root, "services/js/web");
        file(dir, "package.json", "{\"main\": \"dist/server\"}");
        Path server = file(dir, "dist/server.mjs");

        assertThat(PackageJson.mainOf(dir, new FakeHost(root))).contains(new Main("dist/server", Optional.of(server), false));
    }

    @Test
    void aMainNamingAFolderResolvesToItsIndexFile() throws PlanException {
        Path dir = folder(root, "services/js/web");
        file(dir, "package.json", "{\"main\": \"lib\"}");
        Path index = file(dir, "lib/index.cjs");

        assertThat(PackageJson.mainOf(dir, new FakeHost(root))).contains(new Main("lib", Optional.of(index), true));
    }

    @Test
    void aMainNamingNothingKeepsItsValueWithoutAFile() throws PlanException {
        Path dir = folder(root, "services/js/web");
        file(dir, "package.json", "{\"main\": \"gone.js\"}");

        assertThat(PackageJson.mainOf(dir, new FakeHost(root))).contains(new Main("gone.js", Optional.empty(), false));
    }

    @Test
    void withoutPackageJsonThereIsNoMain() throws PlanException {
        assertThat(PackageJson.mainOf(folder(root, "services/js/web"), new FakeHost(root))).isEmpty();
    }

    @Test
    void anInvalidPackageJsonFailsNamingItsFolder() {
        Path dir = folder(root, "services/js/web");
        file(dir, "package.json", "{\"main\": }");

        assertThatThrownBy(() -> PackageJson.mainOf(dir, new FakeHost(root)))
                .isInstanceOf(PlanException.class)
                .hasMessage("package.json in services/js/web is not valid JSON: expected a value at line 1, column 10; "
                        + "fix the file (node refuses it too)");
    }
}
