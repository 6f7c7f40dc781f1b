package dev.orchestrator.process;

import java.time.Duration;

/**
 * A finished group stop.
 *
 * @param label  the request's label
 * @param forced true when SIGKILL was needed (the group outlived the kill timeout)
 * @param took   from the first signal until the group was seen empty
 */
public record StopOutcome(String label, boolean forced, Duration took) {
}
