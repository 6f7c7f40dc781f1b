package dev.orchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.spi.RuntimePlugin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiscoveryTest {

    private final Tree tree = new Tree();
    private List<RuntimePlugin> plugins = FakePlugin.standard();

    @AfterEach
    void close() throws IOException {
        tree.close();
    }

    private DiscoveryResult discover() {
        return discover(DiscoverySettings.defaults(tree.root));
    }

    private DiscoveryResult discover(DiscoverySettings settings) {
        return new Discovery(plugins, FakePlugin.HOST).discover(settings);
    }

    private List<String> explained(DiscoveryResult result) {
        return ExplainReport.format(result, tree.root);
    }

    private List<String> problems(DiscoveryResult result) {
        return result.problems().stream().map(p -> p.format(tree.root)).toList();
    }

    private List<String> dropIns(DiscoveryResult result) {
        return result.dropIns().stream()
                .map(d -> tree.root.relativize(d.folder()) + "=" + d.runtimeId() + "(" + d.detection().reason() + ")")
                .toList();
    }

    @Test
    void descriptorsAreFoundAtAnyDepthUnderEveryScanRoot() {
        tree.files("services/a/ecosystem.yaml", "services/g/b/c/ecosystem.yml", "services/g/b/c/d/e/ecosystem.json",
                "agents/duck/ecosystem.yaml", "other/x/ecosystem.yaml");

        DiscoveryResult result = discover();

        assertThat(result.descriptors()).containsExactly(tree.path("agents/duck/ecosystem.yaml"),
                tree.path("services/a/ecosystem.yaml"), tree.path("services/g/b/c/d/e/ecosystem.json"),
                tree.path("services/g/b/c/ecosystem.yml"));
        assertThat(explained(result)).containsExactly(
                "agents/duck: descriptor ecosystem.yaml",
                "services/a: descriptor ecosystem.yaml",
                "services/g: group: no plugin recognised it, so its sub-folders are candidates",
                "services/g/b: not recognised by any plugin (python, node, shell)",
                "services/g/b/c: descriptor ecosystem.yml",
                "services/g/b/c/d/e: descriptor ecosystem.json");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void dropInsAreDetectedAtDepthOneAndTwoButNotThree() {
        tree.files("services/stt/Pipfile", "services/stt/main.py", "services/web/group/api/package.json",
                "services/py/tts/main.py", "services/py/deep/er/run.sh");

        DiscoveryResult result = discover();

        assertThat(dropIns(result)).containsExactly("services/py/tts=python(main.py)",
                "services/stt=python(Pipfile and main.py)");
        assertThat(explained(result)).containsExactly(
                "services/py: group: no plugin recognised it, so its sub-folders are candidates",
                "services/py/deep: not recognised by any plugin (python, node, shell)",
                "services/py/tts: drop-in python (main.py)",
                "services/stt: drop-in python (Pipfile and main.py)",
                "services/web: group: no plugin recognised it, so its sub-folders are candidates",
                "services/web/group: not recognised by any plugin (python, node, shell)");
        assertThat(result.descriptors()).isEmpty();
    }

    @Test
    void theMostConfidentPluginWins() {
        tree.files("services/both/Pipfile", "services/both/package.json");

        assertThat(dropIns(discover())).containsExactly("services/both=python(Pipfile)");
    }

    @Test
    void nothingIsDetectedInsideAServiceButItsNestedDescriptorsStillCount() {
        tree.files("services/desc/ecosystem.yaml", "services/desc/worker/main.py",
                "services/desc/inner/ecosystem.yaml",
                "services/drop/package.json", "services/drop/tools/run.sh", "services/drop/lib/x/ecosystem.json",
                "services/g/svc/ecosystem.yaml", "services/g/svc/sub/main.py");
        FakePlugin python = (FakePlugin) plugins.getFirst();

        DiscoveryResult result = discover();

        assertThat(dropIns(result)).containsExactly("services/drop=node(package.json)");
        assertThat(result.descriptors()).containsExactly(tree.path("services/desc/ecosystem.yaml"),
                tree.path("services/desc/inner/ecosystem.yaml"), tree.path("services/drop/lib/x/ecosystem.json"),
                tree.path("services/g/svc/ecosystem.yaml"));
        assertThat(python.calls.keySet()).containsExactlyInAnyOrder(tree.path("services/drop"), tree.path("services/g"));
    }

    @Test
    void aFolderWithItsOwnDescriptorIsNeverADropIn() {
        tree.files("services/stt/ecosystem.yaml", "services/stt/Pipfile");

        DiscoveryResult result = discover();

        assertThat(result.dropIns()).isEmpty();
        assertThat(explained(result)).containsExactly("services/stt: descriptor ecosystem.yaml");
        assertThat(((FakePlugin) plugins.getFirst()).calls).isEmpty();
    }

    @Test
    void eachPluginIsAskedOncePerCandidateFolder() {
        tree.files("services/a/main.py", "services/g/b/run.sh", "services/g/c/", "services/g/c/d/");

        discover();

        for (RuntimePlugin p : plugins) {
            FakePlugin fake = (FakePlugin) p;
            assertThat(fake.calls.keySet()).containsExactlyInAnyOrder(tree.path("services/a"), tree.path("services/g"),
                    tree.path("services/g/b"), tree.path("services/g/c"));
            assertThat(fake.calls.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        }
    }

    @Test
    void aTieIsReportedAndTheFolderIsNotStartedNorLookedInto() {
        tree.files("services/amb/package.json", "services/amb/run.sh", "services/amb/sub/main.py");

        DiscoveryResult result = discover();

        assertThat(result.dropIns()).isEmpty();
        assertThat(explained(result)).containsExactly("services/amb: tie between node (80: package.json) and "
                + "shell (80: run.sh); add an ecosystem.yaml naming runtime:");
        assertThat(problems(result)).containsExactly("services/amb:1:1: warning: drop-in 'services/amb' is ambiguous: "
                + "tie between node (80: package.json) and shell (80: run.sh); add an ecosystem.yaml naming runtime:");
        assertThat(result.explanations().getFirst().verdict()).isEqualTo(Verdict.TIE);
    }

    @Test
    void detectFalseFindsOnlyDescriptors() {
        tree.files("services/stt/main.py", "services/g/api/package.json", "services/g/svc/ecosystem.yaml");

        DiscoveryResult result = discover(ProjectLayout.of(tree.root).settings(List.of(), false));

        assertThat(result.dropIns()).isEmpty();
        assertThat(result.descriptors()).containsExactly(tree.path("services/g/svc/ecosystem.yaml"));
        assertThat(explained(result)).containsExactly(
                "services/g: drop-in detection is off (detect: false)",
                "services/g/api: drop-in detection is off (detect: false)",
                "services/g/svc: descriptor ecosystem.yaml",
                "services/stt: drop-in detection is off (detect: false)");
        assertThat(((FakePlugin) plugins.getFirst()).calls).isEmpty();
    }

    @Test
    void twoDescriptorsInOneFolderAreAnErrorNamingBothAndNeitherIsLoaded() {
        tree.files("services/x/ecosystem.yaml", "services/x/ecosystem.json", "services/x/main.py",
                "services/y/ecosystem.yml");

        DiscoveryResult result = discover();

        assertThat(result.descriptors()).containsExactly(tree.path("services/y/ecosystem.yml"));
        assertThat(result.dropIns()).isEmpty();
        assertThat(result.hasErrors()).isTrue();
        assertThat(problems(result)).containsExactly("services/x/ecosystem.json:1:1: error: folder 'services/x' has "
                + "2 descriptors: ecosystem.json and ecosystem.yaml; keep one (none of them is loaded)");
        assertThat(explained(result)).contains(
                "services/x: descriptors ecosystem.json and ecosystem.yaml conflict: none is loaded");
    }

    @Test
    void aMissingScanRootIsExplainedAndNotAnError() {
        tree.files("services/a/ecosystem.yaml").delete("agents");

        DiscoveryResult result = discover();

        assertThat(explained(result)).containsExactly("agents: scan root not found",
                "services/a: descriptor ecosystem.yaml");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void aScanRootThatIsAFileIsExplained() {
        tree.delete("agents").files("agents");

        assertThat(explained(discover())).containsExactly("agents: scan root is not a folder");
    }

    @Test
    void everyListIsSortedByPath() {
        tree.files("services/zz/main.py", "services/aa/main.py", "services/mm/ecosystem.yaml",
                "services/bb/ecosystem.yaml", "agents/b/ecosystem.yaml", "agents/a/ecosystem.yaml");

        DiscoveryResult result = discover();

        assertThat(result.descriptors()).isSorted();
        assertThat(result.dropIns()).extracting(DropIn::folder).isSorted();
        assertThat(result.explanations()).extracting(Explanation::folder).isSorted();
        assertThat(explained(result).getFirst()).isEqualTo("agents/a: descriptor ecosystem.yaml");
    }

    @Test
    void aPluginThatThrowsIsNamedAndTheOthersStillDecide() {
        plugins = List.of(new FakePlugin("python", "main.py", 60) {
            @Override
            public dev.orchestrator.spi.Detection detect(Path folder, dev.orchestrator.spi.HostContext host) {
                throw new IllegalStateException("boom");
            }
        }, new FakePlugin("shell", "run.sh", 80));
        tree.files("services/a/main.py", "services/a/run.sh");

        DiscoveryResult result = discover();

        assertThat(dropIns(result)).containsExactly("services/a=shell(run.sh)");
        assertThat(problems(result)).containsExactly("services/a:1:1: warning: plugin 'python' failed to detect "
                + "'services/a': IllegalStateException (boom); its answer is ignored");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node_modules", ".git", ".venv", "venv", "__pycache__", "target"})
    void builtInFoldersAreNeverWalked(String name) {
        tree.files("services/" + name + "/main.py", "services/" + name + "/x/ecosystem.yaml",
                "services/app/ecosystem.yaml", "services/app/" + name + "/ecosystem.yaml",
                "services/g/" + name + "/ecosystem.yaml", "services/g/" + name + "/main.py");

        DiscoveryResult result = discover();

        assertThat(result.descriptors()).containsExactly(tree.path("services/app/ecosystem.yaml"));
        assertThat(result.dropIns()).isEmpty();
        assertThat(explained(result)).containsExactlyInAnyOrder(
                "services/" + name + ": skipped: " + name + " is never scanned",
                "services/app: descriptor ecosystem.yaml",
                "services/g: group: no plugin recognised it, so its sub-folders are candidates",
                "services/g/" + name + ": skipped: " + name + " is never scanned");
    }

    @Test
    void theLogsAndStateFoldersAreNeverWalkedEvenInsideAScanRoot() {
        tree.files("services/logs/ecosystem.yaml", "services/state/ecosystem.yaml", "services/a/out/ecosystem.yaml");
        DiscoverySettings settings = new DiscoverySettings(tree.root, List.of(tree.fs.getPath("services")), List.of(),
                true, tree.path("services/a/out"), tree.path("services/state"));

        DiscoveryResult result = discover(settings);

        assertThat(result.descriptors()).containsExactly(tree.path("services/logs/ecosystem.yaml"));
        assertThat(explained(result)).containsExactly(
                "services/a: group: no plugin recognised it, so its sub-folders are candidates",
                "services/a/out: skipped: the logs folder",
                "services/logs: descriptor ecosystem.yaml",
                "services/state: skipped: the orchestrator's state folder");
    }
}
