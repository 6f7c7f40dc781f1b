package dev.orchestrator.logs;

import dev.orchestrator.plan.RotateSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The open log files, one {@link LogSink} per path however many pumps write it. A sink opens with its first
 * reference and closes with its last; the map itself is lock-free.
 */
public final class LogFiles implements AutoCloseable {
    private final ConcurrentHashMap<Path, LogSink> sinks = new ConcurrentHashMap<>();
    private final LogFollower follower;
    private final ExecutorService compressor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("orchestrator-log-compress").daemon(true).factory());

    /** @param follower who tails regular files (the console), or null */
    public LogFiles(LogFollower follower) {
        this.follower = follower;
    }

    /**
     * A reference to the sink for {@code path}, opening the file (append, never truncate) if nobody holds it. The
     * first acquirer's label and rotation apply while the file stays open.
     *
     * @param rotate rotation for regular files, or null for none
     * @throws IOException naming the file when it cannot be opened
     */
    public LogSink acquire(Path path, String label, RotateSpec rotate) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        while (true) {
            LogSink sink = sinks.computeIfAbsent(key, p -> new LogSink(p, label, rotate, follower, compressor));
            try {
                if (sink.retain()) {
                    return sink;
                }
            } catch (IOException e) {
                sinks.remove(key, sink);
                throw e;
            }
            sinks.remove(key, sink); // closed by its last user a moment ago: make a fresh one
        }
    }

    public void release(LogSink sink) {
        if (sink.release()) {
            sinks.remove(sink.path(), sink);
        }
    }

    /** Waits briefly for background compression; sinks are closed by their pumps. */
    @Override
    public void close() {
        compressor.shutdown();
        try {
            compressor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
