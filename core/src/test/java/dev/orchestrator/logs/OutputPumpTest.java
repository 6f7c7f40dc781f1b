package dev.orchestrator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plan.RotateSpec;
import dev.orchestrator.process.ProcessLauncher;
import dev.orchestrator.process.SpawnRequest;
import dev.orchestrator.process.SpawnedProcess;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.LineSplittingStream;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import dev.orchestrator.testing.children.Chatty;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NoLeakedProcesses
class OutputPumpTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aMillionLinesReachTheFileIntactAndInOrderAndTheConsoleExactlyOnce(TestProcesses procs) throws Exception {
        AtomicLong consoleLines = new AtomicLong();
        List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
        byte[] prefix = "chatty | ".getBytes(StandardCharsets.US_ASCII);
        ConsolePrinter console = new ConsolePrinter(new LineSplittingStream(line -> {
            long i = consoleLines.getAndIncrement();
            byte[] expected = concat(prefix, chattyLine(i, 100, true));
            if (!Arrays.equals(line, expected) && consoleErrors.size() < 3) {
                consoleErrors.add("console line " + i + ": " + new String(line, StandardCharsets.UTF_8));
            }
        }), false);
        Path out = dir.resolve("chatty-out.log");

        run(procs, console, Children.java(Chatty.class, "1000000", "100"), out, false, null, null);
        console.close(Duration.ofSeconds(60));

        assertChattyFile(List.of(out), 1_000_000, 100);
        assertThat(consoleErrors).isEmpty();
        assertThat(consoleLines).hasValue(1_000_000);
    }

    @Test
    void addsANewlineToALastLineThatHasNone(TestProcesses procs) throws Exception {
        Path input = Files.writeString(dir.resolve("in"), "first\nno newline at the end");
        Path out = dir.resolve("out.log");
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        ConsolePrinter printer = new ConsolePrinter(
                new LineSplittingStream(l -> console.add(new String(l, StandardCharsets.UTF_8))), false);

        run(procs, printer, List.of("cat", input.toString()), out, false, null, null);
        printer.close(Duration.ofSeconds(10));

        assertThat(Files.readString(out)).isEqualTo("first\nno newline at the end\n");
        assertThat(console).containsExactly("cat | first", "cat | no newline at the end");
    }

    @Test
    void passesAFourMegabyteLineOfInvalidUtf8ByteForByte(TestProcesses procs) throws Exception {
        byte[] bytes = new byte[4 << 20];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (0x80 | (i % 64)); // continuation bytes with no lead byte: invalid UTF-8
        }
        byte[] input = concat(concat("start\n".getBytes(StandardCharsets.US_ASCII), bytes), new byte[] {'\n'});
        Path in = Files.write(dir.resolve("in"), input);
        List<byte[]> console = Collections.synchronizedList(new ArrayList<>());
        ConsolePrinter printer = new ConsolePrinter(new LineSplittingStream(console::add), false);
        Path raw = dir.resolve("raw.log");
        Path dated = dir.resolve("dated.log");

        run(procs, printer, List.of("cat", in.toString()), raw, false, null, null);
        run(procs, null, List.of("cat", in.toString()), dated, true,
                DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC), null);
        printer.close(Duration.ofSeconds(10));

        assertThat(Files.readAllBytes(raw)).isEqualTo(input);
        byte[] prefix = "05:06:07: ".getBytes(StandardCharsets.US_ASCII);
        byte[] expectedDated = concat(concat(concat(prefix, "start\n".getBytes(StandardCharsets.US_ASCII)), prefix),
                concat(bytes, new byte[] {'\n'}));
        assertThat(Files.readAllBytes(dated)).isEqualTo(expectedDated);
        assertThat(console).hasSize(2);
        assertThat(console.get(1)).isEqualTo(concat("cat | ".getBytes(StandardCharsets.US_ASCII), bytes));
    }

    @Test
    void twoInstancesMergedIntoOneFileNeverTearALine(TestProcesses procs) throws Exception {
        Path merged = dir.resolve("merged-out.log");
        LogFiles files = new LogFiles(null);
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            done.add(start(procs, files, Children.java(Chatty.class, "200000", "100"), merged, true, null, null));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
        files.close();

        int[] seen = new int[200_000];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(merged), 1 << 16)) {
            byte[] line = new byte[100];
            int records = 0;
            while (in.readNBytes(line, 0, 100) == 100) {
                int n = Integer.parseInt(new String(line, 0, 9, StandardCharsets.US_ASCII));
                assertThat(line).as("record %d", records).isEqualTo(chattyLine(n, 100, false));
                seen[n]++;
                records++;
            }
            assertThat(records).isEqualTo(400_000);
        }
        assertThat(Arrays.stream(seen).allMatch(c -> c == 2)).isTrue();
    }

    @Test
    void rotationUnderAFloodKeepsEveryLineExactlyOnceAcrossTheFiles(TestProcesses procs) throws Exception {
        Path out = dir.resolve("flood-out.log");
        AtomicLong consoleLines = new AtomicLong();
        List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
        byte[] prefix = "chatty | ".getBytes(StandardCharsets.US_ASCII);
        ConsolePrinter console = new ConsolePrinter(new LineSplittingStream(line -> {
            long i = consoleLines.getAndIncrement();
            if (!Arrays.equals(line, concat(prefix, chattyLine(i, 100, true))) && consoleErrors.size() < 3) {
                consoleErrors.add("console line " + i + ": " + new String(line, StandardCharsets.UTF_8));
            }
        }), false);

        // 100 bytes a line, 1 MB files: a rotation every ~10,000 lines, 30 rotated files kept.
        run(procs, console, Children.java(Chatty.class, "300000", "100"), out, false, null,
                new RotateSpec(1_000_000, 40, false));
        console.close(Duration.ofSeconds(60));

        List<Path> inOrder = new ArrayList<>();
        for (int i = 40; i >= 1; i--) {
            Path rotated = dir.resolve("flood-out.log." + i);
            if (Files.exists(rotated)) {
                inOrder.add(rotated);
            }
        }
        inOrder.add(out);
        assertThat(inOrder).hasSizeGreaterThan(25);
        assertChattyFile(inOrder, 300_000, 100);
        assertThat(consoleErrors).isEmpty();
        assertThat(consoleLines).hasValue(300_000);
    }

    @Test
    void keepsTheLastFiftyLinesOfStderr(TestProcesses procs) throws Exception {
        RecentLines recent = new RecentLines(50);
        LogFiles files = new LogFiles(null);
        SpawnedProcess child = ProcessLauncher.spawn(new SpawnRequest(
                Children.java(Chatty.class, "500", "20", "err"), dir, procs.env()));
        procs.track(child.pid());
        OutputPump err = OutputPump.start("pump-err", child.stderrFd(), files.acquire(dir.resolve("err.log"), "x", null),
                files, false, null, CLOCK, recent);
        OutputPump out = OutputPump.start("pump-out", child.stdoutFd(), files.acquire(dir.resolve("out.log"), "x", null),
                files, false, null, CLOCK, null);
        CompletableFuture.allOf(err.done(), out.done(), child.exit()).get();

        List<String> lines = recent.lines();
        assertThat(lines).hasSize(50);
        assertThat(lines.getFirst()).isEqualTo(new String(chattyLine(450, 20, true), StandardCharsets.US_ASCII));
        assertThat(lines.getLast()).isEqualTo(new String(chattyLine(499, 20, true), StandardCharsets.US_ASCII));
    }

    /** Runs argv to completion with stdout pumped into {@code out} and stderr into a sibling file. */
    private void run(TestProcesses procs, ConsolePrinter console, List<String> argv, Path out, boolean lineMode,
            DateTimeFormatter dateFormat, RotateSpec rotate) throws Exception {
        LogFiles files = new LogFiles(console);
        start(procs, files, argv, out, lineMode, dateFormat, rotate).get();
        files.close();
    }

    private CompletableFuture<Void> start(TestProcesses procs, LogFiles files, List<String> argv, Path out,
            boolean lineMode, DateTimeFormatter dateFormat, RotateSpec rotate) throws Exception {
        SpawnedProcess child = ProcessLauncher.spawn(new SpawnRequest(argv, dir, procs.env()));
        procs.track(child.pid());
        String label = Path.of(argv.getFirst()).getFileName().toString().equals("java") ? "chatty" : "cat";
        OutputPump o = OutputPump.start("pump-out", child.stdoutFd(), files.acquire(out, label, rotate), files,
                lineMode, dateFormat, CLOCK, null);
        OutputPump e = OutputPump.start("pump-err", child.stderrFd(),
                files.acquire(out.resolveSibling(out.getFileName() + ".err"), label, null), files, lineMode,
                dateFormat, CLOCK, null);
        return CompletableFuture.allOf(o.done(), e.done(), child.exit());
    }

    private static void assertChattyFile(List<Path> files, int lines, int size) throws IOException {
        long n = 0;
        byte[] line = new byte[size];
        for (Path file : files) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                int got;
                while ((got = in.readNBytes(line, 0, size)) > 0) {
                    assertThat(got).as("bytes of line %d in %s", n, file).isEqualTo(size);
                    if (!Arrays.equals(line, chattyLine(n, size, false))) {
                        assertThat(new String(line, StandardCharsets.UTF_8)).as("line %d in %s", n, file)
                                .isEqualTo(new String(chattyLine(n, size, false), StandardCharsets.UTF_8));
                    }
                    n++;
                }
            }
        }
        assertThat(n).isEqualTo(lines);
    }

    /** Line {@code i} as {@link Chatty} writes it; without the newline when {@code stripped}. */
    static byte[] chattyLine(long i, int size, boolean stripped) {
        byte[] line = new byte[size];
        Arrays.fill(line, (byte) 'x');
        line[size - 1] = '\n';
        String digits = String.format("%09d ", i);
        System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, line, 0, 10);
        return stripped ? Arrays.copyOf(line, size - 1) : line;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
