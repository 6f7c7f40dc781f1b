package dev.orchestrator.control;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ForwardedCommand} printed and its exit code; or, when {@link #declined()} says why, nothing ran and the
 * client must run the command in a JVM of its own (another build, a verb or form that is not forwarded, another
 * project).
 */
public record CommandOutcome(Optional<String> declined, int exitCode, String stdout, String stderr) {

    public CommandOutcome {
        Objects.requireNonNull(declined);
        Objects.requireNonNull(stdout);
        Objects.requireNonNull(stderr);
    }

    /** The command ran: its exit code and output. */
    public static CommandOutcome ran(int exitCode, String stdout, String stderr) {
        return new CommandOutcome(Optional.empty(), exitCode, stdout, stderr);
    }

    /** The command did not run here, for {@code reason}. */
    public static CommandOutcome declined(String reason) {
        return new CommandOutcome(Optional.of(reason), 0, "", "");
    }
}
