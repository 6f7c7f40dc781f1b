package dev.orchestrator.plugin.typescript;

import static dev.orchestrator.plugin.support.fixture.Fixture.executable;
import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static dev.orchestrator.plugin.support.fixture.Fixture.modified;
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
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How TypeScript apps are launched: compiled output, tsx, type stripping, or a refusal with the remedy. */
class TypeScriptPlanTest {

    static final Instant BUILT = Instant.parse("2025-06-01T12:00:00Z");
    static final Instant BEFORE = BUILT.minusSeconds(3600);
    static final Instant AFTER = BUILT.plusSeconds(60);

    @TempDir
    Path root;
    Path cwd;
    Path node;
    FakeHost host;
    final TypeScriptPlugin plugin = new TypeScriptPlugin();

    @BeforeEach
    void layOutAProject() {
        cwd = Fixture.folder(root, "services/ts/llm");
        file(cwd, "tsconfig.json", "{}");
        node = executable(root, "bin/node");
        host = new FakeHost(root).with("node", node).version("node", "20.20.2");
    }

    private LaunchPlan plan() throws PlanException {
        return plugin.plan(request(cwd, host).build());
    }

    @Test
    void packageJsonMainIntoDistRunsTheCompiledOutputWithNode() throws PlanException {
        file(cwd, "package.json", "{\"main\": \"dist/server.js\"}");
        Path server = file(cwd, "dist/server.js");
        modified(file(cwd, "src/server.ts"), BEFORE);
        modified(server, BUILT);

        LaunchPlan plan = plugin.plan(request(cwd, host).args("--port", "7000").build());

        assertThat(plan.argv()).containsExactly(node.toString(), server.toString(), "--port", "7000");
        assertThat(plan.notes()).containsExactly("package.json main: running the compiled dist/server.js with node");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void distIndexRunsWithAWarningWhenASourceFileIsNewer() throws PlanException {
        Path index = file(cwd, "dist/index.js");
        modified(index, BUILT);
        modified(file(cwd, "src/index.ts"), BEFORE);
        modified(file(cwd, "src/lib/util.ts"), AFTER);

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(node.toString(), index.toString());
        assertThat(plan.warnings()).containsExactly("src/ is newer than dist/index.js; run the build (npx tsc) or the old code runs");
    }

    @Test
    void anExplicitJavaScriptScriptIsCheckedForStalenessToo() throws PlanException {
        Path out = file(cwd, "build/main.js");
        modified(out, BUILT);
        modified(file(cwd, "src/main.ts"), AFTER);

        LaunchPlan plan = plugin.plan(request(cwd, host).file("build/main.js").build());

        assertThat(plan.argv()).containsExactly(node.toString(), out.toString());
        assertThat(plan.warnings()).containsExactly("src/ is newer than build/main.js; run the build (npx tsc) or the old code runs");
    }

    @Test
    void withoutCompiledOutputTsxRunsTheSourceEntry() throws PlanException {
        file(cwd, "package.json", "{\"main\": \"dist/index.js\"}");
        Path entry = file(cwd, "src/index.ts");
        Path tsx = executable(cwd, "node_modules/.bin/tsx");

        LaunchPlan plan = plugin.plan(request(cwd, host).interpreterArgs("--inspect").args("--verbose").build());

        assertThat(plan.argv()).containsExactly(tsx.toString(), "--inspect", entry.toString(), "--verbose");
        assertThat(plan.notes()).containsExactly("package.json main 'dist/index.js' is not built yet",
                "no compiled output: running services/ts/llm/src/index.ts with services/ts/llm/node_modules/.bin/tsx");
    }

    @Test
    void aHoistedTsxAtTheProjectRootRunsARootIndexTs() throws PlanException {
        Path entry = file(cwd, "index.ts");
        Path tsx = executable(root, "node_modules/.bin/tsx");

        assertThat(plan().argv()).containsExactly(tsx.toString(), entry.toString());
    }

    @Test
    void aMainNamingTypeScriptSourceIsNotCompiledOutput() throws PlanException {
        file(cwd, "package.json", "{\"main\": \"src/index.ts\"}");
        Path entry = file(cwd, "src/index.ts");
        Path tsx = executable(cwd, "node_modules/.bin/tsx");

        assertThat(plan().argv()).containsExactly(tsx.toString(), entry.toString());
    }

    @Test
    void anExplicitTypeScriptScriptRunsFromSourceEvenWhenDistExists() throws PlanException {
        file(cwd, "dist/index.js");
        Path worker = file(cwd, "src/worker.ts");
        Path tsx = executable(cwd, "node_modules/.bin/tsx");

        assertThat(plugin.plan(request(cwd, host).file("src/worker.ts").build()).argv())
                .containsExactly(tsx.toString(), worker.toString());
    }

    @Test
    void node22Point6StripsTypesWithANoteOnWhatDoesNotWork() throws PlanException {
        Path entry = file(cwd, "src/index.ts");
        host.version("node", "22.6.0");

        LaunchPlan plan = plan();

        assertThat(plan.argv()).containsExactly(node.toString(), "--experimental-strip-types", entry.toString());
        assertThat(plan.notes()).containsExactly("no compiled output and no tsx: node 22.6.0 runs services/ts/llm/src/index.ts "
                + "with --experimental-strip-types, which only erases types: enums, namespaces and tsc-style `./x.js` "
                + "imports of .ts files do not work that way (add tsx or build with npx tsc if the app uses them)");
    }

    @Test
    void node20RefusesWithTheRemedy() {
        file(cwd, "src/index.ts");

        assertThatThrownBy(this::plan).isInstanceOfSatisfying(PlanException.class, e -> {
            assertThat(e.problem()).isEqualTo("cannot run TypeScript in services/ts/llm: no compiled output (dist/), "
                    + "no node_modules/.bin/tsx, and node 20.20.2 is older than 22.6");
            assertThat(e.remedy()).isEqualTo("run `npm install` there (with tsx as a dependency), or build with `npx tsc`, "
                    + "or install Node >= 22.6");
        });
    }

    @Test
    void aNodeThatDoesNotReportItsVersionIsRefusedToo() {
        file(cwd, "src/index.ts");
        host = new FakeHost(root).with("node", node);

        assertThatThrownBy(this::plan).isInstanceOf(PlanException.class).hasMessageStartingWith(
                "cannot run TypeScript in services/ts/llm: no compiled output (dist/), no node_modules/.bin/tsx, "
                        + "and node did not report its version (22.6 or newer is needed); ");
    }

    @Test
    void anExplicitInterpreterIsTheNodeWhoseVersionCounts() throws PlanException {
        Path entry = file(cwd, "src/index.ts");
        Path node24 = executable(root, "opt/node24/bin/node");
        host.with("node24", node24).version("node24", "24.1.0");

        LaunchPlan plan = plugin.plan(request(cwd, host).interpreter("node24").build());

        assertThat(plan.argv()).containsExactly(node24.toString(), "--experimental-strip-types", entry.toString());
    }

    @Test
    void versionsFrom22Point6OnStripTypes() {
        assertThat(TypeScriptSource.stripsTypes("22.6.0")).isTrue();
        assertThat(TypeScriptSource.stripsTypes("22.12.0")).isTrue();
        assertThat(TypeScriptSource.stripsTypes("v23.0.0")).isTrue();
        assertThat(TypeScriptSource.stripsTypes("22.5.1")).isFalse();
        assertThat(TypeScriptSource.stripsTypes("20.20.2")).isFalse();
        assertThat(TypeScriptSource.stripsTypes("weird")).isFalse();
    }

    @Test
    void aFolderWithoutOutputOrEntryFailsNamingIt() {
        file(cwd, "src/app.ts");

        assertThatThrownBy(this::plan).isInstanceOf(PlanException.class).hasMessage("no TypeScript entry in services/ts/llm: "
                + "no compiled output (package.json main, dist/index.js), no script:, src/index.ts or index.ts; "
                + "set script: to the entry file, or build the app (npx tsc)");
    }

    @Test
    void aCommandComesFromNodeModulesBin() throws Exception {
        Path tsNode = file(cwd, "node_modules/.bin/ts-node", "#!/usr/bin/env node\n");
        Files.setPosixFilePermissions(tsNode, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(plugin.plan(request(cwd, host).command("ts-node").args("src/index.ts").build()).argv())
                .containsExactly(node.toString(), tsNode.toString(), "src/index.ts");
    }

    @Test
    void nodeMissingFromPathFails() {
        file(cwd, "dist/index.js");
        host = new FakeHost(root);

        assertThatThrownBy(this::plan).isInstanceOf(PlanException.class)
                .hasMessage("node not found on PATH; install Node.js (apt-get install nodejs) or set interpreter: to a node binary");
    }

    @Test
    void interpreterNoneExecsTheScriptItself() throws PlanException {
        Path script = executable(cwd, "bin/start");

        assertThat(plugin.plan(request(cwd, host).file("bin/start").interpreter("none").build()).argv())
                .containsExactly(script.toString());
    }
}
