package dev.orchestrator.plugin.node;

import static dev.orchestrator.plugin.support.fixture.Fixture.executable;
import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static dev.orchestrator.plugin.support.fixture.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.plugin.support.fixture.FakeHost;
import dev.orchestrator.plugin.support.fixture.Fixture;
import dev.orchestrator.spi.LaunchPlan;
import dev.orchestrator.spi.PlanException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands such as {@code next}: from node_modules/.bin (the app's or a hoisted one), else PATH. */
class NodeCommandTest {

    @TempDir
    Path root;
    Path cwd;
    Path node;
    FakeHost host;
    final NodePlugin plugin = new NodePlugin();

    @BeforeEach
    void layOutAProject() {
        cwd = Fixture.folder(root, "services/js/vision");
        node = executable(root, "bin/node");
        host = new FakeHost(root).with("node", node);
    }

    private Path nodeScript(Path dir, String relative) throws Exception {
        Path file = file(dir, relative, "#!/usr/bin/env node\nrequire('../next/dist/bin/next');\n");
        return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aNodeScriptInNodeModulesBinRunsWithNode() throws Exception {
        Path next = nodeScript(cwd, "node_modules/.bin/next");

        LaunchPlan plan = plugin.plan(request(cwd, host).command("next").interpreterArgs("--inspect").args("start").build());

        assertThat(plan.argv()).containsExactly(node.toString(), "--inspect", next.toString(), "start");
        assertThat(plan.notes()).containsExactly("'next' is a command: running services/js/vision/node_modules/.bin/next with node");
    }

    @Test
    void aHoistedNodeModulesBinAtTheProjectRootIsFound() throws Exception {
        Path next = nodeScript(root, "node_modules/.bin/next");

        assertThat(plugin.plan(request(cwd, host).command("next").build()).argv())
                .containsExactly(node.toString(), next.toString());
    }

    @Test
    void aShellWrapperInNodeModulesBinIsExecdItself() throws PlanException {
        Path wrapper = executable(cwd, "node_modules/.bin/serve");

        LaunchPlan plan = plugin.plan(request(cwd, host).command("serve").interpreterArgs("--inspect").build());

        assertThat(plan.argv()).containsExactly(wrapper.toString());
        assertThat(plan.warnings()).containsExactly("interpreter_args [--inspect] are ignored: 'serve' is exec'd itself, not through node");
    }

    @Test
    void aCommandNotInNodeModulesComesFromPath() throws PlanException {
        Path pm = executable(root, "usr/bin/http-server");
        host.with("http-server", pm);

        assertThat(plugin.plan(request(cwd, host).command("http-server").args("-p", "8080").build()).argv())
                .containsExactly(pm.toString(), "-p", "8080");
    }

    @Test
    void aCommandFoundNowhereFails() {
        assertThatThrownBy(() -> plugin.plan(request(cwd, host).command("next").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("'next' not found in node_modules/.bin or on PATH; "
                        + "run npm install in services/js/vision, or give the full path in script:");
    }
}
