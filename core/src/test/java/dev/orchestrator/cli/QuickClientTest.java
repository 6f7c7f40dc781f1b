package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orchestrator.control.CommandOutcome;
import dev.orchestrator.control.ControlServer;
import dev.orchestrator.control.FakeTarget;
import dev.orchestrator.control.ForwardedCommand;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's thin client (core/src/main/c/quick.c), built with the system's C compiler, against a real socket and
 * a fake orchestrator: what it sends, what it prints, its exit codes, and exit 125 (run the JVM instead) whenever the
 * command did not run in the orchestrator.
 */
@Timeout(60)
@NoLeakedProcesses
class QuickClientTest {

    private static final int NOT_HERE = 125;

    @TempDir
    static Path build;

    private static Path client;

    @TempDir
    Path root;

    private final FakeTarget target = FakeTarget.sample();
    private ControlServer server;

    @BeforeAll
    static void compile() throws Exception {
        assumeTrue(onPath("cc"), "no C compiler (cc) on PATH: the launcher then always runs the JVM client");
        client = build.resolve("orchestrator-quick");
        Path source = Path.of(System.getProperty("user.dir")).resolve("src/main/c/quick.c");
        Process cc = new ProcessBuilder("cc", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-o",
                client.toString(), source.toString()).redirectErrorStream(true).start();
        String messages = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cc.waitFor()).as(messages).isZero();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private void serve() throws IOException {
        server = target.serveAt(root);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Run(int exit, byte[] out, byte[] err) {
        String stdout() {
            return new String(out, StandardCharsets.UTF_8);
        }

        String stderr() {
            return new String(err, StandardCharsets.UTF_8);
        }
    }

    private Run quick(TestProcesses procs, Path cwd, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(client.toString(), root.toString(), "/o/orchestrator.jar"));
        command.addAll(List.of(args));
        Path errFile = Files.createTempFile(build, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectError(errFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(procs.env());
        Process p = procs.track(pb.start());
        byte[] out = p.getInputStream().readAllBytes(); // ends when the client exits (it starts nothing)
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readAllBytes(errFile));
    }

    @Test
    void itSendsTheCommandLineItsFolderAndClassPathAndPrintsTheOutcome(TestProcesses procs) throws Exception {
        serve();
        String out = "NAME  STATUS\napi   running \u00e9\u4e2d\ud83d\ude00 \"q\" back\\slash\ttab\u001b[0m\n";
        target.commands = c -> CommandOutcome.ran(2, out, "orchestrator: careful\n");
        Path cwd = Files.createDirectories(root.resolve("services/api"));
        Run run = quick(procs, cwd, "stop", "a \"b\" \\c\nd", "\u00e9\ud83d\ude00", "");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEqualTo(out);
        assertThat(run.stderr()).isEqualTo("orchestrator: careful\n");
        assertThat(target.forwarded).containsExactly(new ForwardedCommand(
                List.of("stop", "a \"b\" \\c\nd", "\u00e9\ud83d\ude00", ""), cwd.toRealPath(), "/o/orchestrator.jar"));
    }

    @Test
    void exitCodesPassThroughAndLargeOutputsArriveWhole(TestProcesses procs) throws Exception {
        serve();
        String big = "x".repeat(99) + "\n";
        for (int code : new int[] {0, 1, 3}) {
            target.commands = c -> CommandOutcome.ran(code, big.repeat(3000), "");
            Run run = quick(procs, root, "ls");
            assertThat(run.exit()).isEqualTo(code);
            assertThat(run.stdout()).isEqualTo(big.repeat(3000));
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void anOutputThatCannotBeWrittenKeepsTheExitCodeSoTheCommandIsNotRunTwice(TestProcesses procs) throws Exception {
        serve();
        target.commands = c -> CommandOutcome.ran(0, "restarted api:0\n", "");
        ProcessBuilder pb = new ProcessBuilder(client.toString(), root.toString(), "/o/orchestrator.jar", "restart",
                "api").directory(root.toFile()).redirectOutput(new File("/dev/full")); // every write: ENOSPC
        pb.environment().putAll(procs.env());
        Process p = procs.track(pb.start());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero(); // not 125, which would make the launcher restart api again in a JVM
        assertThat(target.forwarded).hasSize(1);
    }

    @Test
    void aDeclinedCommandExits125AndPrintsNothing(TestProcesses procs) throws Exception {
        serve();
        Run run = quick(procs, root, "logs", "-f");
        assertThat(run.exit()).isEqualTo(NOT_HERE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(target.forwarded).hasSize(1);
    }

    @Test
    void withoutARunningOrchestratorItExits125(TestProcesses procs) throws Exception {
        assertThat(quick(procs, root, "ls").exit()).isEqualTo(NOT_HERE); // no socket
        Path socket = Files.createDirectories(root.resolve(".orchestrator")).resolve("orchestrator.sock");
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists(); // left behind by an orchestrator that died: connection refused
        Run run = quick(procs, root, "ls");
        assertThat(run.exit()).isEqualTo(NOT_HERE);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void itFollowsTheSocketPointerOfADeepProject(TestProcesses procs) throws Exception {
        root = Files.createDirectories(root.resolve("d".repeat(60)).resolve("e".repeat(60)));
        serve();
        assertThat(root.resolve(".orchestrator/socket")).exists(); // the socket lives elsewhere
        target.commands = c -> CommandOutcome.ran(0, "deep\n", "");
        assertThat(quick(procs, root, "ls").stdout()).isEqualTo("deep\n");
    }

    @Test
    void anOrchestratorThatDoesNotKnowTheOpGetsTheJvm(TestProcesses procs) throws Exception {
        serve();
        target.commands = c -> {
            throw new IllegalStateException("boom"); // an error line, as from an orchestrator without op "cli"
        };
        assertThat(quick(procs, root, "ls").exit()).isEqualTo(NOT_HERE);
    }
}
