package dev.orchestrator.cli.logfiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code logs --follow}: polls the active file of each stream and prints complete lines as they arrive. Rotation is a
 * rename and a new file (CONTRACTS): the old file stays open, so its last lines are read to the end before the new
 * file is opened from its start; a file that shrank was truncated by someone else and is read again from its start.
 * Polling rather than inotify: it needs no watch descriptors and sees a rename and a truncation the same way.
 */
public final class LogFollower {

    /** Where following starts: the file (by inode) and the byte after the last complete line printed. */
    public record Start(Object fileKey, long position) {
        public static final Start NOTHING = new Start(null, 0);

        /** The start for {@code file} now: its end, minus a line still being written (the follower prints it). */
        public static Start of(Path file) throws IOException {
            try {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                return new Start(attrs.fileKey(), ReverseLines.completeEnd(file, attrs.size()));
            } catch (NoSuchFileException e) {
                return NOTHING;
            }
        }
    }

    /** Receives each new line of a stream. */
    public interface Sink {
        void line(LogStream stream, String line);
    }

    private final List<Watched> watched = new ArrayList<>();
    private final LogQuery query;
    private final Sink sink;

    public LogFollower(LogQuery query, Sink sink) {
        this.query = query;
        this.sink = sink;
    }

    public void add(LogStream stream, Start start) {
        watched.add(new Watched(stream, start));
    }

    /** Polls every {@code interval} until the thread is interrupted. */
    public void run(Duration interval) throws IOException {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                pollOnce();
                Thread.sleep(interval);
            }
        } catch (InterruptedException | java.nio.channels.ClosedByInterruptException e) {
            Thread.currentThread().interrupt(); // Ctrl-C in a terminal ends the JVM; an interrupt ends the follow
        } finally {
            for (Watched w : watched) {
                w.close();
            }
        }
    }

    /** Reads what arrived since the last poll in every file. */
    public void pollOnce() throws IOException {
        for (Watched w : watched) {
            w.poll();
        }
    }

    /** One followed file: the open channel, how far it was read, and a line not yet ended. */
    private final class Watched {
        private final LogStream stream;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        private FileChannel channel;
        private Object key;
        private long position;

        Watched(LogStream stream, Start start) {
            this.stream = stream;
            this.key = start.fileKey();
            this.position = start.position();
        }

        void poll() throws IOException {
            Object current = currentKey();
            if (channel == null) {
                if (current == null) {
                    return;
                }
                if (!Objects.equals(current, key)) {
                    position = 0; // not the file the tail was read from: a new one
                }
                open(current);
                if (channel == null) {
                    return;
                }
            }
            drain();
            if (current != null && !Objects.equals(current, key)) {
                flushPartial(); // rotated: the old file is complete; continue in the new one from its start
                channel.close();
                channel = null;
                position = 0;
                open(current);
                if (channel != null) {
                    drain();
                }
            }
        }

        /** Opens the active file, making sure the channel is the file {@code fileKey} names (a rotation may race). */
        private void open(Object fileKey) throws IOException {
            Object expected = fileKey;
            while (expected != null) {
                try {
                    channel = FileChannel.open(stream.active(), StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    channel = null;
                    return;
                }
                Object after = currentKey();
                if (Objects.equals(after, expected)) {
                    key = expected;
                    return;
                }
                channel.close();
                channel = null;
                expected = after;
            }
        }

        private void drain() throws IOException {
            if (channel.size() < position) {
                position = 0; // truncated in place
                partial.reset();
            }
            while (true) {
                buffer.clear();
                int n = channel.read(buffer, position);
                if (n <= 0) {
                    return;
                }
                position += n;
                for (int i = 0; i < n; i++) {
                    byte b = buffer.get(i);
                    if (b == '\n') {
                        emit();
                    } else {
                        partial.write(b);
                    }
                }
            }
        }

        private void flushPartial() {
            if (partial.size() > 0) {
                emit();
            }
        }

        private void emit() {
            byte[] bytes = partial.toByteArray();
            partial.reset();
            int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            String line = new String(bytes, 0, end, StandardCharsets.UTF_8);
            if (query.matches(line)) {
                sink.line(stream, line);
            }
        }

        private Object currentKey() throws IOException {
            try {
                return Files.readAttributes(stream.active(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .fileKey();
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // a read-only channel has nothing to flush
            }
        }
    }
}
