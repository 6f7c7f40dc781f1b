package dev.orchestrator.process;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Stop one process group: {@code signal} to the group, then SIGKILL after {@code killTimeout}, done when no live
 * (non-zombie) process of the group is left.
 *
 * @param label       who this is, for messages (an app's process label)
 * @param pgid        the group
 * @param leaderExit  completes when our direct child (the leader) has been reaped; null when it is not our child.
 *                    Until it completes the group is not empty, which also covers the instant after a spawn through
 *                    the ProcessBuilder fallback when the child has not yet called setsid and the group does not
 *                    exist yet (posix_spawn returns only after the child's setsid and exec).
 * @param signal      the graceful signal ({@code kill_signal})
 * @param killTimeout how long to wait before SIGKILL
 */
public record StopRequest(String label, int pgid, CompletableFuture<?> leaderExit, Signal signal, Duration killTimeout) {

    public StopRequest {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(killTimeout, "killTimeout");
        if (pgid <= 1) {
            throw new IllegalArgumentException("pgid must be > 1, was " + pgid);
        }
    }
}
