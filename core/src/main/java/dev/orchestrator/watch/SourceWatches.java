package dev.orchestrator.watch;

import dev.orchestrator.plan.AppSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The source watches of all apps ({@code watch: true} or {@code watch: [paths]}), with or without {@code --watch}.
 * A watched path inside the shared {@link TreeWatcher} is served by a prefix listener on it (no new inotify
 * instance; there are 128 per user); only a path outside it (say {@code watch: [../../shared]}) gets a watch of its
 * own. Thread-safe; {@link #watch} and {@link #unwatch} are meant for the reload thread, and never hold a lock while
 * they walk a folder.
 */
public final class SourceWatches implements AutoCloseable {

    /**
     * Restart an app because {@code trigger} changed. Called on the watch thread: must not block. Returns false when
     * the app is not restarted (the user stopped it); nothing is printed then.
     */
    @FunctionalInterface
    public interface Restarter {
        boolean restart(String app, Path trigger);
    }

    /** One app's watch and what feeds it. */
    private record Entry(SourceWatch watch, List<AutoCloseable> feeds) {
        void close() {
            watch.close();
            for (AutoCloseable feed : feeds) {
                try {
                    feed.close();
                } catch (Exception e) {
                    // a feed that fails to close leaves nothing to retry
                }
            }
        }
    }

    /** The shared watch, started by whoever owns it when the first app needs it. */
    @FunctionalInterface
    public interface SharedTree {
        TreeWatcher get() throws IOException;
    }

    private final SharedTree sharedTree;
    private final Path root;
    private final Restarter restarter;
    private final Consumer<String> reporter;
    private final InstantSource clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param root      the project root
     * @param tree      the shared watch, asked for only when an app has {@code watch} paths (a supervisor without
     *                  {@code --watch} and without such apps watches nothing)
     * @param restarter called when a watched file changed
     * @param reporter  gets one line per restart and per paused watch
     * @param clock     for the flap guard
     */
    public SourceWatches(Path root, SharedTree tree, Restarter restarter, Consumer<String> reporter,
                         InstantSource clock) {
        this.sharedTree = Objects.requireNonNull(tree, "tree");
        this.root = root.toAbsolutePath().normalize();
        this.restarter = Objects.requireNonNull(restarter, "restarter");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Watches the app's paths as its spec says, replacing its previous watch (so a paused watch resumes: this is
     * called when the app's descriptor changed). An app without {@code watch} paths is not watched.
     */
    public void watch(AppSpec spec) {
        unwatch(spec.name());
        if (!spec.watch().enabled()) {
            return;
        }
        TreeWatcher tree;
        try {
            tree = sharedTree.get();
        } catch (IOException | RuntimeException e) {
            reporter.accept("! watch of " + spec.name() + " cannot start: " + e + "; its changes do not restart the"
                    + " app (raise fs.inotify.max_user_watches or max_user_instances?)");
            return;
        }
        WatchScope scope = tree.scope();
        SourceIgnore ignore = SourceIgnore.of(spec, scope.logsDir(), scope.stateDir());
        SourceWatch watch = new SourceWatch(spec, root, ignore, tree.thread(), clock, restarter, reporter);
        List<AutoCloseable> feeds = new ArrayList<>();
        for (Path raw : spec.watch().paths()) {
            Path path = root.resolve(raw).normalize();
            boolean dir = !Files.isRegularFile(path);
            if (tree.covers(path, dir)) {
                feeds.add(tree.subscribe(path, watch::onChange));
            } else if (!Files.exists(path)) {
                reporter.accept("! watch of " + spec.name() + ": '" + shown(path) + "' does not exist; not watched"
                        + " (fix the watch: list of its descriptor)");
            } else {
                try {
                    feeds.add(DirWatch.start(WatchScope.folder(path, scope.logsDir(), scope.stateDir()),
                            "orchestrator-source-watch", tree.thread(), watch::onChange));
                } catch (IOException | RuntimeException e) {
                    reporter.accept("! watch of " + spec.name() + ": '" + shown(path) + "' cannot be watched: " + e
                            + "; its changes do not restart the app (raise fs.inotify.max_user_instances?)");
                }
            }
        }
        Entry previous = entries.put(spec.name(), new Entry(watch, feeds));
        if (previous != null) {
            previous.close(); // a concurrent watch() of the same app: the last one wins
        }
    }

    /** Stops watching the app's sources (it was removed). */
    public void unwatch(String name) {
        Entry e = entries.remove(name);
        if (e != null) {
            e.close();
        }
    }

    /** The apps being watched, paused or not. */
    public Set<String> watched() {
        return Set.copyOf(entries.keySet());
    }

    /** True when the app's watch is paused by the flap guard. */
    public boolean paused(String name) {
        Entry e = entries.get(name);
        return e != null && e.watch().paused();
    }

    private String shown(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    @Override
    public void close() {
        for (String name : List.copyOf(entries.keySet())) {
            unwatch(name);
        }
    }
}
