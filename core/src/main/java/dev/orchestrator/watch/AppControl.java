package dev.orchestrator.watch;

import dev.orchestrator.plan.AppSpec;
import java.util.concurrent.CompletableFuture;

/**
 * What hot reload asks of the supervisor. Every call comes from one reload thread (or the watch thread for source-watch
 * restarts), never two reloads at once; implementations must not block for long: a stop or restart returns a future
 * that completes when the old processes are gone (and, for a restart, the new ones launched).
 */
public interface AppControl {

    /** Start a new app (all its instances). */
    void start(AppSpec spec);

    /** The app left the project (folder or entry deleted, or {@code disabled: true}): stop it gracefully and forget it. */
    CompletableFuture<Void> stop(String name);

    /** Stop every instance of the app and start it again with {@code newSpec} (which may equal the running one). */
    CompletableFuture<Void> restart(AppSpec newSpec);

    /** Only {@code instances} changed: start instances {@code from..to-1}, or stop {@code to..from-1}; the others stay. */
    void scale(AppSpec newSpec, int from, int to);

    /** The app cannot be planned; {@code reason} is the compiler-style error line. Nothing runs for it. */
    void markFailed(String name, String reason);

    /**
     * The user stopped this app ({@code stop X}); its descriptor changed: remember {@code newSpec} for the next
     * {@code start X}, but do not start it. (Not in the first sketch of this interface: without it a stopped app's
     * edits would be lost until a restart of the orchestrator.)
     */
    void updateStopped(AppSpec newSpec);
}
