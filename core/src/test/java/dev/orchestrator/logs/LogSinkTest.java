package dev.orchestrator.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orchestrator.plan.RotateSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSinkTest {
    @TempDir
    Path dir;
    private final LogFiles files = new LogFiles(null);

    @AfterEach
    void close() {
        files.close();
    }

    @Test
    void appendsToAnExistingFileAndNeverTruncatesIt() throws IOException {
        Path log = dir.resolve("logs/api-out.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "from last run\n");
        LogSink sink = files.acquire(log, "api", null);
        sink.append(buf("new line\n"));
        files.release(sink);
        assertThat(Files.readString(log)).isEqualTo("from last run\nnew line\n");
    }

    @Test
    void rotatesOnlyAtALineEndEvenWhenTheLimitIsCrossedMidLine() throws IOException {
        Path log = dir.resolve("x.log");
        LogSink sink = files.acquire(log, "x", new RotateSpec(4, 3, false));
        sink.append(buf("aaaaa"));
        sink.append(buf("a\nbb"));
        sink.append(buf("b\n"));
        sink.append(buf("c\n"));
        files.release(sink);
        assertThat(Files.readString(dir.resolve("x.log.2"))).isEqualTo("aaaaaa\n");
        assertThat(Files.readString(dir.resolve("x.log.1"))).isEqualTo("bbb\n");
        assertThat(Files.readString(log)).isEqualTo("c\n");
    }

    @Test
    void keepsOnlyRetainRotatedFiles() throws IOException {
        Path log = dir.resolve("x.log");
        LogSink sink = files.acquire(log, "x", new RotateSpec(2, 2, false));
        for (String line : new String[] {"1\n", "2\n", "3\n", "4\n", "5\n"}) {
            sink.append(buf(line));
        }
        files.release(sink);
        assertThat(Files.readString(log)).isEmpty();
        assertThat(Files.readString(dir.resolve("x.log.1"))).isEqualTo("5\n");
        assertThat(Files.readString(dir.resolve("x.log.2"))).isEqualTo("4\n");
        assertThat(dir.resolve("x.log.3")).doesNotExist();
    }

    @Test
    void compressesRotatedFilesInTheBackground() throws IOException {
        Path log = dir.resolve("x.log");
        LogSink sink = files.acquire(log, "x", new RotateSpec(10, 5, true));
        sink.append(buf("first file\n"));
        sink.append(buf("second file\n"));
        files.release(sink);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("x.log.1.gz"))
                && Files.exists(dir.resolve("x.log.2.gz")) && !Files.exists(dir.resolve("x.log.1")));
        assertThat(gunzip(dir.resolve("x.log.2.gz"))).isEqualTo("first file\n");
        assertThat(gunzip(dir.resolve("x.log.1.gz"))).isEqualTo("second file\n");
        assertThat(Files.readString(log)).isEmpty();
    }

    @Test
    void neverRotatesDevNull() throws IOException {
        LogSink sink = files.acquire(Path.of("/dev/null"), "x", new RotateSpec(1, 1, false));
        sink.append(buf("gone\n"));
        sink.append(buf("gone\n"));
        files.release(sink);
        assertThat(Path.of("/dev/null.1")).doesNotExist();
    }

    @Test
    void sharesOneOpenFileBetweenWritersOfTheSamePath() throws IOException {
        Path log = dir.resolve("merged.log");
        LogSink a = files.acquire(log, "api", null);
        LogSink b = files.acquire(dir.resolve("./merged.log"), "api", null);
        assertThat(b).isSameAs(a);
        files.release(a);
        b.append(buf("still open\n"));
        files.release(b);
        assertThat(Files.readString(log)).isEqualTo("still open\n");
    }

    private static String gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
