package dev.orchestrator.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one shared recursive watch over a project: its scan roots, plus {@code orchestrator.yaml},
 * {@code .orchestratorignore} and dotenv files at the root, minus every folder discovery skips (see
 * {@link SkipRules}). One inotify instance, however many apps watch their sources.
 *
 * <p>Changes reach listeners on one thread, {@code orchestrator-watch}:
 * <ul>
 *   <li>the batch listener gets the changed paths as one set, after {@code quiet} without a new change (at most
 *       {@link #MAX_WAIT} after the first);</li>
 *   <li>prefix listeners ({@link #subscribe}) get each changed path under their prefix at once, undebounced: source
 *       watches reuse this watch that way rather than opening inotify instances of their own.</li>
 * </ul>
 * The directory watcher's event loop runs on {@code orchestrator-tree-watch}. {@link #close()} ends both threads.
 */
public final class TreeWatcher implements AutoCloseable {

    /** Quiet time before a batch is delivered: an editor save is several events within a few milliseconds. */
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(200);
    /** A batch is delivered this long after its first change even if changes keep coming. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(2);

    /** A prefix listener; close it to stop listening. */
    public final class Subscription implements AutoCloseable {
        private final Path prefix;
        private final Consumer<PathChange> listener;

        private Subscription(Path prefix, Consumer<PathChange> listener) {
            this.prefix = prefix;
            this.listener = listener;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    private final WatchThread thread;
    private final Debouncer batches;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicReference<DirWatch> current = new AtomicReference<>();
    private volatile boolean closed;

    private TreeWatcher(Duration quiet, Consumer<Set<Path>> onBatch) {
        this.thread = new WatchThread("orchestrator-watch");
        this.batches = new Debouncer(thread, quiet, MAX_WAIT, onBatch);
    }

    /**
     * Registers the whole tree (this walks it: call it off the hot path) and starts watching.
     *
     * @param onBatch called on the watch thread with each debounced batch of changed paths; must return quickly
     * @throws IOException when the watch cannot be set up (e.g. the inotify limit is reached)
     */
    public static TreeWatcher start(WatchScope scope, Duration quiet, Consumer<Set<Path>> onBatch)
            throws IOException {
        TreeWatcher watcher = new TreeWatcher(quiet, Objects.requireNonNull(onBatch, "onBatch"));
        try {
            watcher.current.set(watcher.open(scope));
        } catch (IOException | RuntimeException e) {
            watcher.close();
            throw e;
        }
        return watcher;
    }

    private DirWatch open(WatchScope scope) throws IOException {
        return DirWatch.start(scope, "orchestrator-tree-watch", thread, this::dispatch);
    }

    /** Runs on the watch thread. */
    private void dispatch(PathChange change) {
        for (Subscription s : subscriptions) {
            if (change.path().startsWith(s.prefix)) {
                s.listener.accept(change);
            }
        }
        batches.add(change.path());
    }

    /**
     * Calls {@code listener} on the watch thread with every changed path equal to or below {@code prefix}, as it
     * happens. Only paths this watch {@link #covers} are ever delivered.
     */
    public Subscription subscribe(Path prefix, Consumer<PathChange> listener) {
        Subscription s = new Subscription(prefix.toAbsolutePath().normalize(), Objects.requireNonNull(listener));
        subscriptions.add(s);
        return s;
    }

    /** Is a change of this path seen by this watch (inside a scan root, not below a skipped or ignored folder)? */
    public boolean covers(Path path, boolean isDirectory) {
        DirWatch w = current.get();
        return w != null && w.rules().covers(path.toAbsolutePath().normalize(), isDirectory);
    }

    public WatchScope scope() {
        DirWatch w = current.get();
        if (w == null) {
            throw new IllegalStateException("tree watcher is closed");
        }
        return w.rules().scope();
    }

    /** The folders that hold an inotify watch: never {@code node_modules}, the logs or the state folder. */
    public Set<Path> watchedDirectories() {
        DirWatch w = current.get();
        return w == null ? Set.of() : w.watchedDirectories();
    }

    /**
     * Watches a new scope (scan roots, logs folder or ignore rules changed): walks the tree again with a fresh watch,
     * then closes the old one. Listeners stay subscribed; a change during the swap may be seen twice.
     */
    public void reconfigure(WatchScope scope) throws IOException {
        if (closed) {
            return;
        }
        DirWatch fresh = open(scope);
        DirWatch old = current.getAndSet(fresh);
        if (closed) {
            DirWatch late = current.getAndSet(null);
            if (late != null) {
                late.close();
            }
        }
        if (old != null) {
            old.close();
        }
    }

    WatchThread thread() {
        return thread;
    }

    /** Stops watching; no thread of this watcher is left when it returns. */
    @Override
    public void close() {
        closed = true;
        DirWatch w = current.getAndSet(null);
        if (w != null) {
            w.close();
        }
        batches.cancel();
        subscriptions.clear();
        thread.close();
    }
}
