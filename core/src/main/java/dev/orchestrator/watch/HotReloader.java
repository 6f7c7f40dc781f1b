package dev.orchestrator.watch;

import dev.orchestrator.descriptor.RootConfig;
import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.ProjectLoader;
import dev.orchestrator.plan.ProjectPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code orchestrator --watch}: on a debounced batch of changes in the tree, load the project again, diff it against
 * what is applied ({@link ReloadDiff}), print the plan, and apply it through {@link AppControl}. Also runs every
 * app's source watch ({@link SourceWatches}) and restarts the app when its files change.
 *
 * <p>Threads: {@code orchestrator-watch} delivers batches and source changes; {@code orchestrator-reload} runs one
 * reload at a time (a change during a reload queues exactly one more reload after it). The applied state is an
 * immutable snapshot in a volatile field, written only by the reload thread: no lock is held across the loader,
 * file I/O or {@link AppControl} calls. The reporter is called from both threads.
 */
public final class HotReloader implements AutoCloseable {

    private volatile ProjectLoader loader;
    private final AppControl control;
    private final Consumer<String> reporter;
    private final Supplier<Set<String>> stoppedByUser;
    private final Duration quiet;
    private final InstantSource clock;
    private final OwnThreads reloadThread = new OwnThreads("orchestrator-reload");
    private final ExecutorService reloads = Executors.newSingleThreadExecutor(reloadThread);
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean ignoreFilesChanged = new AtomicBoolean();

    private volatile AppliedState state = AppliedState.EMPTY;
    private volatile Path root;
    private volatile TreeWatcher tree;   // started by sharedTree(), under this
    private volatile WatchScope scope;   // what the tree watch covers, or will once started
    private volatile SourceWatches sources;
    private volatile boolean closed;
    private volatile boolean reloadOnTreeChange = true;
    private volatile Consumer<ReloadPlan> applied = plan -> { };
    private int skippedReloads; // reload thread only

    private static final int MAX_SKIPPED_RELOADS = 5;

    /**
     * @param stoppedByUser the apps the user stopped ({@code stop X}): asked at every reload and source change
     * @param quiet         debounce of the tree watch ({@link TreeWatcher#DEFAULT_QUIET})
     * @param clock         for the source watches' flap guard
     */
    public HotReloader(ProjectLoader loader, AppControl control, Consumer<String> reporter,
                       Supplier<Set<String>> stoppedByUser, Duration quiet, InstantSource clock) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.control = Objects.requireNonNull(control, "control");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.stoppedByUser = Objects.requireNonNull(stoppedByUser, "stoppedByUser");
        this.quiet = Objects.requireNonNull(quiet, "quiet");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public HotReloader(ProjectLoader loader, AppControl control, Consumer<String> reporter,
                       Supplier<Set<String>> stoppedByUser) {
        this(loader, control, reporter, stoppedByUser, TreeWatcher.DEFAULT_QUIET, InstantSource.system());
    }

    /**
     * Starts watching. {@code running} is the plan the supervisor has just started (its runnable apps are taken as
     * applied, its failed apps as failed). With {@link #reloadOnTreeChange} it walks the tree once to register the
     * watch, then reloads once in the background to catch edits made while the supervisor was starting. Without it
     * nothing reloads by itself: the tree is watched only once an app has {@code watch} paths (no inotify watch for a
     * project that asked for none), and the catch-up reload would only load and plan the whole project again while the
     * children start.
     */
    public void start(ProjectPlan running) throws IOException {
        if (sources != null) {
            throw new IllegalStateException("hot reload of '" + root + "' is already started");
        }
        this.root = running.root().toAbsolutePath().normalize();
        this.state = AppliedState.of(running);
        this.scope = WatchScope.of(running);
        if (reloadOnTreeChange) {
            sharedTree();
        }
        this.sources = new SourceWatches(root, this::sharedTree, this::sourceChanged, reporter, clock);
        state.applied().values().forEach(sources::watch);
        if (reloadOnTreeChange) {
            requestReload();
        }
    }

    /** The one tree watch, started on first need (the source watches share it). */
    private synchronized TreeWatcher sharedTree() throws IOException {
        if (tree == null) {
            if (closed) {
                throw new IOException("hot reload of '" + root + "' is closed");
            }
            tree = TreeWatcher.start(scope, quiet, this::onBatch);
        }
        return tree;
    }

    /**
     * Whether edits in the tree reload by themselves ({@code --watch}). Without it, only {@link #reloadNow()} reloads;
     * source watches ({@code watch:} of an app) work either way, as in PM2.
     */
    public void reloadOnTreeChange(boolean on) {
        this.reloadOnTreeChange = on;
    }

    /** Called on the reload thread with every plan after it was applied (for the event stream). */
    public void onApplied(Consumer<ReloadPlan> listener) {
        this.applied = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Plans with {@code next} from now on (a plugin jar was added or replaced), then reloads: apps that failed for
     * want of its runtime are retried, like any app whose inputs changed.
     */
    public java.util.concurrent.CompletableFuture<List<String>> useLoader(ProjectLoader next) {
        this.loader = Objects.requireNonNull(next, "next");
        return reloadNow();
    }

    /** Reloads now ({@code orchestrator reload}); completes with the rendered plan once it is applied. */
    public java.util.concurrent.CompletableFuture<List<String>> reloadNow() {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return reloadOnce();
            } catch (RuntimeException e) {
                String line = "! reload of '" + root + "' failed unexpectedly: " + e + "; nothing changed";
                reporter.accept(line);
                return List.of(line);
            }
        }, reloads);
    }

    /**
     * An app was restarted outside a reload with a freshly planned spec ({@code orchestrator restart}): take it as
     * applied, so the next reload does not restart it again for the same edit.
     */
    public void adopted(AppSpec spec) {
        reloads.execute(() -> {
            java.util.Map<String, AppSpec> now = new java.util.HashMap<>(state.applied());
            now.put(spec.name(), spec);
            java.util.Map<String, dev.orchestrator.descriptor.Problem> failed = new java.util.HashMap<>(state.failed());
            failed.remove(spec.name());
            state = new AppliedState(now, failed);
        });
    }

    /** What is applied now: a snapshot. */
    public AppliedState state() {
        return state;
    }

    /** The source watches, for status ({@code paused}). */
    public SourceWatches sourceWatches() {
        return sources;
    }

    /** Completes when every reload requested so far has finished (for tests and benchmarks). */
    java.util.concurrent.CompletableFuture<Void> idle() {
        return java.util.concurrent.CompletableFuture.runAsync(() -> { }, reloads);
    }

    /** Reloads soon, on the reload thread; at most one reload waits behind the running one. */
    public void requestReload() {
        // before start() is done a batch is dropped: start() ends with a reload that sees its change anyway
        if (!closed && sources != null && queued.compareAndSet(false, true)) {
            try {
                reloads.execute(this::reload);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false); // closing
            }
        }
    }

    /** On the watch thread: a debounced batch. The apps' own log files alone never cause a reload. */
    private void onBatch(Set<Path> batch) {
        if (!reloadOnTreeChange) {
            return;
        }
        Set<Path> logs = new HashSet<>();
        state.applied().values().forEach(spec -> logs.addAll(SourceIgnore.logFiles(spec)));
        boolean relevant = false;
        for (Path p : batch) {
            if (p.getFileName() != null && p.getFileName().toString().equals(SkipRules.IGNORE_FILE)) {
                ignoreFilesChanged.set(true);
            }
            relevant |= !logs.contains(p);
        }
        if (relevant) {
            requestReload();
        }
    }

    /** On the watch thread: a source watch wants to restart an app. */
    private boolean sourceChanged(String name, Path trigger) {
        AppSpec spec = state.applied().get(name);
        if (spec == null || stoppedByUser.get().contains(name)) {
            return false;
        }
        new Applier(control, reporter, root).restart(spec);
        return true;
    }

    private void reload() {
        queued.set(false);
        if (closed) {
            return;
        }
        try {
            reloadOnce();
        } catch (RuntimeException e) {
            reporter.accept("! reload of '" + root + "' failed unexpectedly: " + e + "; the next edit retries");
        }
    }

    /** One reload on the reload thread; returns the plan as rendered (empty when nothing changed). */
    private List<String> reloadOnce() {
        ProjectPlan fresh;
        try {
            fresh = loader.load(root);
        } catch (RuntimeException e) {
            String line = "! reload of '" + root + "' failed: " + e + "; nothing changed (the next edit retries)";
            reporter.accept(line);
            return List.of(line);
        }
        if (movedUnderTheLoader(fresh)) {
            return List.of();
        }
        AppliedState before = state;
        ReloadPlan plan = ReloadDiff.diff(before, stoppedByUser.get(), fresh);
        state = plan.next(before);
        List<String> rendered = plan.render(root);
        rendered.forEach(reporter);
        new Applier(control, reporter, root).apply(plan, sources);
        rescope(fresh);
        applied.accept(plan);
        return rendered;
    }

    /**
     * An error about a file that is gone now means the tree changed while the loader read it ({@code rm -rf} of a
     * service during a reload: "cannot read file"). Applying that would report a phantom error; the deletion's own
     * events bring another reload, so this one is dropped. Bounded, in case such an error ever persists.
     */
    private boolean movedUnderTheLoader(ProjectPlan fresh) {
        boolean moved = fresh.problems().stream().filter(p -> p.isError())
                .anyMatch(p -> !Files.exists(p.position().file()));
        if (moved && skippedReloads < MAX_SKIPPED_RELOADS) {
            skippedReloads++;
            return true;
        }
        skippedReloads = 0;
        return false;
    }

    /** {@code roots:}, {@code logs:}, {@code ignore:} or an ignore file changed: watch the new scope. */
    private void rescope(ProjectPlan fresh) {
        if (fresh.config().hasErrors() || fresh.problems().stream().anyMatch(p -> p.isError()
                && p.position().file().equals(root.resolve(RootConfig.FILE_NAME)))) {
            return; // an orchestrator.yaml with errors holds everything, the watch included
        }
        WatchScope scope = WatchScope.of(fresh);
        this.scope = scope;
        TreeWatcher watcher = tree;
        if (watcher == null || (scope.equals(watcher.scope()) && !ignoreFilesChanged.getAndSet(false))) {
            return;
        }
        try {
            watcher.reconfigure(scope);
        } catch (IOException | RuntimeException e) {
            reporter.accept("! watch of '" + root + "' could not follow the new layout: " + e
                    + "; edits in new folders are not seen until the orchestrator restarts");
        }
    }

    /** Stops watching and waits (up to 10 s) for a running reload to finish; no thread of it is left. */
    @Override
    public void close() {
        closed = true;
        SourceWatches s = sources;
        if (s != null) {
            s.close();
        }
        TreeWatcher t;
        synchronized (this) { // a sharedTree() racing with close() either ran before (closed here) or throws
            t = tree;
        }
        if (t != null) {
            t.close();
        }
        reloads.shutdown();
        try {
            if (!reloads.awaitTermination(10, TimeUnit.SECONDS)) {
                reloads.shutdownNow();
            }
        } catch (InterruptedException e) {
            reloads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        reloadThread.join(1000);
    }
}
