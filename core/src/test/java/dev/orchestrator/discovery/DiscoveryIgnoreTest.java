package dev.orchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryIgnoreTest {

    private final Tree tree = new Tree();
    private final FakePlugin python = new FakePlugin("python", "main.py", 60);

    @AfterEach
    void close() throws IOException {
        tree.close();
    }

    private DiscoveryResult discover(List<String> globs) {
        return new Discovery(List.of(python), FakePlugin.HOST)
                .discover(ProjectLayout.of(tree.root).settings(globs, true));
    }

    private List<String> explained(DiscoveryResult result) {
        return ExplainReport.format(result, tree.root);
    }

    @Test
    void globsFromOrchestratorYamlAreGitignorePatternsRelativeToTheRoot() {
        tree.files("services/old-a/main.py", "services/g/old-b/ecosystem.yaml", "services/keep/main.py",
                "agents/scratch/x/ecosystem.yaml", "services/g/scratch/ecosystem.yaml");

        DiscoveryResult result = discover(List.of("old-*", "/agents/scratch/"));

        assertThat(result.descriptors()).containsExactly(tree.path("services/g/scratch/ecosystem.yaml"));
        assertThat(result.dropIns()).extracting(DropIn::folder).containsExactly(tree.path("services/keep"));
        assertThat(explained(result)).containsExactly(
                "agents/scratch: ignored by orchestrator.yaml ignore: '/agents/scratch/'",
                "services/g: group: no plugin recognised it, so its sub-folders are candidates",
                "services/g/old-b: ignored by orchestrator.yaml ignore: 'old-*'",
                "services/g/scratch: descriptor ecosystem.yaml",
                "services/keep: drop-in python (main.py)",
                "services/old-a: ignored by orchestrator.yaml ignore: 'old-*'");
        assertThat(python.calls).doesNotContainKeys(tree.path("services/old-a"), tree.path("services/g/old-b"));
    }

    @Test
    void theRootIgnoreFileSupportsCommentsNegationAndAnchoring() {
        tree.write(".orchestratorignore", """
                # experiments are not services
                experiments/
                exp-*
                !exp-keep
                /services/legacy
                """);
        tree.files("services/experiments/main.py", "services/g/experiments/ecosystem.yaml",
                "services/exp-1/main.py", "services/exp-keep/main.py",
                "services/legacy/main.py", "services/g/legacy/main.py");

        DiscoveryResult result = discover(List.of());

        assertThat(result.descriptors()).isEmpty();
        assertThat(result.dropIns()).extracting(DropIn::folder)
                .containsExactly(tree.path("services/exp-keep"), tree.path("services/g/legacy"));
        assertThat(explained(result)).containsExactly(
                "services/exp-1: ignored by .orchestratorignore:3 'exp-*'",
                "services/exp-keep: drop-in python (main.py)",
                "services/experiments: ignored by .orchestratorignore:2 'experiments/'",
                "services/g: group: no plugin recognised it, so its sub-folders are candidates",
                "services/g/experiments: ignored by .orchestratorignore:2 'experiments/'",
                "services/g/legacy: drop-in python (main.py)",
                "services/legacy: ignored by .orchestratorignore:5 '/services/legacy'");
    }

    @Test
    void aTrailingSlashPatternIgnoresFoldersOnlyWhileAPlainOneAlsoIgnoresDescriptorFiles() {
        tree.write(".orchestratorignore", "ecosystem.yaml/\necosystem.json\n");
        tree.files("services/a/ecosystem.yaml", "services/b/ecosystem.json", "services/b/main.py");

        DiscoveryResult result = discover(List.of());

        assertThat(result.descriptors()).containsExactly(tree.path("services/a/ecosystem.yaml"));
        assertThat(result.dropIns()).extracting(DropIn::folder).containsExactly(tree.path("services/b"));
    }

    @Test
    void aNestedIgnoreFileAppliesToItsSubtreeOnlyAndOverridesTheRoot() {
        tree.write(".orchestratorignore", "tmp\n");
        tree.write("services/g/.orchestratorignore", "/drafts\n!tmp\n");
        tree.files("services/g/drafts/ecosystem.yaml", "services/g/sub/drafts/ecosystem.yaml",
                "services/g/tmp/ecosystem.yaml", "services/h/drafts/ecosystem.yaml", "services/h/tmp/ecosystem.yaml");

        DiscoveryResult result = discover(List.of());

        assertThat(result.descriptors()).containsExactly(tree.path("services/g/sub/drafts/ecosystem.yaml"),
                tree.path("services/g/tmp/ecosystem.yaml"), tree.path("services/h/drafts/ecosystem.yaml"));
        assertThat(explained(result)).contains(
                "services/g/drafts: ignored by services/g/.orchestratorignore:1 '/drafts'",
                "services/h/tmp: ignored by .orchestratorignore:1 'tmp'");
    }

    @Test
    void anIgnoreFileInsideAScanRootAppliesFromThatFolderDown() {
        tree.write("services/.orchestratorignore", "/wip/\n");
        tree.files("services/wip/main.py", "services/g/wip/main.py");

        DiscoveryResult result = discover(List.of());

        assertThat(result.dropIns()).extracting(DropIn::folder).containsExactly(tree.path("services/g/wip"));
        assertThat(explained(result)).contains("services/wip: ignored by services/.orchestratorignore:1 '/wip/'");
    }

    @Test
    void aScanRootCanItselfBeIgnored() {
        tree.write(".orchestratorignore", "agents\n");
        tree.files("agents/duck/ecosystem.yaml");

        DiscoveryResult result = discover(List.of());

        assertThat(result.descriptors()).isEmpty();
        assertThat(explained(result)).containsExactly("agents: ignored by .orchestratorignore:1 'agents'");
    }

    @Test
    void aGlobalIgnoreCanBeReincludedByAnIgnoreFileBelowIt() {
        tree.write("services/.orchestratorignore", "!vendor\n");
        tree.files("services/vendor/main.py");

        DiscoveryResult result = discover(List.of("vendor"));

        assertThat(result.dropIns()).extracting(DropIn::folder).containsExactly(tree.path("services/vendor"));
    }
}
