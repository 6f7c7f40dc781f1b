package dev.orchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.spi.Detection;
import dev.orchestrator.spi.HostContext;
import dev.orchestrator.spi.RuntimePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A scan root's first-level folders are walked on several threads: the result must not show it. */
class DiscoveryParallelTest {

    private final Tree tree = new Tree();

    @AfterEach
    void close() throws IOException {
        tree.close();
    }

    /** 40 groups of mixed content: descriptors, drop-ins, conflicts, ignored and never-walked folders. */
    private void mixedTree() {
        for (int g = 0; g < 40; g++) {
            String group = "services/g" + g + "/";
            tree.files(group + "desc/ecosystem.yaml", group + "desc/src/nested/ecosystem.json",
                    group + "drop/main.py", group + "drop/node_modules/x/ecosystem.yaml",
                    group + "both/ecosystem.yaml", group + "both/ecosystem.yml", group + "empty/");
        }
        tree.files("services/solo/package.json", "agents/duck/ecosystem.yaml");
    }

    private static List<String> lines(DiscoveryResult r) {
        List<String> out = new ArrayList<>();
        r.descriptors().forEach(d -> out.add("descriptor " + d));
        r.dropIns().forEach(d -> out.add("drop-in " + d.folder() + " " + d.runtimeId()));
        r.explanations().forEach(e -> out.add("explain " + e.folder() + " " + e.verdict() + " " + e.reason()));
        r.problems().forEach(p -> out.add("problem " + p.position() + " " + p.message()));
        return out;
    }

    @Test
    void everyWalkOfTheSameTreeGivesTheSameResultInTheSameOrder() {
        mixedTree();
        Discovery discovery = new Discovery(FakePlugin.standard(), FakePlugin.HOST);

        List<String> first = lines(discovery.discover(DiscoverySettings.defaults(tree.root)));
        for (int i = 0; i < 10; i++) {
            assertThat(lines(discovery.discover(DiscoverySettings.defaults(tree.root)))).isEqualTo(first);
        }
        DiscoveryResult result = discovery.discover(DiscoverySettings.defaults(tree.root));
        assertThat(result.descriptors()).hasSize(40 * 2 + 1).isSorted();
        assertThat(result.dropIns()).hasSize(41);
        assertThat(result.problems()).hasSize(40).allSatisfy(p -> assertThat(p.message()).endsWith(
                "has 2 descriptors: ecosystem.yaml and ecosystem.yml; keep one (none of them is loaded)"));
        assertThat(result.explanations()).extracting(Explanation::folder).isSorted();
    }

    @Test
    void pluginFailuresOnEveryThreadAreAllReported() {
        for (int g = 0; g < 30; g++) {
            tree.files("services/s" + g + "/app.bin");
        }
        RuntimePlugin failing = new FakePlugin("flaky") {
            @Override
            public Detection detect(Path folder, HostContext host) {
                throw new IllegalStateException("boom in " + folder.getFileName());
            }
        };

        DiscoveryResult result = new Discovery(List.of(failing), FakePlugin.HOST)
                .discover(DiscoverySettings.defaults(tree.root));

        assertThat(result.problems()).hasSize(30);
        assertThat(result.problems().getFirst().message()).isEqualTo("plugin 'flaky' failed to detect 'services/s0': "
                + "IllegalStateException (boom in s0); its answer is ignored");
    }

    @Test
    void neverWalkedFoldersAreStillExplainedWhereAServiceCouldBe() throws IOException {
        tree.files("services/node_modules/x/main.py", "services/g/venv/main.py", "services/g/a/main.py",
                "services/g/a/node_modules/ecosystem.yaml");

        DiscoveryResult result = new Discovery(FakePlugin.standard(), FakePlugin.HOST)
                .discover(DiscoverySettings.defaults(tree.root));

        assertThat(ExplainReport.format(result, tree.root)).contains(
                "services/node_modules: skipped: node_modules is never scanned",
                "services/g/venv: skipped: venv is never scanned");
        assertThat(result.descriptors()).isEmpty();
        assertThat(Files.isDirectory(tree.path("services/g/a/node_modules"))).isTrue();
    }

    @Test
    void aListingLeavesSkippedNamesOutWithoutLookingAtThem() throws IOException {
        tree.files("services/a/main.py", "services/a/node_modules/", "services/a/src/");
        Path folder = tree.path("services/a");

        FolderListing all = FolderListing.read(FolderReader.DEFAULT, folder, Set.of());
        FolderListing some = FolderListing.read(FolderReader.DEFAULT, folder, Discovery.NEVER_WALKED);

        assertThat(all.entries()).extracting(FolderListing.Entry::name).containsExactly("main.py", "node_modules", "src");
        assertThat(some.entries()).extracting(FolderListing.Entry::name).containsExactly("main.py", "src");
        assertThat(some.folders()).extracting(FolderListing.Entry::name).containsExactly("src");
    }
}
