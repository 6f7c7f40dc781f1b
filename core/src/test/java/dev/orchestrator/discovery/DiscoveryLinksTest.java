package dev.orchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryLinksTest {

    private final Tree tree = new Tree();

    @AfterEach
    void close() throws IOException {
        tree.close();
    }

    private DiscoveryResult discover(FolderReader reader) {
        return new Discovery(FakePlugin.standard(), FakePlugin.HOST, reader).discover(DiscoverySettings.defaults(tree.root));
    }

    private List<String> problems(DiscoveryResult result) {
        return result.problems().stream().map(p -> p.format(tree.root)).toList();
    }

    @Test
    void symlinksAreFollowedIncludingToFoldersOutsideTheProject() {
        tree.files("../shared/stt/main.py", "../shared/cfg/ecosystem.yaml");
        tree.link("services/stt", "/shared/stt").link("services/g/cfg", "/shared/cfg");

        DiscoveryResult result = discover(FolderReader.DEFAULT);

        assertThat(result.dropIns()).extracting(DropIn::folder).containsExactly(tree.path("services/stt"));
        assertThat(result.descriptors()).containsExactly(tree.path("services/g/cfg/ecosystem.yaml"));
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void aSymlinkLoopIsReportedNamingTheLinkAndTheWalkGoesOn() {
        tree.files("services/a/b/ecosystem.yaml", "services/z/ecosystem.yaml");
        tree.link("services/a/b/loop", "/mono/services/a");

        DiscoveryResult result = discover(FolderReader.DEFAULT);

        assertThat(result.descriptors()).containsExactly(tree.path("services/a/b/ecosystem.yaml"),
                tree.path("services/z/ecosystem.yaml"));
        assertThat(problems(result)).containsExactly("services/a/b/loop:1:1: warning: symlink 'services/a/b/loop' "
                + "makes a loop: it leads back to 'services/a'; not followed (remove the link or add it to "
                + ".orchestratorignore)");
        assertThat(ExplainReport.format(result, tree.root))
                .contains("services/a/b/loop: symlink loop: leads back to services/a");
    }

    @Test
    void aLoopThroughTheProjectRootNamesTheLinkNotTheFolderBehindIt() {
        tree.files("services/a/ecosystem.yaml");
        tree.link("services/up", "/mono");

        DiscoveryResult result = discover(FolderReader.DEFAULT);

        assertThat(result.descriptors()).containsExactly(tree.path("services/a/ecosystem.yaml"));
        assertThat(problems(result)).containsExactly("services/up/services:1:1: warning: symlink 'services/up' makes "
                + "a loop: 'services/up/services' leads back to 'services'; not followed (remove the link or add it "
                + "to .orchestratorignore)");
    }

    @Test
    void aLinkToItselfAndADanglingServiceLinkAreReportedAndTheWalkGoesOn() {
        tree.files("services/ok/ecosystem.yaml");
        tree.link("services/self", "/mono/services/self").link("services/gone", "/nowhere");

        DiscoveryResult result = discover(FolderReader.DEFAULT);

        assertThat(result.descriptors()).containsExactly(tree.path("services/ok/ecosystem.yaml"));
        assertThat(problems(result)).containsExactly(
                "services/gone:1:1: warning: symlink 'services/gone' points to '/nowhere', which does not exist; "
                        + "skipped (fix or remove the link)",
                "services/self:1:1: warning: symlink 'services/self' cannot be followed: IOException (too many "
                        + "levels of symbolic links); skipped (fix or remove it)");
    }

    @Test
    void danglingLinksInsideAServiceAreNotWorthAWarning() {
        tree.files("services/ok/ecosystem.yaml", "services/g/a/b/x.py");
        tree.link("services/ok/.#main.py", "me@host.123:1700000000").link("services/g/a/b/old", "/nowhere");

        DiscoveryResult result = discover(FolderReader.DEFAULT);

        assertThat(result.problems()).isEmpty();
    }

    @Test
    void anUnreadableFolderIsAWarningAndTheWalkGoesOn() {
        tree.files("services/secret/main.py", "services/ok/ecosystem.yaml");
        Path secret = tree.path("services/secret");
        FolderReader reader = dir -> {
            if (dir.equals(secret)) {
                throw new AccessDeniedException(dir.toString());
            }
            return Files.newDirectoryStream(dir);
        };

        DiscoveryResult result = discover(reader);

        assertThat(result.descriptors()).containsExactly(tree.path("services/ok/ecosystem.yaml"));
        assertThat(result.dropIns()).isEmpty();
        assertThat(problems(result)).containsExactly("services/secret:1:1: warning: folder 'services/secret' is "
                + "unreadable: AccessDeniedException (/mono/services/secret); skipped (fix its permissions or add it "
                + "to .orchestratorignore)");
        assertThat(ExplainReport.format(result, tree.root))
                .contains("services/secret: unreadable: AccessDeniedException (/mono/services/secret)");
    }
}
