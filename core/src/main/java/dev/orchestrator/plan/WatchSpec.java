package dev.orchestrator.plan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Source watching ({@code watch}, {@code ignore_watch}, {@code watch_delay}): restart the app when a file under
 * {@code paths} changes, after {@code delay} of quiet. No paths means no watching.
 */
public record WatchSpec(List<Path> paths, List<String> ignore, Duration delay) {

    public static final WatchSpec OFF = new WatchSpec(List.of(), List.of(), Duration.ofMillis(20));

    public WatchSpec {
        paths = List.copyOf(paths);
        ignore = List.copyOf(ignore);
        Objects.requireNonNull(delay, "delay");
    }

    public boolean enabled() {
        return !paths.isEmpty();
    }
}
