package dev.orchestrator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
