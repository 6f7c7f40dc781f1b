package dev.orchestrator.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the restart policy remembers about one process between starts.
 *
 * @param startedAt        when the current run started
 * @param unstableRestarts consecutive restarts after exits sooner than {@code min_uptime}
 * @param lastBackoff      the last exponential-backoff delay, zero when none is running
 */
public record RestartHistory(Instant startedAt, int unstableRestarts, Duration lastBackoff) {

    public RestartHistory {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastBackoff, "lastBackoff");
    }

    /** A first start (also after a user's start or restart, which forgives earlier crashes). */
    public static RestartHistory firstStart(Instant at) {
        return new RestartHistory(at, 0, Duration.ZERO);
    }

    /** The same counters for a run that began at {@code at}. */
    public RestartHistory startedAgain(Instant at) {
        return new RestartHistory(at, unstableRestarts, lastBackoff);
    }
}
