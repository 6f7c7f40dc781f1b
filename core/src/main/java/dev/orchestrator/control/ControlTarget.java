package dev.orchestrator.control;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the running orchestrator offers the control server. The server calls these methods from one virtual thread per
 * client, so calls may be concurrent; implementations must be thread-safe and must not assume a caller thread.
 *
 * <p>Selectors are what users type: {@code api} (every instance), {@code api:1} (one), a namespace, or {@code all}.
 * {@link Selector#resolve(String, List)} turns one into processes, and gives the message for an unknown name, which an
 * implementation returns as a not-ok {@link ActionResult}.
 */
public interface ControlTarget {

    /** One row per process (every instance of every app, stopped ones included), in a stable order. */
    List<ProcessRow> list();

    /** The resolved spec and history of the app named {@code name}; empty when no app has that name. */
    Optional<AppDetails> describe(String name);

    /** Makes the selected processes' desired state running and starts those not running. */
    ActionResult start(String selector);

    /** Makes the selected processes' desired state stopped (kept across reloads) and stops them; returns when done. */
    ActionResult stop(String selector);

    /** Stops and starts the selected processes, picking up the current descriptors; returns when relaunched. */
    ActionResult restart(String selector);

    /** Re-scans the project now and applies the validated diff, like {@code --watch} does. */
    ActionResult reload();

    /**
     * Stops every app. The server answers the client after this returns; the orchestrator then closes the server and
     * exits. Implementations may also exit from inside this call: clients treat the connection closing as success.
     */
    void down();

    /**
     * Registers a listener for lifecycle events until the returned handle is closed. The listener never blocks (the
     * server only queues what it gets), but it is called on the orchestrator's threads: call it outside any lock.
     */
    AutoCloseable subscribe(Consumer<EventRecord> listener);

    /**
     * Runs a command line a thin client forwarded (op {@code cli}), as the CLI would have run it in a JVM of its own,
     * or declines it. The default declines every one: only the orchestrator proper runs forwarded commands.
     */
    default CommandOutcome run(ForwardedCommand command) {
        return CommandOutcome.declined("this orchestrator runs no forwarded commands");
    }
}
