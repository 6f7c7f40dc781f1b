package dev.orchestrator.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * Collects changed paths and hands them over as one batch after {@code quiet} without a new one (an editor save is
 * several events: write a temp file, rename, chmod). A steady stream of events (an app writing a file every 100 ms)
 * would never be quiet, so a batch is also handed over {@code maxWait} after its first path. The batch goes to the sink
 * on the {@link WatchThread}, in the order the paths first changed.
 */
final class Debouncer {

    private final WatchThread thread;
    private final Duration quiet;
    private final Duration maxWait;
    private final Consumer<Set<Path>> sink;

    // guarded by this; held only to swap the set and the timer, never while calling the sink
    private Set<Path> pending = new LinkedHashSet<>();
    private long firstAt;
    private ScheduledFuture<?> timer;

    Debouncer(WatchThread thread, Duration quiet, Duration maxWait, Consumer<Set<Path>> sink) {
        this.thread = thread;
        this.quiet = quiet;
        this.maxWait = maxWait.compareTo(quiet) < 0 ? quiet : maxWait;
        this.sink = sink;
    }

    /** Adds one changed path; (re)starts the quiet timer. */
    synchronized void add(Path path) {
        if (thread.isShutdown()) {
            return;
        }
        long now = System.nanoTime();
        if (pending.isEmpty()) {
            firstAt = now;
        }
        pending.add(path);
        if (timer != null) {
            timer.cancel(false);
        }
        long left = maxWait.toNanos() - (now - firstAt);
        timer = thread.schedule(this::flush, Duration.ofNanos(Math.max(0, Math.min(quiet.toNanos(), left))));
    }

    /** Drops what is pending, e.g. when the watch is paused or closed. */
    synchronized void cancel() {
        pending = new LinkedHashSet<>();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void flush() {
        Set<Path> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = java.util.Collections.unmodifiableSet(pending);
            pending = new LinkedHashSet<>();
            timer = null;
        }
        sink.accept(batch);
    }
}
