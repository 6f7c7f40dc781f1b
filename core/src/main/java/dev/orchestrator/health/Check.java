package dev.orchestrator.health;

import java.time.Duration;

/**
 * One try of a probe: blocking, bounded by {@code timeout}, run on a virtual thread (sockets, files and waiting for a
 * short-lived process do not hold a carrier). Never throws: a failure is an {@link Outcome} that says why.
 */
interface Check {

    Outcome run(Duration timeout);

    /** Passed or not, and what was seen ({@code GET http://127.0.0.1:5001/health answered 503}). */
    record Outcome(boolean ok, String detail) {
        static Outcome pass(String detail) {
            return new Outcome(true, detail);
        }

        static Outcome fail(String detail) {
            return new Outcome(false, detail);
        }
    }

    static String describe(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
