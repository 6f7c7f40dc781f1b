package dev.orchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.descriptor.Problem;
import dev.orchestrator.descriptor.SourcePosition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryClaimsTest {

    private final Tree tree = new Tree();

    @AfterEach
    void close() throws IOException {
        tree.close();
    }

    private DiscoveryResult discover() {
        return new Discovery(FakePlugin.standard(), FakePlugin.HOST).discover(DiscoverySettings.defaults(tree.root));
    }

    @Test
    void aClaimedDropInIsDroppedAndExplainedAsClaimed() {
        tree.files("services/stt/Pipfile", "services/tts/main.py", "agents/duck/ecosystem.yaml");
        DiscoveryResult found = discover();

        DiscoveryResult claimed = found.withoutClaimed(Map.of(
                tree.path("agents/duck/../../services/stt"), "app 'duck_voice' in agents/duck/ecosystem.yaml"));

        assertThat(claimed.dropIns()).extracting(DropIn::folder).containsExactly(tree.path("services/tts"));
        assertThat(claimed.descriptors()).isEqualTo(found.descriptors());
        assertThat(claimed.explanationOf(tree.path("services/stt"))).contains(new Explanation(tree.path("services/stt"),
                Verdict.CLAIMED, "claimed by app 'duck_voice' in agents/duck/ecosystem.yaml"));
        assertThat(ExplainReport.format(claimed, tree.root)).containsExactly(
                "agents/duck: descriptor ecosystem.yaml",
                "services/stt: claimed by app 'duck_voice' in agents/duck/ecosystem.yaml",
                "services/tts: drop-in python (main.py)");
    }

    @Test
    void aClaimedTieIsNoLongerWarnedAbout() {
        tree.files("services/amb/package.json", "services/amb/run.sh", "services/other/package.json",
                "services/other/run.sh");
        DiscoveryResult found = discover();
        assertThat(found.problems()).hasSize(2);

        DiscoveryResult claimed = found.withoutClaimed(Map.of(tree.path("services/amb"), "app 'a' in x/ecosystem.yaml"));

        assertThat(claimed.problems()).extracting(p -> p.format(tree.root)).containsExactly("services/other:1:1: "
                + "warning: drop-in 'services/other' is ambiguous: tie between node (80: package.json) and "
                + "shell (80: run.sh); add an ecosystem.yaml naming runtime:");
        assertThat(claimed.explanationOf(tree.path("services/amb"))).map(Explanation::verdict).contains(Verdict.CLAIMED);
    }

    @Test
    void aFolderWithItsOwnDescriptorStaysADescriptorWhenClaimed() {
        tree.files("services/stt/ecosystem.yaml", "services/g/sub/main.py");
        DiscoveryResult found = discover();

        DiscoveryResult claimed = found.withoutClaimed(Map.of(tree.path("services/stt"), "app 'x' in y",
                tree.path("services/g"), "app 'z' in y"));

        assertThat(claimed).isEqualTo(found);
    }

    @Test
    void claimsKeepErrorsAndUnrelatedWarnings() {
        Path stt = tree.path("services/stt");
        DiscoveryResult found = new DiscoveryResult(List.of(), List.of(),
                List.of(new Explanation(stt, Verdict.DROP_IN, "drop-in python (main.py)")),
                List.of(Problem.error(SourcePosition.startOf(stt), "an error"),
                        Problem.warning(SourcePosition.startOf(stt), "a plugin failed"),
                        Problem.warning(SourcePosition.startOf(tree.path("services/x")), "elsewhere")));

        DiscoveryResult claimed = found.withoutClaimed(Map.of(stt, "app 'a'"));

        assertThat(claimed.problems()).extracting(Problem::message).containsExactly("an error", "elsewhere");
    }
}
