package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.descriptor.RootConfigReader;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.testing.FixtureProjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectsTest {

    @TempDir
    Path temp;

    @Test
    void aLoadReadsOrchestratorYamlOnceForThePluginFoldersAndTheAppsAlike() {
        Path root = FixtureProjects.copy("promethean", temp);
        List<Path> reads = new ArrayList<>();

        ProjectPlan plan = Projects.load(root, r -> {
            reads.add(r);
            return new RootConfigReader().read(r);
        });

        assertThat(reads).containsExactly(root);
        assertThat(plan.config().defaults().has(dev.orchestrator.descriptor.AppKey.KILL_TIMEOUT)).isTrue();
        assertThat(plan.apps()).isNotEmpty();
    }
}
