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

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How node apps are launched: entry files, package.json main, commands, and what is missing. */
class NodePlanTest {

    @TempDir
    Path root;
    Path cwd;
    Path node;
    FakeHost host;
    final NodePlugin plugin = new NodePlugin();

    @BeforeEach
    void layOutAProject() {
        cwd = Fixture.folder(root, "services/js/heartbeat");
        node = executable(root, "bin/node");
        host = new FakeHost(root).with("node", node);
    }

    private LaunchPlan plan() throws PlanException {
        return plugin.plan(request(cwd, host).build());
    }

    @Test
    void anExplicitScriptRunsWithNodeAndItsInterpreterArgsAndArgs() throws PlanException {
        Path script = file(cwd, "server.js");

        LaunchPlan plan = plugin.plan(request(cwd, host).file("server.js")
                .interpreterArgs("--max-old-space-size=512").args("--port", "8080").build());

        assertThat(plan.argv()).containsExactly(node.toString(), "--max-old-space-size=512", script.toString(), "--port", "8080");
        assertThat(plan.envDefaults()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void packageJsonMainNamesTheEntryFile() throws PlanException {
        file(cwd, "package.json", "{\"name\": \"heartbeat\", \"main\": \"src/server.js\"}");
        Path server = file(cwd, "src/server.js");
        file(cwd, "index.js");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(node.toString(), server.toString());
        assertThat(plan.notes()).containsExactly("package.json main: running src/server.js");
    }

    @Test
    void anEsmPackageRunsItsMainFile() throws PlanException {
        file(cwd, "package.json", "{\"type\": \"module\", \"main\": \"src/server.mjs\"}");
        Path server = file(cwd, "src/server.mjs", "export {};\n");

        assertThat(plan().argv()).containsExactly(node.toString(), server.toString());
    }

    @Test
    void aMainNamingAFolderRunsItsIndexFileNeverTheFolder() throws PlanException {
        file(cwd, "package.json", "{\"type\": \"module\", \"main\": \"lib\"}");
        Path index = file(cwd, "lib/index.js");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(node.toString(), index.toString());
        assertThat(plan.notes()).containsExactly("package.json main 'lib' is a folder: running its lib/index.js "
                + "(node is never given a folder: ESM packages fail with ERR_UNSUPPORTED_DIR_IMPORT)");
    }

    @Test
    void aMainOfDotRunsTheFoldersIndexFile() throws PlanException {
        file(cwd, "package.json", "{\"main\": \"./\"}");
        Path index = file(cwd, "index.js");
        file(root, "services/js/heartbeat.js"); // "." plus ".js" must not escape the folder

        assertThat(plan().argv()).containsExactly(node.toString(), index.toString());
    }

    @Test
    void aMainWithoutExtensionIsResolvedLikeNodeDoes() throws PlanException {
        file(cwd, "package.json", "{\"main\": \"server\"}");
        Path server = file(cwd, "server.js");

        assertThat(plan().argv()).containsExactly(node.toString(), server.toString());
    }

    @Test
    void scriptDotInAnEsmPackageRunsTheEntryFileInsteadOfTheFolder() throws PlanException {
        file(cwd, "package.json", "{\"type\": \"module\", \"main\": \"index.js\"}");
        Path index = file(cwd, "index.js");

        LaunchPlan plan = plugin.plan(request(cwd, host).file(".").build());

        assertThat(plan.argv()).containsExactly(node.toString(), index.toString());
        assertThat(plan.notes()).first().isEqualTo("script '.' is a folder: running its entry file instead "
                + "(node is never given a folder: ESM packages fail with ERR_UNSUPPORTED_DIR_IMPORT)");
    }

    @Test
    void withoutMainDistIndexWinsOverIndex() throws PlanException {
        file(cwd, "package.json", "{\"name\": \"proxy\"}");
        Path dist = file(cwd, "dist/index.js");
        file(cwd, "index.js");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(node.toString(), dist.toString());
        assertThat(plan.notes()).containsExactly("no package.json main: running dist/index.js");
    }

    @Test
    void withoutPackageJsonIndexJsRuns() throws PlanException {
        Path index = file(cwd, "index.js");

        assertThat(plan().argv()).containsExactly(node.toString(), index.toString());
    }

    @Test
    void aMissingMainIsAWarningWhenAnotherEntryExists() throws PlanException {
        file(cwd, "package.json", "{\"main\": \"build/app.js\"}");
        Path index = file(cwd, "index.js");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(node.toString(), index.toString());
        assertThat(plan.warnings()).containsExactly("package.json main 'build/app.js' does not exist in services/js/heartbeat; "
                + "looking for dist/index.js, index.js, main.js, server.js instead");
    }

    @Test
    void aMissingMainWithNoOtherEntryFails() {
        file(cwd, "package.json", "{\"main\": \"build/app.js\"}");

        assertThatThrownBy(this::plan).isInstanceOf(PlanException.class)
                .hasMessage("no entry file in services/js/heartbeat: package.json main 'build/app.js' does not exist, "
                        + "and no dist/index.js, index.js, main.js, server.js; set script: to the entry file");
    }

    @Test
    void aFolderWithoutAnyEntryFailsNamingIt() {
        file(cwd, "package.json", "{\"name\": \"x\"}");

        assertThatThrownBy(this::plan).isInstanceOfSatisfying(PlanException.class, e -> {
            assertThat(e.problem()).isEqualTo("no entry file in services/js/heartbeat: no script:, package.json main, "
                    + "dist/index.js, index.js, main.js, server.js");
            assertThat(e.remedy()).isEqualTo("set script: to the entry file");
        });
    }

    @Test
    void invalidPackageJsonFailsWithWhereItBroke() {
        file(cwd, "package.json", "{\"main\": \"index.js\",}");
        file(cwd, "index.js");

        assertThatThrownBy(this::plan).isInstanceOf(PlanException.class)
                .hasMessage("package.json in services/js/heartbeat is not valid JSON: expected '\"' at line 1, column 21; "
                        + "fix the file (node refuses it too)");
    }

    @Test
    void aMissingScriptFileFailsNamingItsPath() {
        assertThatThrownBy(() -> plugin.plan(request(cwd, host).file("srv.js").build()))
                .isInstanceOf(PlanException.class)
                .hasMessage("script 'srv.js' not found: " + cwd.resolve("srv.js")
                        + " does not exist; fix script: (a relative path resolves against the app's cwd)");
    }

    @Test
    void nodeMissingFromPathFails() {
        file(cwd, "index.js");
        host = new FakeHost(root);

        assertThatThrownBy(this::plan).isInstanceOf(PlanException.class)
                .hasMessage("node not found on PATH; install Node.js (apt-get install nodejs) or set interpreter: to a node binary");
    }

    @Test
    void anExplicitInterpreterReplacesNode() throws PlanException {
        Path index = file(cwd, "index.js");
        Path node18 = executable(root, "opt/node18/bin/node");
        host = new FakeHost(root).with("node18", node18);

        LaunchPlan plan = plugin.plan(request(cwd, host).interpreter("node18").build());

        assertThat(plan.argv()).containsExactly(node18.toString(), index.toString());
    }

    @Test
    void interpreterNoneExecsTheScriptItself() throws PlanException {
        Path script = executable(cwd, "bin/serve");
        host = new FakeHost(root);

        assertThat(plugin.plan(request(cwd, host).file("bin/serve").interpreter("none").build()).argv())
                .containsExactly(script.toString());
    }
}
