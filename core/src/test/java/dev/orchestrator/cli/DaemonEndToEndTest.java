package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.FixtureProjects;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real thing: `up -d` in its own JVM, then every verb through the real socket, then `down`. */
@NoLeakedProcesses
class DaemonEndToEndTest {

    @TempDir
    Path temp;

    Path root;
    TestProcesses procs;
    long daemon;

    private Cli cli(String... args) {
        String[] withRoot = new String[args.length + 2];
        System.arraycopy(args, 0, withRoot, 0, args.length);
        withRoot[args.length] = "-C";
        withRoot[args.length + 1] = root.toString();
        return Cli.run(withRoot);
    }

    @BeforeEach
    void startDaemon(TestProcesses procs) throws Exception {
        this.procs = procs;
        root = FixtureProjects.copy("control", temp);
        List<String> argv = Children.javaFullClasspath(Main.class, "up", "-d", "-C", root.toString());
        Process up = new ProcessBuilder(argv).directory(root.toFile())
                .redirectOutput(temp.resolve("up-d.txt").toFile()).redirectErrorStream(true).start();
        assertThat(up.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(up.exitValue()).as(Files.readString(temp.resolve("up-d.txt"))).isZero();
        assertThat(Files.readString(temp.resolve("up-d.txt"))).contains("orchestrator daemon running (pid ");
        JsonNode state = new ObjectMapper().readTree(root.resolve(".orchestrator/state.json").toFile());
        daemon = procs.track(state.get("orchestrator_pid").asLong());
        pids().values().forEach(procs::track);
    }

    @AfterEach
    void down() {
        if (Files.exists(root.resolve(".orchestrator/orchestrator.sock"))) {
            cli("down");
        }
        // down answers once every app stopped; the daemon's JVM exits right after
        await().atMost(Duration.ofSeconds(20)).until(() -> !ProcFs.alive(daemon));
    }

    /** name:instance -> pid of every running process, from ls --json. */
    private Map<String, Long> pids() throws Exception {
        Map<String, Long> pids = new HashMap<>();
        for (JsonNode row : cli("ls", "--json").json().get("apps")) {
            if (row.get("pid").isNumber()) {
                pids.put(row.get("name").asText() + ":" + row.get("instance").asInt(), row.get("pid").asLong());
            }
        }
        return pids;
    }

    private String status(String name, int instance) throws Exception {
        for (JsonNode row : cli("ls", "--json").json().get("apps")) {
            if (row.get("name").asText().equals(name) && row.get("instance").asInt() == instance) {
                return row.get("status").asText();
            }
        }
        throw new AssertionError("no row " + name + ":" + instance);
    }

    @Test
    void lsListsEveryInstanceRunningWithGroupMemory() throws Exception {
        JsonNode apps = cli("ls", "--json").json().get("apps");
        assertThat(apps).extracting(a -> a.get("name").asText() + ":" + a.get("instance").asInt())
                .containsExactly("bot_a:0", "bot_b:0", "web:0", "web:1");
        for (JsonNode app : apps) {
            assertThat(app.get("status").asText()).isEqualTo("running");
            assertThat(app.get("memory_bytes").asLong()).isPositive();
        }
        assertThat(apps.get(0).get("namespace").asText()).isEqualTo("bot");
    }

    @Test
    void restartingANamespaceRestartsItsAppsOnly() throws Exception {
        Map<String, Long> before = pids();
        Cli result = cli("restart", "bot");
        assertThat(result.exit()).isZero();
        Map<String, Long> after = pids();
        after.values().forEach(procs::track);
        assertThat(after.get("bot_a:0")).isNotEqualTo(before.get("bot_a:0"));
        assertThat(after.get("bot_b:0")).isNotEqualTo(before.get("bot_b:0"));
        assertThat(after.get("web:0")).isEqualTo(before.get("web:0"));
        assertThat(after.get("web:1")).isEqualTo(before.get("web:1"));
    }

    @Test
    void oneInstanceStopsAndStartsWhileTheOtherRuns() throws Exception {
        long other = pids().get("web:0");
        assertThat(cli("stop", "web:1").exit()).isZero();
        assertThat(status("web", 1)).isEqualTo("stopped");
        assertThat(status("web", 0)).isEqualTo("running");
        assertThat(cli("start", "web:1").exit()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> status("web", 1).equals("running"));
        procs.track(pids().get("web:1"));
        assertThat(pids().get("web:0")).isEqualTo(other);
    }

    @Test
    void restartPicksUpAnEditedDescriptor() throws Exception {
        Path descriptor = root.resolve("agents/bot/ecosystem.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replace("ROLE: second", "ROLE: third"));
        assertThat(cli("restart", "bot_b").exit()).isZero();
        // restart answers once the new start is under way; the spawn itself may still be a moment away
        await().atMost(Duration.ofSeconds(20)).until(() -> pids().containsKey("bot_b:0"));
        procs.track(pids().get("bot_b:0"));
        assertThat(cli("describe", "bot_b").out()).contains("ROLE=third");
    }

    @Test
    void unknownNamesFailWithTheNamesThatExist() {
        Cli result = cli("restart", "nope");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("bot_a", "bot_b", "web");
    }

    @Test
    void theSocketIsOnlyForItsOwner() throws Exception {
        Path socket = root.resolve(".orchestrator/orchestrator.sock");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
    }

    @Test
    void aSecondUpIsRefusedWithTheRunningPid() {
        Cli result = cli("up", "-d");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("is already running (pid ");
    }

    @Test
    void downStopsEveryProcessAndLeavesNothing() throws Exception {
        Map<String, Long> running = pids();
        Cli result = cli("down");
        assertThat(result.exit()).isZero();
        for (long pid : running.values()) {
            assertThat(ProcFs.alive(pid)).as("pid " + pid).isFalse();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Files.exists(root.resolve(".orchestrator/orchestrator.sock")));
        assertThat(cli("ls").exit()).isEqualTo(3);
    }
}
