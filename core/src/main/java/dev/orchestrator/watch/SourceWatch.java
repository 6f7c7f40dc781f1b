package dev.orchestrator.watch;

import dev.orchestrator.plan.AppSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;

/**
 * One app's source watch ({@code watch:}): after {@code watch_delay} without a new change to a watched file that is
 * not ignored ({@link SourceIgnore}), say which file changed and restart the app. A {@link FlapGuard} pauses the watch
 * after too many restarts in a row; {@link SourceWatches#watch} with the app's next spec resumes it.
 *
 * <p>Everything here runs on the {@link WatchThread}: changes arrive there, the debounce timer fires there, the
 * restart callback is called there (and must hand the slow part to the supervisor).
 */
final class SourceWatch implements AutoCloseable {

    private final String name;
    private final Path root;
    private final SourceIgnore ignore;
    private final FlapGuard guard;
    private final Debouncer debouncer;
    private final SourceWatches.Restarter restarter;
    private final Consumer<String> reporter;
    private volatile boolean closed;

    SourceWatch(AppSpec spec, Path root, SourceIgnore ignore, WatchThread thread, InstantSource clock,
                SourceWatches.Restarter restarter, Consumer<String> reporter) {
        this.name = spec.name();
        this.root = root;
        this.ignore = ignore;
        this.guard = new FlapGuard(clock);
        Duration delay = spec.watch().delay();
        Duration maxWait = delay.multipliedBy(10).compareTo(TreeWatcher.MAX_WAIT) < 0 ? TreeWatcher.MAX_WAIT
                : delay.multipliedBy(10);
        this.debouncer = new Debouncer(thread, delay, maxWait, this::quiet);
        this.restarter = restarter;
        this.reporter = reporter;
    }

    /** A watched path changed (on the watch thread). */
    void onChange(PathChange change) {
        if (closed || guard.paused() || ignore.ignored(change)) {
            return;
        }
        debouncer.add(change.path());
    }

    private void quiet(java.util.Set<Path> batch) {
        if (closed) {
            return;
        }
        Path trigger = batch.iterator().next();
        if (!guard.tryRestart(trigger)) {
            debouncer.cancel();
            List<String> files = guard.recentTriggers().stream().map(this::shown).toList();
            reporter.accept("! watch of " + name + " paused: more than " + guard.limit() + " restarts within "
                    + guard.window().toSeconds() + " s (" + String.join(", ", files)
                    + "); it resumes when its descriptor changes (add the files to ignore_watch if the app writes them)");
            return;
        }
        String more = batch.size() > 1 ? " and " + (batch.size() - 1) + " more" : "";
        if (restarter.restart(name, trigger)) {
            reporter.accept("~ restarting " + name + " (" + shown(trigger) + more + " changed)");
        }
    }

    boolean paused() {
        return guard.paused();
    }

    private String shown(Path file) {
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }

    @Override
    public void close() {
        closed = true;
        debouncer.cancel();
    }
}
