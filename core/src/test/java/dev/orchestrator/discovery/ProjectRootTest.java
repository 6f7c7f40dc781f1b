package dev.orchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProjectRootTest {

    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    private Path dir(String path) throws IOException {
        return Files.createDirectories(fs.getPath(path));
    }

    private void file(String path) throws IOException {
        Files.createDirectories(fs.getPath(path).getParent());
        Files.writeString(fs.getPath(path), "");
    }

    @Test
    void theNearestFolderHoldingOrchestratorYamlIsTheRoot() throws IOException {
        file("/mono/orchestrator.yaml");
        file("/mono/sub/orchestrator.yaml");
        Path start = dir("/mono/sub/services/py/stt");

        assertThat(ProjectRoot.find(start, Optional.empty())).contains(fs.getPath("/mono/sub"));
    }

    @Test
    void orchestratorYamlHigherUpBeatsANearerServicesFolder() throws IOException {
        file("/mono/orchestrator.yaml");
        dir("/mono/tools/services");
        Path start = dir("/mono/tools/services/x");

        assertThat(ProjectRoot.find(start, Optional.empty())).contains(fs.getPath("/mono"));
    }

    @Test
    void withoutOrchestratorYamlTheNearestFolderHoldingServicesOrAgentsIsTheRoot() throws IOException {
        dir("/mono/services");
        dir("/mono/pkg/agents/duck");

        assertThat(ProjectRoot.find(fs.getPath("/mono/pkg/agents/duck"), Optional.empty()))
                .contains(fs.getPath("/mono/pkg"));
        assertThat(ProjectRoot.find(dir("/mono/docs"), Optional.empty())).contains(fs.getPath("/mono"));
    }

    @Test
    void aFileNamedServicesDoesNotMakeARootNorDoesAFolderNamedOrchestratorYaml() throws IOException {
        file("/mono/a/services");
        dir("/mono/a/orchestrator.yaml");
        dir("/mono/agents");

        assertThat(ProjectRoot.find(dir("/mono/a/b"), Optional.empty())).contains(fs.getPath("/mono"));
    }

    @Test
    void nothingQualifyingUpToTheFileSystemRootGivesNoRoot() throws IOException {
        assertThat(ProjectRoot.find(dir("/home/me/src"), Optional.empty())).isEmpty();
    }

    @Test
    void theStartFolderItselfCanBeTheRoot() throws IOException {
        file("/mono/orchestrator.yaml");

        assertThat(ProjectRoot.find(fs.getPath("/mono"), Optional.empty())).contains(fs.getPath("/mono"));
    }

    @Test
    void anOverrideWinsAndResolvesAgainstTheStart() throws IOException {
        file("/mono/orchestrator.yaml");
        dir("/elsewhere/proj");
        Path start = dir("/mono/services");

        assertThat(ProjectRoot.find(start, Optional.of(fs.getPath("/elsewhere/proj"))))
                .contains(fs.getPath("/elsewhere/proj"));
        assertThat(ProjectRoot.find(start, Optional.of(fs.getPath("../../elsewhere/./proj"))))
                .contains(fs.getPath("/elsewhere/proj"));
    }

    @Test
    void anOverrideThatDoesNotExistIsAUsageError() throws IOException {
        Path start = dir("/mono");

        assertThatThrownBy(() -> ProjectRoot.find(start, Optional.of(fs.getPath("nope"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("project folder 'nope' does not exist: resolved to /mono/nope; "
                        + "pass an existing folder to -C/--project");
    }

    @Test
    void aLayoutDefaultsToStateLogsAndTheTwoScanRoots() {
        ProjectLayout layout = ProjectLayout.of(fs.getPath("/mono"));

        assertThat(layout.stateDir()).isEqualTo(fs.getPath("/mono/.orchestrator"));
        assertThat(layout.logsDir()).isEqualTo(fs.getPath("/mono/logs"));
        assertThat(layout.scanRoots()).containsExactly(fs.getPath("services"), fs.getPath("agents"));
        assertThat(layout.absoluteScanRoots()).containsExactly(fs.getPath("/mono/services"), fs.getPath("/mono/agents"));
    }

    @Test
    void aLayoutTakesLogsAndScanRootsFromOrchestratorYaml() {
        ProjectLayout layout = ProjectLayout.of(fs.getPath("/mono"))
                .withLogsDir(fs.getPath("var/log/"))
                .withScanRoots(List.of(fs.getPath("apps")));

        assertThat(layout.logsDir()).isEqualTo(fs.getPath("/mono/var/log"));
        assertThat(layout.absoluteScanRoots()).containsExactly(fs.getPath("/mono/apps"));
        DiscoverySettings settings = layout.settings(List.of("tmp/"), false);
        assertThat(settings).isEqualTo(new DiscoverySettings(fs.getPath("/mono"), List.of(fs.getPath("apps")),
                List.of("tmp/"), false, fs.getPath("/mono/var/log"), fs.getPath("/mono/.orchestrator")));
    }
}
