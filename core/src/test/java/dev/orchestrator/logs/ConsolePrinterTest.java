package dev.orchestrator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolePrinterTest {
    @TempDir
    Path dir;

    @Test
    void printsEachLineOnceWhenTheFileIsReopenedForTheNextStartBeforeTheConsoleCaughtUp() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        OutputStream slowTerminal = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.write(b, off, len);
            }
        };
        ConsolePrinter console = new ConsolePrinter(slowTerminal, false);
        LogFiles files = new LogFiles(console);
        Path log = dir.resolve("app-out.log");

        LogSink first = files.acquire(log, "app", null);
        first.append(ByteBuffer.wrap("first run\n".getBytes(StandardCharsets.UTF_8)));
        files.release(first);
        LogSink second = files.acquire(log, "app", null);
        second.append(ByteBuffer.wrap("second run\n".getBytes(StandardCharsets.UTF_8)));
        files.release(second);
        gate.countDown();
        console.close(Duration.ofSeconds(10));

        assertThat(seen.toString(StandardCharsets.UTF_8)).isEqualTo("app | first run\napp | second run\n");
    }

    @Test
    void stopsAtTheClosedSinksEndWhenTheCloseArrivesWhileTheConsoleIsReading() throws Exception {
        Path log = dir.resolve("app-out.log");
        Files.writeString(log, "first run\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsolePrinter console = new ConsolePrinter(out, false);
        CountDownLatch nextStartWrote = new CountDownLatch(1);
        AtomicReference<Tail> firstStart = new AtomicReference<>();
        // The gap CI once hit: the console has looked at `closed` (false) and is about to read, when the old sink
        // closes at offset 10 and the app's next start appends its first line.
        FileChannel racing = new RacingReadChannel(FileChannel.open(log, StandardOpenOption.READ), () -> {
            firstStart.get().closed(10);
            Files.writeString(log, "second run\n", StandardOpenOption.APPEND);
            nextStartWrote.countDown();
        });
        firstStart.set(new Tail(console, "app", racing));
        FileChannel nextReader = FileChannel.open(log, StandardOpenOption.READ);
        nextReader.position(10);
        Tail nextStart = new Tail(console, "app", nextReader);

        firstStart.get().written();
        assertThat(nextStartWrote.await(10, TimeUnit.SECONDS)).isTrue();
        nextStart.closed(21);
        console.close(Duration.ofSeconds(10));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("app | first run\napp | second run\n");
    }

    @Test
    void prefixesEachMessageLineWithTheLabelAlignedToTheWidestLabel() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsolePrinter console = new ConsolePrinter(out, false);
        console.reserve("api-worker");
        console.message("api", "started\nsecond line");
        console.close(Duration.ofSeconds(10));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "api        | started\napi        | second line\n");
    }

    @Test
    void coloursTheLabelWithAColourThatDependsOnlyOnTheLabel() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsolePrinter console = new ConsolePrinter(out, true);
        console.message("api", "hi");
        console.close(Duration.ofSeconds(10));
        int colour = ConsolePrinter.colourOf("api");
        assertThat(colour).isEqualTo(ConsolePrinter.colourOf(new String("api")));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\u001b[" + colour + "mapi |\u001b[0m hi\n");
    }
}
