package dev.orchestrator.process;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Linux signals (x86-64 and arm64 numbering) that a user may name in {@code kill_signal} or that may end a child. */
public enum Signal {
    SIGHUP(1), SIGINT(2), SIGQUIT(3), SIGILL(4), SIGTRAP(5), SIGABRT(6), SIGBUS(7), SIGFPE(8), SIGKILL(9),
    SIGUSR1(10), SIGSEGV(11), SIGUSR2(12), SIGPIPE(13), SIGALRM(14), SIGTERM(15), SIGSTKFLT(16), SIGCHLD(17),
    SIGCONT(18), SIGSTOP(19), SIGTSTP(20), SIGTTIN(21), SIGTTOU(22), SIGURG(23), SIGXCPU(24), SIGXFSZ(25),
    SIGVTALRM(26), SIGPROF(27), SIGWINCH(28), SIGIO(29), SIGPWR(30), SIGSYS(31);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The name without the {@code SIG} prefix, as {@code sun.misc.Signal} and {@code kill -l} spell it. */
    public String shortName() {
        return name().substring(3);
    }

    public static Optional<Signal> ofNumber(int number) {
        for (Signal s : values()) {
            if (s.number == number) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses {@code SIGTERM} or {@code TERM} (any case).
     *
     * @throws IllegalArgumentException naming the input and the accepted names
     */
    public static Signal parse(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        String full = upper.startsWith("SIG") ? upper : "SIG" + upper;
        for (Signal s : values()) {
            if (s.name().equals(full)) {
                return s;
            }
        }
        String known = Arrays.stream(values()).map(Signal::name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                "signal '" + text + "' is unknown: expected a name like SIGTERM or TERM; known: " + known);
    }
}
