package dev.orchestrator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryScaleTest {

    private final Tree tree = new Tree();

    @AfterEach
    void close() throws IOException {
        tree.close();
    }

    @Test
    void tenThousandServiceFoldersAreAllFound() throws IOException {
        // 100 groups of 100 services; odd ones have a descriptor, even ones are python drop-ins with a venv to skip
        for (int g = 0; g < 100; g++) {
            for (int s = 0; s < 100; s++) {
                Path svc = Files.createDirectories(tree.path("services/g" + g + "/s" + s + "/src"));
                Files.writeString(svc.resolve(s % 2 == 1 ? "../ecosystem.yaml" : "../main.py"), "");
                if (s % 2 == 0) {
                    Files.createDirectories(svc.resolveSibling(".venv/lib"));
                }
            }
        }

        DiscoveryResult result = new Discovery(FakePlugin.standard(), FakePlugin.HOST)
                .discover(DiscoverySettings.defaults(tree.root));

        assertThat(result.descriptors()).hasSize(5_000);
        assertThat(result.dropIns()).hasSize(5_000).allSatisfy(d -> assertThat(d.runtimeId()).isEqualTo("python"));
        assertThat(result.explanations()).hasSize(10_100);
        assertThat(result.problems()).isEmpty();
    }
}
