package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.supervisor.InstanceLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The hand parser takes only the plain forms, and gives what picocli gives for them. */
class QuickCliTest {

    private static final Map<String, String> UP = Map.of("-w", "watch", "--watch", "watch", "-d", "detach",
            "--detach", "detach");

    @TempDir
    Path temp;

    private static QuickCli.Parsed parse(String line) {
        return QuickCli.parse(line.isEmpty() ? List.of() : Arrays.asList(line.split(" ")), UP, 0, 9);
    }

    @Test
    void plainFormsGiveTheProjectTheFlagsAndTheNames() {
        QuickCli.Parsed p = parse("-d web --watch -C /srv/app bot");
        assertThat(p.project()).isEqualTo(Path.of("/srv/app"));
        assertThat(p.flags()).containsExactlyInAnyOrder("detach", "watch");
        assertThat(p.positionals()).containsExactly("web", "bot");
        assertThat(parse("--project=rel/dir").project()).isEqualTo(Path.of("rel/dir"));
        assertThat(parse("-C=x").project()).isEqualTo(Path.of("x"));
        assertThat(parse("").flags()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-dw", "-d -d", "--watch -w", "-C", "-C a -C b", "-C -d", "-C=", "--project=-x",
            "--", "-- web", "@args.txt", "-x", "-h", "--help", "-Cdir", "-C @file"})
    void anythingElseIsLeftToPicocli(String line) {
        assertThat(parse(line)).isNull();
    }

    @Test
    void thePositionalCountMustFit() {
        assertThat(QuickCli.parse(List.of(), Map.of(), 1, 1)).isNull();
        assertThat(QuickCli.parse(List.of("a", "b"), Map.of(), 1, 1)).isNull();
        assertThat(QuickCli.parse(List.of("a"), Map.of(), 1, 1).positionals()).containsExactly("a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-C dir ls|ls -C dir", "--project dir stop web --json|stop --project dir web --json",
        "-C=dir restart all|restart -C=dir all", "--project=dir up -d|up --project=dir -d",
        "-C dir config --explain|config -C dir --explain", "-C dir --version|--version", "-C=dir help ls|help ls",
        "--project dir -h|-h", "-C dir -d web|-C dir -d web", "-C dir web|-C dir web", "-C dir|-C dir", "-C|-C",
        "ls -C dir|ls -C dir", "-d -C dir ls|-d -C dir ls", "-C a -C b ls|-C a -C b ls"})
    void aProjectOptionBeforeTheVerbMovesBehindIt(String given, String expected) {
        assertThat(QuickCli.verbFirst(given.split(" "))).containsExactly(expected.split(" "));
    }

    @Test
    void theVerbsArePicoclisSubcommandsAndTheLaunchersList() throws Exception {
        Set<String> picocli = new CommandLine(new Main()).getSubcommands().keySet();
        assertThat(QuickCli.VERBS).containsExactlyInAnyOrderElementsOf(picocli);
        Matcher verbs = Pattern.compile("(?m)^verbs=\" (.*) \"$").matcher(Files.readString(launcher()));
        assertThat(verbs.find()).as("the launcher's verbs= line").isTrue();
        assertThat(verbs.group(1).split(" ")).containsExactlyInAnyOrderElementsOf(picocli);
    }

    /** The same command line through Entry (the quick path) and through picocli alone. */
    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "ls -C {nothing}", "status --json -C {nothing}",
            "stop web -C {nothing}", "start all --json --project {nothing}", "restart web:1 -C={nothing}",
            "down -C {nothing}", "stop bad:selector:x -C {nothing}", "stop web -C {missing}", "ls -C {missing}",
            "up -d -C {missing}", "-d -C {missing}", "web -w -d -C {missing}", "up -d -C {running}",
            "-C {nothing} ls", "--project={nothing} stop web --json", "-C={missing} down", "-C {missing} up -d",
            "--project {running} -d", "-C {nothing} --version"})
    void theQuickPathSaysWhatPicocliSays(String line) throws Exception {
        Path nothing = Files.createDirectories(temp.resolve("project/services"));
        Path running = Files.createDirectories(temp.resolve("running/services"));
        String[] args = line.replace("{nothing}", nothing.getParent().toString())
                .replace("{missing}", temp.resolve("missing").toString())
                .replace("{running}", running.getParent().toString()).split(" ");
        try (var lock = InstanceLock.acquire(running.getParent().resolve(".orchestrator"))) {
            assertThat(QuickCli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))
                    .as("taken by the quick path").isPresent();
            assertThat(through(Entry::run, args)).isEqualTo(through(Main::run, args));
        }
    }

    /** Forms only picocli parses take the project option before the verb too. */
    @ParameterizedTest
    @ValueSource(strings = {"config --json -C {nothing}|-C {nothing} config --json",
            "describe web -C {nothing}|--project={nothing} describe web", "ls -C {nothing} -x|-C={nothing} ls -x",
            "help ls|-C {nothing} help ls", "--help|--project {nothing} --help", "up -x -C {nothing}|-C {nothing} up -x"})
    void picocliTakesTheProjectBeforeTheVerb(String lines) throws Exception {
        Path nothing = Files.createDirectories(temp.resolve("project/services")).getParent();
        String[] pair = lines.replace("{nothing}", nothing.toString()).split("\\|");
        String[] after = pair[0].split(" ");
        String[] before = pair[1].split(" ");
        assertThat(QuickCli.run(before, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))
                .as("left to picocli").isEmpty();
        assertThat(through(Entry::run, before)).isEqualTo(through(Main::run, after));
    }

    private interface Runner {
        int run(String[] args, PrintWriter out, PrintWriter err);
    }

    private static String through(Runner runner, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = runner.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return "exit " + exit + "\nout:\n" + out + "\nerr:\n" + err;
    }

    static Path launcher() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("orchestrator")) && Files.isDirectory(dir.resolve("core"))) {
                return dir.resolve("orchestrator");
            }
        }
        throw new AssertionError("no ./orchestrator launcher above " + Path.of("").toAbsolutePath());
    }
}
