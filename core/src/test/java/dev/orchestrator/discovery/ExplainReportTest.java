package dev.orchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.spi.Detection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainReportTest {

    @Test
    void linesArePathsRelativeToTheRootThenTheReasonInAbsolutePathOrder() {
        Path root = Path.of("/mono");
        DiscoveryResult result = new DiscoveryResult(List.of(),
                List.of(new DropIn(root.resolve("services/py/stt"), "python", Detection.of(100, "Pipfile"))),
                List.of(new Explanation(root.resolve("services/py/stt"), Verdict.DROP_IN, "drop-in python (Pipfile)"),
                        new Explanation(Path.of("/shared/x"), Verdict.DESCRIPTOR, "descriptor ecosystem.yaml"),
                        new Explanation(root.resolve("agents"), Verdict.SKIPPED, "scan root not found")),
                List.of());

        assertThat(ExplainReport.format(result, root)).containsExactly(
                "agents: scan root not found",
                "services/py/stt: drop-in python (Pipfile)",
                "/shared/x: descriptor ecosystem.yaml");
    }

    @Test
    void aDropInIsNamedAfterItsFolder() {
        assertThat(new DropIn(Path.of("/mono/services/py/stt"), "python", Detection.of(60, "main.py")).appName())
                .isEqualTo("stt");
    }
}
