package dev.orchestrator.watch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on which watch listeners run and debounce timers fire ({@code orchestrator-watch}). Listeners must
 * be quick: anything slow (a reload, a restart) is handed to another thread. A listener that throws is logged and the
 * thread goes on.
 */
final class WatchThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchThread.class);

    private final OwnThreads threads;
    private final ScheduledExecutorService executor;

    WatchThread(String name) {
        this.threads = new OwnThreads(name);
        this.executor = Executors.newSingleThreadScheduledExecutor(threads);
    }

    void execute(Runnable task) {
        if (!executor.isShutdown()) {
            try {
                executor.execute(guarded(task));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed in between: the event no longer matters
            }
        }
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean isShutdown() {
        return executor.isShutdown();
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("watch listener failed: {}; the watch goes on", e.toString(), e);
            }
        };
    }

    /** Stops the thread; waits up to 5 s for a running listener to return, and for the thread to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("watch thread did not stop within 5 s: a listener is blocked");
            }
            threads.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
