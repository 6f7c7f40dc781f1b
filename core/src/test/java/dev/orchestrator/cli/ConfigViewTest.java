package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigViewTest {

    @Test
    void theConfigViewShowsPathsUnderTheRootRelativeToIt() {
        Path root = Path.of("/repo");
        assertThat(ConfigView.relative(root, Path.of("/repo/services/a/ecosystem.yaml")))
                .isEqualTo("services/a/ecosystem.yaml");
        assertThat(ConfigView.relative(root, Path.of("/repo"))).isEqualTo("/repo");
        assertThat(ConfigView.relative(root, Path.of("/repository/x"))).isEqualTo("/repository/x");
        assertThat(ConfigView.relative(root, Path.of("/elsewhere/logs/a.log"))).isEqualTo("/elsewhere/logs/a.log");
        assertThat(ConfigView.relative(Path.of("/"), Path.of("/srv/app"))).isEqualTo("srv/app");
        assertThat(ConfigView.relative(root, Path.of("/repo/a/../b"))).isEqualTo("a/../b");
    }
}
