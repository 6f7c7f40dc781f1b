package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.control.ControlServer;
import dev.orchestrator.control.FakeTarget;
import dev.orchestrator.control.SocketLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code logs} over files written in a temp project, with no orchestrator running unless a test starts one. */
@Timeout(60)
class LogsCommandTest {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path root;

    private Path log(String name, String... lines) throws IOException {
        Path file = root.resolve("logs").resolve(name);
        Files.createDirectories(file.getParent());
        String text = lines.length == 0 ? "" : String.join("\n", lines) + "\n";
        if (name.endsWith(".gz")) {
            try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
                gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(file, text);
        }
        return file;
    }

    private static void mtime(Path file, Instant at) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(at));
    }

    private static String stamp(Instant at) {
        return STAMP.format(LocalDateTime.ofInstant(at, ZoneId.systemDefault()));
    }

    private Cli logs(String... args) {
        List<String> all = new ArrayList<>(List.of("-C", root.toString(), "logs"));
        all.addAll(List.of(args));
        List<String> line = new ArrayList<>(all.subList(2, 3));
        line.addAll(all.subList(0, 2));
        line.addAll(all.subList(3, all.size()));
        return Cli.run(line.toArray(String[]::new));
    }

    private void rotatedApi() throws IOException {
        Instant now = Instant.now();
        mtime(log("api-out.log.2.gz", "l1", "l2"), now.minusSeconds(300));
        mtime(log("api-out.log.1", "l3", "l4"), now.minusSeconds(200));
        log("api-out.log", "l5");
        log("api-err.log", "e1");
    }

    @Test
    void rotatedAndGzippedFilesAreReadOldestFirst() throws IOException {
        rotatedApi();
        assertThat(logs("api", "--out")).isEqualTo(new Cli(0, """
                api | l1
                api | l2
                api | l3
                api | l4
                api | l5
                """, ""));
    }

    @Test
    void linesTakesTheLastLinesAcrossFilesThenStderr() throws IOException {
        rotatedApi();
        assertThat(logs("api", "--lines", "3").out()).isEqualTo("""
                api | l3
                api | l4
                api | l5
                api | e1
                """);
        assertThat(logs("api", "--lines", "1", "--out").out()).isEqualTo("api | l5\n");
    }

    @Test
    void theDefaultIsTheLast15LinesOfEachStream() throws IOException {
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            many.add("n" + i);
        }
        log("api-out.log", many.toArray(String[]::new));
        List<String> out = logs().out().lines().toList();
        assertThat(out).hasSize(15);
        assertThat(out.getFirst()).isEqualTo("api | n26");
        assertThat(out.getLast()).isEqualTo("api | n40");
    }

    @Test
    @Timeout(30)
    void aTailOfAHugeFileReadsOnlyItsEnd() throws IOException {
        Path file = log("api-out.log");
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(8L << 30); // 8 GiB, sparse: reading it all would take minutes and the @Timeout fails
            raf.seek(raf.length());
            raf.write("\nlast but one\nlast\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(logs("api", "--lines", "2").out()).isEqualTo("api | last but one\napi | last\n");
    }

    @Test
    void errShowsOnlyStderr() throws IOException {
        rotatedApi();
        assertThat(logs("api", "--err").out()).isEqualTo("api | e1\n");
    }

    @Test
    void grepKeepsMatchingLinesFromEveryFile() throws IOException {
        rotatedApi();
        assertThat(logs("api", "--grep", "l[24]|e").out()).isEqualTo("""
                api | l2
                api | l4
                api | e1
                """);
        assertThat(logs("api", "--grep", "l[0-9]", "--lines", "2", "--out").out()).isEqualTo("api | l4\napi | l5\n");
    }

    @Test
    void sinceUsesLeadingTimestampsAndKeepsContinuationLinesWithTheirLine() throws IOException {
        Instant now = Instant.now();
        mtime(log("api-out.log.1.gz", stamp(now.minusSeconds(7200)) + " very old"), now.minusSeconds(7000));
        log("api-out.log", stamp(now.minusSeconds(3600)) + " old", "  old trace", stamp(now.minusSeconds(300))
                + " new", "  new trace", stamp(now.minusSeconds(60)) + " newer");
        String expected = "api | " + stamp(now.minusSeconds(300)) + " new\napi |   new trace\napi | "
                + stamp(now.minusSeconds(60)) + " newer\n";
        assertThat(logs("api", "--since", "10m")).isEqualTo(new Cli(0, expected, ""));
        assertThat(logs("api", "--since", "10m", "--lines", "100").out()).isEqualTo(expected);
        assertThat(logs("api", "--since", "10m", "--lines", "2").out()).isEqualTo("api |   new trace\napi | "
                + stamp(now.minusSeconds(60)) + " newer\n");
        assertThat(logs("api", "--since", "3h", "--lines", "100").out().lines()).hasSize(6);
    }

    @Test
    void sinceUsesTimestampsInsideGzippedFilesToo() throws IOException {
        Instant now = Instant.now();
        log("api-out.log.1.gz", stamp(now.minusSeconds(3600)) + " old", stamp(now.minusSeconds(120)) + " recent");
        log("api-out.log", stamp(now.minusSeconds(30)) + " now");
        assertThat(logs("api", "--since", "5m", "--lines", "10").out()).isEqualTo("api | "
                + stamp(now.minusSeconds(120)) + " recent\napi | " + stamp(now.minusSeconds(30)) + " now\n");
    }

    @Test
    void sinceFallsBackToFileTimesAndSaysSo() throws IOException {
        Instant now = Instant.now();
        mtime(log("api-out.log.1", "from yesterday"), now.minus(Duration.ofDays(1)));
        log("api-out.log", "today");
        Cli cli = logs("api", "--since", "1h");
        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).isEqualTo("api | today\n");
        assertThat(cli.err()).isEqualTo("note: --since used file modification times for logs/api-out.log: their lines "
                + "carry no timestamps (set log_date_format to filter line by line)\n");
        assertThat(logs("api", "--since", "2d").out()).isEqualTo("api | from yesterday\napi | today\n");
    }

    @Test
    void labelsArePaddedAndInstancesLabelledLikeTheConsole() throws IOException {
        log("api-out.log", "a");
        log("web-0-out.log", "w0");
        log("web-1-out.log", "w1");
        log("duck_stt-err.log", "d");
        assertThat(logs().out()).isEqualTo("""
                api      | a
                duck_stt | d
                web-0    | w0
                web-1    | w1
                """);
        assertThat(logs("web:1").out()).isEqualTo("web-1 | w1\n");
        assertThat(logs("web").out()).isEqualTo("web-0 | w0\nweb-1 | w1\n");
        assertThat(logs("api:0").out()).isEqualTo("api | a\n");
    }

    @Test
    void jsonPrintsOneObjectPerLine() throws IOException {
        log("web-0-out.log");
        log("web-1-out.log", "w1");
        log("api-err.log", "boom \"quoted\"");
        assertThat(logs("--json").out()).isEqualTo("""
                {"schema":1,"app":"api","instance":null,"stream":"err","line":"boom \\"quoted\\""}
                {"schema":1,"app":"web","instance":1,"stream":"out","line":"w1"}
                """);
    }

    @Test
    void anUnknownNameExits1ListingTheAppsWithLogs() throws IOException {
        log("api-out.log", "a");
        log("web-err.log", "w");
        Cli cli = logs("nope");
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("orchestrator: app or namespace 'nope' has no logs in logs: apps with log files "
                + "are api, web; check the name with 'orchestrator config'\n");
    }

    @Test
    void aNamespaceIsResolvedByTheRunningOrchestrator() throws IOException {
        log("duck_stt-out.log", "quack");
        log("api-out.log", "a");
        try (ControlServer server = ControlServer.start(SocketLocation.forServer(root, Map.of(), 1),
                FakeTarget.sample(), "9.9.9")) {
            assertThat(logs("duck")).isEqualTo(new Cli(0, "duck_stt | quack\n", ""));
        }
    }

    @Test
    void aNamespaceIsResolvedFromTheDescriptorsWhenNothingRuns() throws IOException {
        Files.createDirectories(root.resolve("agents/duck"));
        Files.writeString(root.resolve("agents/duck/ecosystem.yaml"), """
                apps:
                  - name: duck_a
                    script: ./a.sh
                    runtime: shell
                """);
        Files.writeString(root.resolve("agents/duck/a.sh"), "#!/bin/sh\nsleep 1\n");
        log("duck_a-out.log", "quack");
        log("api-out.log", "a");
        assertThat(logs("duck")).isEqualTo(new Cli(0, "duck_a | quack\n", ""));
    }

    @Test
    void theLogsFolderComesFromOrchestratorYaml() throws IOException {
        Files.writeString(root.resolve("orchestrator.yaml"), "logs: var/log\n");
        Files.createDirectories(root.resolve("var/log"));
        Files.writeString(root.resolve("var/log/api-out.log"), "here\n");
        assertThat(logs("api").out()).isEqualTo("api | here\n");
    }

    @Test
    void noLogsFolderExits1AndAnEmptyOneIsANote() throws IOException {
        Cli missing = logs();
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("orchestrator: log folder 'logs' not found in " + root + ": nothing was "
                + "logged yet; start the apps with 'orchestrator up'\n");
        Files.createDirectories(root.resolve("logs"));
        assertThat(logs()).isEqualTo(new Cli(0, "", "note: no log files in logs yet; start the apps with "
                + "'orchestrator up'\n"));
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        log("api-out.log", "a");
        assertThat(logs("--out", "--err")).isEqualTo(new Cli(2, "", "orchestrator: --out and --err exclude each other; "
                + "give one, or neither for both\n"));
        assertThat(logs("--grep", "(").exit()).isEqualTo(2);
        assertThat(logs("--grep", "(").err()).startsWith("orchestrator: --grep '(' is not a valid regular expression: ");
        assertThat(logs("--since", "soon")).isEqualTo(new Cli(2, "", "orchestrator: --since 'soon' is not valid: write "
                + "a duration (10m, 2h, 1h30m, 1d) or a time (2026-11-27T10:00, 2026-11-27 10:00:00, 2026-11-27)\n"));
        assertThat(logs("api:x").exit()).isEqualTo(2);
    }

    @Test
    void followPrintsNewLinesAcrossARotationExactlyOnce() throws Exception {
        Path active = log("api-out.log", "l1", "l2");
        Files.writeString(active, "l3 still being writ", StandardOpenOption.APPEND);
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread follower = Thread.ofPlatform().start(() -> exit.set(Main.run(new String[] {"logs", "-C",
                root.toString(), "api", "--lines", "1", "--follow"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true))));
        await().until(() -> out.toString().contains("api | l2\n"));
        Files.writeString(active, "ten\nl4\n", StandardOpenOption.APPEND);
        await().until(() -> out.toString().contains("api | l4\n"));
        Files.writeString(active, "l5\n", StandardOpenOption.APPEND);
        Files.move(active, active.resolveSibling("api-out.log.1"), StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(active, "l6\nl7 in two ");
        await().until(() -> out.toString().contains("api | l6\n"));
        Files.writeString(active, "parts\n", StandardOpenOption.APPEND);
        await().until(() -> out.toString().contains("api | l7 in two parts\n"));
        follower.interrupt();
        follower.join();
        assertThat(exit).hasValue(0);
        assertThat(out.toString()).isEqualTo("""
                api | l2
                api | l3 still being written
                api | l4
                api | l5
                api | l6
                api | l7 in two parts
                """);
    }
}
