package dev.orchestrator.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Stops a source-watch restart loop (an app that writes into its own watched folder): more than {@code limit}
 * watch restarts of one app within {@code window} pause its watch until {@link #resume()} (its next descriptor change).
 * Pure: time comes from an {@link InstantSource}. Not thread-safe; one app's watch calls it from the watch thread.
 */
final class FlapGuard {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofSeconds(10);

    private record Restart(Instant at, Path trigger) {
    }

    private final InstantSource clock;
    private final int limit;
    private final Duration window;
    private final Deque<Restart> recent = new ArrayDeque<>();
    private volatile boolean paused; // read by other threads for status

    FlapGuard(InstantSource clock, int limit, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limit = limit;
        this.window = Objects.requireNonNull(window, "window");
    }

    FlapGuard(InstantSource clock) {
        this(clock, LIMIT, WINDOW);
    }

    /**
     * A change of {@code trigger} wants to restart the app. True when it may; false when the watch is paused, either
     * already or from now on because this restart would be one too many within the window.
     */
    boolean tryRestart(Path trigger) {
        if (paused) {
            return false;
        }
        Instant now = clock.instant();
        while (!recent.isEmpty() && !recent.peekFirst().at().isAfter(now.minus(window))) {
            recent.removeFirst();
        }
        recent.addLast(new Restart(now, trigger));
        if (recent.size() > limit) {
            paused = true;
            return false;
        }
        return true;
    }

    boolean paused() {
        return paused;
    }

    /** The files whose changes caused the restarts within the window, first change first, each once. */
    List<Path> recentTriggers() {
        Set<Path> files = new LinkedHashSet<>();
        recent.forEach(r -> files.add(r.trigger()));
        return List.copyOf(files);
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }

    /** The descriptor changed: watch again, with a clean history. */
    void resume() {
        paused = false;
        recent.clear();
    }
}
