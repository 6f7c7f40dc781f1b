package dev.orchestrator.supervisor;

import dev.orchestrator.process.StopRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The end of a child, as futures: its group emptied (kill signal, SIGKILL after the timeout) and its output drained.
 * Each completes with the failure (a group that outlived SIGKILL), or null. No locks; the caller records the result.
 */
final class Teardown {
    private Teardown() {
    }

    /** After the child exited on its own: leftovers of its group are stopped too before anything restarts. */
    static CompletableFuture<Throwable> afterExit(Services s, Child c) {
        return s.stopper().stop(request(c)).handle((o, t) -> t)
                .thenCompose(t -> drained(s, c).thenApply(v -> t));
    }

    /** A requested stop; also waits until the runner recorded the exit, so "exited" comes before "stopped". */
    static CompletableFuture<Throwable> stop(Services s, Child c) {
        return s.stopper().stop(request(c)).handle((o, t) -> t)
                .thenCompose(t -> t != null ? CompletableFuture.completedFuture(t)
                        : c.exitHandled().thenCompose(v -> drained(s, c)).thenApply(v -> (Throwable) null));
    }

    /**
     * Starts a graceful stop of a running child for a health restart: its exit then goes through the runner's exit
     * handling as usual, whose own group stop ({@link #afterExit}) reports a group that would not die.
     */
    static void beginStop(Services s, Child c) {
        s.stopper().stop(request(c)).exceptionally(t -> null);
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static StopRequest request(Child c) {
        return new StopRequest(c.label(), c.pid(), c.spawned().exit(), c.killSignal(), c.killTimeout());
    }

    /**
     * The pumps end when every holder of the pipes has closed them. Once the group is empty only a stray that left
     * the group can hold them; after the grace period it is cut off, so a restart never waits on it.
     */
    private static CompletableFuture<Void> drained(Services s, Child c) {
        return c.pumpsDone().completeOnTimeout(null, s.pumpGrace().toMillis(), TimeUnit.MILLISECONDS)
                .thenRun(() -> {
                    if (!c.pumpsDone().isDone()) {
                        c.abortPumps();
                    }
                });
    }
}
