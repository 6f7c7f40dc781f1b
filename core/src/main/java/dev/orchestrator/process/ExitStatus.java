package dev.orchestrator.process;

import java.time.Instant;
import java.util.Objects;

/**
 * How a process ended: exactly one of {@code code} (it called exit) and {@code signal} (a signal ended it) is set.
 *
 * <p>Children spawned through {@code posix_spawn} are reaped by {@link ChildReaper} with {@code waitid}, which reports
 * the real cause: {@code exit(137)} is code 137, SIGKILL is SIGKILL. Only the {@link ProcessBuilder} fallback
 * ({@link #fromJdk}) has to guess, as a shell's {@code $?} does. Either way the restart policy's
 * {@code stop_exit_codes} match both forms (listing 143 also matches SIGTERM).
 *
 * @param code   the exit code, or null when a signal ended the process
 * @param signal the signal, or null when the process exited
 * @param at     when the exit was observed
 */
public record ExitStatus(Integer code, Signal signal, Instant at) {

    public ExitStatus {
        if ((code == null) == (signal == null)) {
            throw new IllegalArgumentException("exactly one of code and signal must be set: " + code + ", " + signal);
        }
        Objects.requireNonNull(at, "at");
    }

    public static ExitStatus exited(int code, Instant at) {
        return new ExitStatus(code, null, at);
    }

    public static ExitStatus killed(Signal signal, Instant at) {
        return new ExitStatus(null, signal, at);
    }

    /**
     * From {@link Process#exitValue()}: the JDK reports death by signal n as 128+n, the same number a process gets by
     * calling {@code exit(128+n)}, so, like a shell, a value 128+n where n is a known Linux signal is reported as that
     * signal; any other value is an exit code.
     */
    public static ExitStatus fromJdk(int value, Instant at) {
        if (value > 128) {
            var signal = Signal.ofNumber(value - 128);
            if (signal.isPresent()) {
                return killed(signal.get(), at);
            }
        }
        return exited(value, at);
    }

    /** The number a shell would show: the code, or 128+signal. */
    public int shellValue() {
        return code != null ? code : 128 + signal.number();
    }

    /** "exited with code 1" or "killed by SIGKILL". */
    public String describe() {
        return code != null ? "exited with code " + code : "killed by " + signal.name();
    }
}
