package dev.orchestrator.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * How an app is stopped: {@code killSignal} (e.g. {@code SIGTERM}, {@code SIGINT}) to the whole process group, then
 * SIGKILL to the group after {@code killTimeout}; the stop is done when no process of the group is left.
 */
public record StopSpec(String killSignal, Duration killTimeout) {

    public static final StopSpec DEFAULT = new StopSpec("SIGTERM", Duration.ofMillis(1600));

    public StopSpec {
        Objects.requireNonNull(killSignal, "killSignal");
        Objects.requireNonNull(killTimeout, "killTimeout");
    }
}
