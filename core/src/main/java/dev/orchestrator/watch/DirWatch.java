package dev.orchestrator.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One io.methvin directory watcher (one inotify instance) over a {@link WatchScope}, without file hashing (hashing
 * reads every file at start and again on each change of a growing log), with the {@link TreeVisitor}. Its event loop
 * runs on its own thread; every relevant changed path goes to {@code sink} on the {@link WatchThread}. An overflow (the
 * kernel dropped events) is passed on as the scope's root.
 */
final class DirWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirWatch.class);

    private final SkipRules rules;
    private final TreeVisitor visitor;
    private final DirectoryWatcher watcher;
    private final CompletableFuture<Void> loop;
    private volatile Thread loopThread;

    private DirWatch(WatchScope scope, String threadName, WatchThread thread, Consumer<PathChange> sink)
            throws IOException {
        this.rules = new SkipRules(scope);
        this.visitor = new TreeVisitor(rules);
        this.watcher = DirectoryWatcher.builder()
                .paths(scope.watchedPaths())
                .fileHashing(false)
                .fileTreeVisitor(visitor)
                .listener(new Listener(thread, sink))
                .build();
        // watchAsync registers every folder before it returns; only the event loop runs on the new thread
        this.loop = watcher.watchAsync(task -> loopThread = Thread.ofPlatform().name(threadName).daemon().start(task));
        if (loop.isCompletedExceptionally()) {
            watcher.close();
            Throwable cause = loop.exceptionNow();
            throw cause instanceof java.io.UncheckedIOException u ? u.getCause()
                    : new IOException("watch of '" + scope.root() + "' failed to start: " + cause, cause);
        }
    }

    static DirWatch start(WatchScope scope, String threadName, WatchThread thread, Consumer<PathChange> sink)
            throws IOException {
        return new DirWatch(scope, threadName, thread, sink);
    }

    SkipRules rules() {
        return rules;
    }

    Set<Path> watchedDirectories() {
        return visitor.visited();
    }

    private final class Listener implements DirectoryChangeListener {
        private final WatchThread thread;
        private final Consumer<PathChange> sink;

        Listener(WatchThread thread, Consumer<PathChange> sink) {
            this.thread = thread;
            this.sink = sink;
        }

        @Override
        public void onEvent(DirectoryChangeEvent event) {
            Path path = event.path();
            if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW || path == null) {
                Path root = rules.scope().root();
                thread.execute(() -> sink.accept(new PathChange(root, true)));
                return;
            }
            if (path.getFileName() != null && path.getFileName().toString().equals(SkipRules.IGNORE_FILE)) {
                rules.forget(path.getParent());
            }
            if (event.eventType() == DirectoryChangeEvent.EventType.DELETE && event.isDirectory()) {
                visitor.forget(path); // a long-running watch over churning build folders must not grow
                rules.forgetTree(path);
            }
            if (rules.relevant(path, event.isDirectory())) {
                PathChange change = new PathChange(path, event.isDirectory());
                thread.execute(() -> sink.accept(change));
            }
        }

        @Override
        public void onException(Exception e) {
            LOG.warn("watch of '{}' hit an error: {}; the watch goes on", rules.scope().root(), e.toString());
        }
    }

    /** Closes the inotify instance and waits (up to 5 s) for the event loop thread to end. */
    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.warn("closing the watch of '{}' failed: {}", rules.scope().root(), e.toString());
        }
        try {
            loop.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("watch loop of '{}' ended with {}", rules.scope().root(), e.toString());
        }
        Thread t = loopThread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
