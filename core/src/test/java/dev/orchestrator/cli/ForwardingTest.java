package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.control.CommandOutcome;
import dev.orchestrator.control.ControlServer;
import dev.orchestrator.control.FakeTarget;
import dev.orchestrator.control.ForwardedCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Command lines forwarded by the launcher's thin client run inside the orchestrator exactly as the CLI runs them in a
 * JVM of its own (the same output and exit code), and everything else is declined. Against a real socket and a fake
 * orchestrator, as ControlVerbsTest.
 */
@Timeout(60)
class ForwardingTest {

    @TempDir
    Path temp;

    private Path root;
    private Path jar;
    private Function<ForwardedCommand, CommandOutcome> forwarding;
    private final FakeTarget target = FakeTarget.sample();
    private ControlServer server;

    @BeforeEach
    void serve() throws IOException {
        root = Files.createDirectories(temp.resolve("mono"));
        Files.createDirectories(root.resolve("services/api"));
        jar = Files.writeString(temp.resolve("orchestrator.jar"), "jar");
        forwarding = Forwarding.handler(root, Forwarding.Build.of(jar.toString()));
        server = target.serveAt(root);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CommandOutcome forward(Path cwd, String... argv) {
        return forwarding.apply(new ForwardedCommand(List.of(argv), cwd, jar.toString()));
    }

    /** The same command line run by the CLI in this JVM, with -C naming the project. */
    private static CommandOutcome inJvm(Path root, String... argv) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        args.addAll(1, List.of("-C", root.toString()));
        Cli cli = Cli.run(args.toArray(String[]::new));
        return CommandOutcome.ran(cli.exit(), cli.out(), cli.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls", "status", "ls --json", "stop api", "start all --json", "restart duck",
            "stop nosuch", "stop nosuch --json", "restart a:b:c"})
    void aForwardedCommandPrintsAndExitsAsTheCliInItsOwnJvm(String line) {
        String[] argv = line.split(" ");
        CommandOutcome forwarded = forward(root, argv);
        assertThat(forwarded.declined()).isEmpty();
        CommandOutcome own = inJvm(root, argv);
        if (line.startsWith("ls") || line.startsWith("status")) { // uptimes may differ by the time between the two
            assertThat(forwarded.stdout().lines().count()).isEqualTo(own.stdout().lines().count()).isGreaterThan(1);
            assertThat(forwarded.stdout()).contains("api", "duck_stt");
        } else {
            assertThat(forwarded).isEqualTo(own);
        }
        assertThat(forwarded.exitCode()).isEqualTo(own.exitCode());
    }

    @Test
    void theOutcomeCarriesTheExitCodeAndBothStreams() {
        assertThat(forward(root, "stop", "nosuch")).satisfies(o -> {
            assertThat(o.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(o.stdout()).isEmpty();
            assertThat(o.stderr()).startsWith("orchestrator: app or namespace 'nosuch' not found: apps are api, web, "
                    + "duck_stt");
        });
        assertThat(forward(root, "restart", "a:b:c").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(forward(root, "stop", "api").stdout()).isEqualTo("stop api:0, api:1\n");
        assertThat(target.callsSnapshot()).containsExactly("stop nosuch", "stop api");
    }

    @Test
    void theProjectIsFoundFromTheClientsFolderAndItsDashCIsRelativeToIt() {
        Path sub = root.resolve("services/api");
        assertThat(forward(sub, "stop", "api").stdout()).isEqualTo("stop api:0, api:1\n");
        assertThat(forward(temp, "stop", "web", "-C", "mono").stdout()).isEqualTo("stop web:0\n");
        assertThat(forward(temp, "-C", "mono", "stop", "web").stdout()).isEqualTo("stop web:0\n");
        assertThat(forward(sub, "stop", "web", "--project=../..").stdout()).isEqualTo("stop web:0\n");
    }

    @Test
    void anotherProjectIsDeclined() throws IOException {
        Path other = Files.createDirectories(temp.resolve("other/services"));
        assertThat(forward(other, "ls").declined()).hasValueSatisfying(why -> assertThat(why)
                .isEqualTo("the command is for another project than " + root));
        assertThat(forward(root, "ls", "-C", other.getParent().toString()).declined()).isPresent();
        assertThat(forward(root, "ls", "-C", "nosuch").declined()).isPresent(); // the CLI's message says so
        assertThat(target.calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"down", "logs", "describe api", "reload", "config", "up", "up -d", "--version", "help",
            "ls -x", "ls --json --json", "stop", "stop api web", "-C", "ls -C"})
    void whatIsNotAPlainFormOfTheShortVerbsIsDeclined(String line) {
        assertThat(forward(root, line.split(" ")).declined()).hasValue("only plain forms of ls, status, start, stop "
                + "and restart are forwarded");
        assertThat(forward(root).declined()).isPresent();
        assertThat(target.calls).isEmpty();
    }

    @Test
    void aClientOfAnotherBuildIsDeclined() throws IOException {
        assertThat(forwarding.apply(new ForwardedCommand(List.of("ls"), root, "/elsewhere/orchestrator.jar"))
                .declined()).hasValueSatisfying(why -> assertThat(why).startsWith("the orchestrator runs another build "
                        + "of the CLI (" + jar + ")"));
        assertThat(forward(root, "ls").declined()).isEmpty();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // the jar was rebuilt
        assertThat(forward(root, "ls").declined()).isPresent();
        assertThat(target.calls).containsExactly("ls");
    }
}
