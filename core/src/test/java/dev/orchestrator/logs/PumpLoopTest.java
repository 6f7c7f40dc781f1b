package dev.orchestrator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.process.GroupStopper;
import dev.orchestrator.process.Posix;
import dev.orchestrator.process.ProcFs;
import dev.orchestrator.process.ProcessLauncher;
import dev.orchestrator.process.Signal;
import dev.orchestrator.process.SpawnRequest;
import dev.orchestrator.process.SpawnedProcess;
import dev.orchestrator.testing.Children;
import dev.orchestrator.testing.NoLeakedProcesses;
import dev.orchestrator.testing.TestProcesses;
import dev.orchestrator.testing.children.Chatty;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one loop behind every {@link OutputPump}: many real pipes and children through one thread. */
@NoLeakedProcesses
class PumpLoopTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final LogFiles files = new LogFiles(null);

    @Test
    void threeHundredChildrenWriteTheirExactOutputThroughOneLoop(TestProcesses procs) throws Exception {
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // 3,000 numbered lines on stdout (~40 KB, several blocks) and one line on stderr
            String script = "seq -f 'app" + i + " line %g' 1 3000; echo 'app" + i + " oops' >&2";
            done.add(pumpChild(procs, Children.sh(script), "app" + i));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        for (int i = 0; i < 300; i++) {
            int app = i;
            String expected = IntStream.rangeClosed(1, 3000).mapToObj(n -> "app" + app + " line " + n + "\n")
                    .collect(Collectors.joining());
            assertThat(Files.readString(dir.resolve("app" + i + ".out"))).as("app%d stdout", i).isEqualTo(expected);
            assertThat(Files.readString(dir.resolve("app" + i + ".err"))).isEqualTo("app" + i + " oops\n");
        }
    }

    @Test
    void aChildWritingOneLineIsHeardWhileOthersFloodIntoSlowFiles(TestProcesses procs) throws Exception {
        // Each flood's log is a FIFO that a test thread drains slowly: a "disk" far slower than `yes`, so its pipe is
        // never empty. Two floods take both loops; the quiet child shares a loop with one of them.
        List<SpawnedProcess> floods = new ArrayList<>();
        List<OutputPump> pumps = new ArrayList<>();
        List<Thread> slowDisks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path fifo = dir.resolve("flood" + i + ".fifo");
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
            slowDisks.add(Thread.ofPlatform().start(() -> drainSlowly(fifo)));
            SpawnedProcess flood = spawn(procs, Children.sh("exec yes 'flooding the pipe as fast as it can go'"));
            floods.add(flood);
            pumps.add(pump(flood.stdoutFd(), fifo, false));
            pumps.add(pump(flood.stderrFd(), Path.of("/dev/null"), false));
        }
        SpawnedProcess quiet = spawn(procs, Children.sh("sleep 0.3; echo 'one quiet line'; exec sleep 300"));
        pumps.add(pump(quiet.stdoutFd(), dir.resolve("quiet.out"), false));
        pumps.add(pump(quiet.stderrFd(), dir.resolve("quiet.err"), false));

        await().atMost(PATIENCE).until(() -> Files.readString(dir.resolve("quiet.out")).equals("one quiet line\n"));

        assertThat(floods).allMatch(f -> !f.exit().isDone()); // heard while the floods were still going
        for (SpawnedProcess p : Stream.concat(floods.stream(), Stream.of(quiet)).toList()) {
            GroupStopper.killNow(p.pgid(), p.pid());
            p.exit().get(60, TimeUnit.SECONDS);
        }
        CompletableFuture.allOf(pumps.stream().map(OutputPump::done).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        for (Thread t : slowDisks) {
            t.join(); // they end at end of file: the pumps closed the FIFOs
        }
    }

    /** Reads {@code fifo} 4 KiB at a time with a 10 ms pause after each read (400 KB/s), until its writer closes it. */
    private static void drainSlowly(Path fifo) {
        try (FileChannel in = FileChannel.open(fifo, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(4 << 10);
            while (in.read(buffer.clear()) >= 0) {
                Thread.sleep(10);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theStreamEndsOnlyOnceAGrandchildHoldingThePipeExits(TestProcesses procs) throws Exception {
        SpawnedProcess child = spawn(procs, Children.sh("sleep 300 & echo $!"));
        OutputPump out = pump(child.stdoutFd(), dir.resolve("out.log"), false);
        OutputPump err = pump(child.stderrFd(), dir.resolve("err.log"), false);
        child.exit().get(60, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> Files.readString(dir.resolve("out.log")).endsWith("\n"));
        int grandchild = Integer.parseInt(Files.readString(dir.resolve("out.log")).strip());
        procs.track(grandchild);

        assertThat(ProcFs.alive(grandchild)).isTrue();
        assertThat(out.done()).isNotDone();
        assertThat(err.done()).isNotDone();

        Posix.kill(grandchild, Signal.SIGKILL.number());
        CompletableFuture.allOf(out.done(), err.done()).get(60, TimeUnit.SECONDS);
        assertThat(Files.readString(dir.resolve("out.log"))).isEqualTo(grandchild + "\n");
    }

    @Test
    void abortStopsReadingAndEndsTheUnfinishedLine(TestProcesses procs) throws Exception {
        // one write(2), so one read: once "whole" is in the file, "partial" waits in the line framer
        SpawnedProcess child = spawn(procs, Children.sh("printf 'whole\\npartial'; exec sleep 300"));
        OutputPump out = pump(child.stdoutFd(), dir.resolve("out.log"), true);
        OutputPump err = pump(child.stderrFd(), dir.resolve("err.log"), true);
        await().atMost(PATIENCE).until(() -> Files.readString(dir.resolve("out.log")).equals("whole\n"));

        out.abort();
        err.abort();
        CompletableFuture.allOf(out.done(), err.done()).get(60, TimeUnit.SECONDS);

        assertThat(child.exit().isDone()).isFalse(); // the pump ended, not the child
        assertThat(Files.readString(dir.resolve("out.log"))).isEqualTo("whole\npartial\n");
        GroupStopper.killNow(child.pgid(), child.pid());
        child.exit().get(60, TimeUnit.SECONDS);
    }

    @Test
    void aLogFileThatCannotBeWrittenStillHasItsPipeDrainedSoTheChildFinishes(TestProcesses procs)
            throws Exception {
        // 2 MB, thirty times what the pipe holds: the child only gets to exit if the pump keeps reading
        SpawnedProcess child = spawn(procs, Children.java(Chatty.class, "20000", "100"));
        OutputPump out = pump(child.stdoutFd(), Path.of("/dev/full"), false);
        OutputPump err = pump(child.stderrFd(), dir.resolve("err.log"), false);

        assertThat(child.exit().get(60, TimeUnit.SECONDS).code()).isZero();
        CompletableFuture.allOf(out.done(), err.done()).get(60, TimeUnit.SECONDS);
        assertThat(Files.readString(dir.resolve("err.log"))).isEmpty();
    }

    @Test
    void aHundredPumpsShareTwoThreadsAndLeaveNoDescriptorBehind() throws Exception {
        List<String> loops = PumpLoop.threadNames(); // their epoll and eventfd stay open for the life of the process
        long fdsBefore = openFds();
        List<FileChannel> writers = new ArrayList<>();
        List<OutputPump> pumps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int[] pipe = Posix.pipe();
            writers.add(writeEnd(pipe[1]));
            pumps.add(pump(pipe[0], dir.resolve("p" + i + ".log"), false));
        }

        assertThat(pumpThreads()).containsExactlyInAnyOrderElementsOf(loops);
        assertThat(loops).hasSize(Math.min(2, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < 100; i++) {
            writers.get(i).write(ByteBuffer.wrap(("pipe " + i + "\n").getBytes(StandardCharsets.US_ASCII)));
            writers.get(i).close();
        }
        CompletableFuture.allOf(pumps.stream().map(OutputPump::done).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);

        for (int i = 0; i < 100; i++) {
            assertThat(Files.readString(dir.resolve("p" + i + ".log"))).isEqualTo("pipe " + i + "\n");
        }
        assertThat(openFds()).isEqualTo(fdsBefore);
    }

    private CompletableFuture<Void> pumpChild(TestProcesses procs, List<String> argv, String name) throws Exception {
        SpawnedProcess child = spawn(procs, argv);
        OutputPump out = pump(child.stdoutFd(), dir.resolve(name + ".out"), false);
        OutputPump err = pump(child.stderrFd(), dir.resolve(name + ".err"), false);
        return CompletableFuture.allOf(out.done(), err.done(), child.exit());
    }

    private SpawnedProcess spawn(TestProcesses procs, List<String> argv) throws Exception {
        SpawnedProcess child = ProcessLauncher.spawn(new SpawnRequest(argv, dir, procs.env()));
        procs.track(child.pid());
        return child;
    }

    private OutputPump pump(int fd, Path file, boolean lineMode) throws IOException {
        return OutputPump.start("pump-" + file.getFileName(), fd, files.acquire(file, "x", null), files, lineMode,
                null, Clock.systemUTC(), null);
    }

    private static FileChannel writeEnd(int fd) throws IOException {
        try {
            return FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.WRITE);
        } finally {
            Posix.close(fd);
        }
    }

    private static List<String> pumpThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("pump-") || n.startsWith(PumpLoop.THREAD_NAME)).toList();
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
