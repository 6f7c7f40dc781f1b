package dev.orchestrator.plugin.support;

import static dev.orchestrator.plugin.support.fixture.Fixture.executable;
import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static dev.orchestrator.plugin.support.fixture.Fixture.folder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plugin.support.fixture.FakeHost;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app folder's parents up to the project root, and paths as users read them. */
class FoldersTest {

    @TempDir
    Path root;

    @Test
    void upToRootListsTheFolderThenEachParentIncludingTheRoot() {
        Path cwd = folder(root, "services/py/stt");

        assertThat(Folders.upToRoot(cwd, root)).containsExactly(
                cwd, root.resolve("services/py"), root.resolve("services"), root);
    }

    @Test
    void upToRootOfTheRootIsTheRootAlone() {
        assertThat(Folders.upToRoot(root, root)).containsExactly(root);
    }

    @Test
    void aFolderOutsideTheRootIsListedAlone() {
        Path outside = folder(root, "elsewhere/app");
        Path project = folder(root, "project");

        assertThat(Folders.upToRoot(outside, project)).containsExactly(outside);
    }

    @Test
    void findExecutableUpTakesTheNearestExecutableAndSkipsPlainFiles() {
        Path cwd = folder(root, "services/js/web");
        file(cwd, "node_modules/.bin/tsx");
        Path hoisted = executable(root, "node_modules/.bin/tsx");

        assertThat(Folders.findExecutableUp(cwd, new FakeHost(root), "node_modules/.bin/tsx")).contains(hoisted);

        Path local = executable(cwd, "node_modules/.bin/next");
        executable(root, "node_modules/.bin/next");
        assertThat(Folders.findExecutableUp(cwd, new FakeHost(root), "node_modules/.bin/next")).contains(local);
        assertThat(Folders.findExecutableUp(cwd, new FakeHost(root), "node_modules/.bin/none")).isEmpty();
    }

    @Test
    void shownIsRelativeInsideTheRootAndAbsoluteOutsideIt() {
        assertThat(Folders.shown(root.resolve("services/py/stt"), root)).isEqualTo("services/py/stt");
        assertThat(Folders.shown(root.resolve("services/../agents/duck"), root)).isEqualTo("agents/duck");
        assertThat(Folders.shown(root, root)).isEqualTo(". (the project root)");
        assertThat(Folders.shown(Path.of("/opt/tools"), root)).isEqualTo("/opt/tools");
    }
}
