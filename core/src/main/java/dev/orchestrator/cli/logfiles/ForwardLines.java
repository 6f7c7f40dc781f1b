package dev.orchestrator.cli.logfiles;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/** The lines of a file from the first, plain or gzip ({@code .gz}), up to a byte limit of the plain file. */
final class ForwardLines implements AutoCloseable {

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long left;

    /** {@code end}: read only this many bytes (of the uncompressed content of a .gz file). */
    ForwardLines(Path file, long end) throws IOException {
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024);
        } else {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            in = new BufferedInputStream(Channels.newInputStream(ch), 64 * 1024);
        }
        left = end;
    }

    static ForwardLines of(Path file) throws IOException {
        return new ForwardLines(file, Long.MAX_VALUE);
    }

    /** The next line, or null after the last; a last line without a newline counts. */
    String next() throws IOException {
        while (left > 0) {
            int b = in.read();
            if (b < 0) {
                left = 0;
                break;
            }
            left--;
            if (b == '\n') {
                return take();
            }
            line.write(b);
        }
        return line.size() > 0 ? take() : null;
    }

    private String take() {
        byte[] bytes = line.toByteArray();
        line.reset();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** Whether the first line (its first 4 KiB) starts with a timestamp (see {@link Timestamps#leading}). */
    static boolean startsWithTimestamp(Path file, java.time.ZoneId zone) throws IOException {
        try (ForwardLines lines = new ForwardLines(file, 4096)) {
            String first = lines.next();
            return first != null && Timestamps.leading(first, zone).isPresent();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
