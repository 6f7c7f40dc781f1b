package dev.orchestrator.plugin.support;

import static dev.orchestrator.plugin.support.fixture.Fixture.executable;
import static dev.orchestrator.plugin.support.fixture.Fixture.file;
import static dev.orchestrator.plugin.support.fixture.Fixture.folder;
import static dev.orchestrator.plugin.support.fixture.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.plugin.support.fixture.FakeHost;
import dev.orchestrator.spi.PlanException;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node binary and node scripts; commands from node_modules/.bin are planned in the node plugin's tests. */
class NodeToolsTest {

    @TempDir
    Path root;
    Path cwd;
    FakeHost host;

    @BeforeEach
    void layOutAProject() {
        cwd = folder(root, "services/js/vision");
        host = new FakeHost(root);
    }

    @Test
    void nodeComesFromThePath() throws PlanException {
        Path node = executable(root, "usr/bin/node");
        host.with("node", node);
        Draft draft = new Draft();

        assertThat(NodeTools.node(request(cwd, host).build(), draft)).isEqualTo(node);
        assertThat(draft.build(List.of("x")).notes()).isEmpty();
    }

    @Test
    void anInterpreterIsTheNodeToUseAndSaysSo() throws PlanException {
        Path nvm = executable(cwd, "bin/node20");
        Draft draft = new Draft();

        assertThat(NodeTools.node(request(cwd, host).interpreter("bin/node20").build(), draft)).isEqualTo(nvm);
        assertThat(draft.build(List.of("x")).notes())
                .containsExactly("interpreter: bin/node20 given: using " + nvm + " as node");
    }

    @Test
    void withoutNodeOnThePathPlanningFailsWithTheRemedy() {
        assertThatThrownBy(() -> NodeTools.node(request(cwd, host).build(), new Draft()))
                .isInstanceOf(PlanException.class)
                .hasMessage("node not found on PATH; "
                        + "install Node.js (apt-get install nodejs) or set interpreter: to a node binary");
    }

    @Test
    void nodeArgvPutsInterpreterArgsBeforeTheEntryAndArgsAfter() {
        Path node = Path.of("/usr/bin/node");
        Path entry = cwd.resolve("server.js");

        assertThat(NodeTools.nodeArgv(node, entry, request(cwd, host).interpreterArgs("--inspect").args("-p", "1").build()))
                .containsExactly("/usr/bin/node", "--inspect", entry.toString(), "-p", "1");
    }

    @Test
    void onlyPlainNodeShebangsCount() {
        assertThat(NodeTools.isNodeScript(file(cwd, "a", "#!/usr/bin/env node\n"))).isTrue();
        assertThat(NodeTools.isNodeScript(file(cwd, "b", "#!/usr/local/bin/node\nx"))).isTrue();
        assertThat(NodeTools.isNodeScript(file(cwd, "c", "#!/bin/sh\nexec node x"))).isFalse();
        assertThat(NodeTools.isNodeScript(file(cwd, "d", "#!/usr/bin/env -S node --flag\n"))).isFalse();
        assertThat(NodeTools.isNodeScript(file(cwd, "e", "console.log(1)\n"))).isFalse();
    }

    @Test
    void anUnreadableFileIsNotANodeScript() {
        assertThat(NodeTools.isNodeScript(cwd.resolve("missing"))).isFalse();
    }
}
