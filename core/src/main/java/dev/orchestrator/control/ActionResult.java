package dev.orchestrator.control;

import java.util.List;
import java.util.Objects;

/**
 * The answer to {@code start}, {@code stop}, {@code restart} and {@code reload}.
 *
 * @param ok       whether the action did what was asked
 * @param affected the processes acted on, as {@code name:instance}
 * @param message  one line for people: what happened, or what failed and how to fix it (for an unknown selector, the
 *                 names that exist, as {@link Selector.Resolution#problem()} words it)
 */
public record ActionResult(boolean ok, List<String> affected, String message) {

    public ActionResult {
        affected = List.copyOf(affected);
        Objects.requireNonNull(message, "message");
    }

    public static ActionResult done(List<String> affected, String message) {
        return new ActionResult(true, affected, message);
    }

    public static ActionResult failed(String message) {
        return new ActionResult(false, List.of(), message);
    }
}
