package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.testing.FixtureProjects;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script's own {@code up -d}: it starts the daemon JVM itself and relays the daemon's start-up report.
 * Run against the test class path ({@code ORCHESTRATOR_CLASSPATH}), so no jar is built.
 */
@NoLeakedProcesses
class LauncherTest {

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {
    }

    private Run launcher(Path cwd, TestProcesses procs, String... args) throws Exception {
        return launcher(cwd, procs, Map.of(), args);
    }

    private Run launcher(Path cwd, TestProcesses procs, Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(QuickCliTest.launcher().toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile())
                .redirectOutput(temp.resolve("out.txt").toFile()).redirectError(temp.resolve("err.txt").toFile());
        pb.environment().putAll(procs.env());
        pb.environment().put("ORCHESTRATOR_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the launcher returned").isTrue();
        return new Run(p.exitValue(), Files.readString(temp.resolve("out.txt")),
                Files.readString(temp.resolve("err.txt")));
    }

    @Test
    void upDetachedPrintsTheDaemonAndItsTableThenARepeatIsRefused(TestProcesses procs) throws Exception {
        Path root = FixtureProjects.copy("control", temp);
        Run up = launcher(temp, procs, "up", "-d", "-C", root.toString());
        long daemon = daemonPid(root, procs);
        try {
            assertThat(up.exit()).as(up.err()).isZero();
            assertThat(up.err()).isEmpty();
            List<String> lines = up.out().lines().toList();
            assertThat(lines.getFirst()).isEqualTo("orchestrator daemon running (pid " + daemon + ") for " + root
                    + "; log: " + root.resolve(".orchestrator/orchestrator.log"));
            assertThat(lines.get(1)).startsWith("NAME ");
            assertThat(lines.subList(2, lines.size())).hasSize(4).allSatisfy(l -> assertThat(l).contains("running"));
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + daemon + "/cwd"))).isEqualTo(root);
            trackApps(root, procs);

            Run ls = launcher(temp, procs, "-C", root.toString(), "ls"); // the project before the verb, git style
            assertThat(ls.exit()).as(ls.err()).isZero();
            assertThat(ls.out().lines().toList()).hasSize(5).first().asString().startsWith("NAME ");
            Run status = launcher(temp, procs, "--project=" + root, "status", "--json");
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(new ObjectMapper().readTree(status.out()).get("apps")).hasSize(4);

            Run again = launcher(root.resolve("services/web"), procs, "-d"); // the root found upwards
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.out()).isEmpty();
            assertThat(again.err()).startsWith("orchestrator: orchestrator for '" + root + "' is already running (pid "
                    + daemon + ",");
        } finally {
            Cli.run("down", "-C", root.toString());
            await().atMost(Duration.ofSeconds(20)).until(() -> !ProcFs.alive(daemon));
        }
    }

    @Test
    void theShortVerbsRunInsideTheDaemonThroughTheThinClientAndTheRestInAJvm(TestProcesses procs) throws Exception {
        Path root = FixtureProjects.copy("control", temp);
        Run up = launcher(temp, procs, "up", "-d", "-C", root.toString());
        long daemon = daemonPid(root, procs);
        try {
            assertThat(up.exit()).as(up.err()).isZero();
            trackApps(root, procs);
            // A JVM cannot start with this option: what still works did not need one.
            Map<String, String> noJvm = Map.of("JAVA_TOOL_OPTIONS", "-XX:+NoSuchOptionForThisTest");
            Run ls = launcher(root.resolve("services/web"), procs, noJvm, "ls", "--json");
            assertThat(ls.exit()).as(ls.err()).isZero();
            assertThat(new ObjectMapper().readTree(ls.out()).get("apps")).hasSize(4);
            Run stop = launcher(temp, procs, noJvm, "stop", "web", "-C", root.toString());
            assertThat(stop.exit()).as(stop.err()).isZero();
            assertThat(stop.out()).isEqualTo(Cli.run("stop", "web", "-C", root.toString()).out());
            Run unknown = launcher(root, procs, noJvm, "restart", "nosuch");
            assertThat(unknown.exit()).isEqualTo(ExitCodes.FAILED);
            assertThat(unknown.err()).isEqualTo(Cli.run("restart", "nosuch", "-C", root.toString()).err());

            Run described = launcher(root, procs, noJvm, "describe", "web"); // not forwarded: a JVM it is
            assertThat(described.exit()).isNotZero();
            assertThat(described.err()).contains("NoSuchOptionForThisTest");
            Map<String, String> off = new java.util.HashMap<>(noJvm);
            off.put("ORCHESTRATOR_QUICK", "0");
            assertThat(launcher(root, procs, off, "ls").err()).contains("NoSuchOptionForThisTest");
            Run viaJvm = launcher(root, procs, Map.of("ORCHESTRATOR_QUICK", "0"), "stop", "web");
            assertThat(viaJvm.exit()).as(viaJvm.err()).isZero();
            assertThat(viaJvm.out()).isEqualTo(stop.out());
        } finally {
            Cli.run("down", "-C", root.toString());
            await().atMost(Duration.ofSeconds(20)).until(() -> !ProcFs.alive(daemon));
        }
    }

    @Test
    void aDaemonThatCannotStartShowsTheEndOfItsLog(TestProcesses procs) throws Exception {
        Path root = Files.createDirectories(temp.resolve("empty/services")).getParent();
        Run up = launcher(temp, procs, "-d", "--project=empty");
        assertThat(up.exit()).isEqualTo(1);
        assertThat(up.out()).isEmpty();
        assertThat(up.err()).startsWith("orchestrator: the orchestrator daemon exited during start-up; the end of its "
                + "log (" + root.resolve(".orchestrator/orchestrator.log") + "):\n")
                .contains("orchestrator: no app to run in " + root);
    }

    @Test
    void formsTheLauncherDoesNotTakeStillReachTheJvm(TestProcesses procs) throws Exception {
        Run missing = launcher(temp, procs, "up", "-d", "-C", "nope");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("orchestrator: project folder 'nope' not found; pass an existing folder "
                + "to -C\n");
        Run clustered = launcher(temp, procs, "up", "-dw", "-C", "nope");
        assertThat(clustered.exit()).isEqualTo(1);
        assertThat(clustered.err()).isEqualTo(missing.err());
    }

    /** The daemon's pid from state.json, tracked so that the leak check covers it. */
    private static long daemonPid(Path root, TestProcesses procs) throws IOException {
        return procs.track(new ObjectMapper().readTree(root.resolve(".orchestrator/state.json").toFile())
                .get("orchestrator_pid").asLong());
    }

    private static void trackApps(Path root, TestProcesses procs) throws IOException {
        for (JsonNode row : Cli.run("ls", "--json", "-C", root.toString()).json().get("apps")) {
            if (row.get("pid").isNumber()) {
                procs.track(row.get("pid").asLong());
            }
        }
    }
}
