package dev.orchestrator.supervisor;

import dev.orchestrator.process.ExitStatus;
import dev.orchestrator.plan.RestartSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * PM2's restart semantics as one pure function of (exit, history, now), made explicit:
 * <ol>
 *   <li>{@code autorestart: false}: never restart.</li>
 *   <li>An exit code in {@code stop_exit_codes} (or 128+n for death by signal n, see {@link ExitStatus}) means done.</li>
 *   <li>A run shorter than {@code min_uptime} is unstable. After {@code max_restarts} consecutive unstable restarts the
 *       next unstable exit errors the app, so {@code max_restarts: 3} starts it exactly 4 times. A stable run resets
 *       the count.</li>
 *   <li>The delay is {@code restart_delay}, unless {@code exp_backoff_restart_delay} is set: then it starts at that
 *       value, grows x1.5 per consecutive restart up to 15 s (or the initial value if larger), and starts over after a
 *       run of 30 s or more. With both set, the backoff wins.</li>
 * </ol>
 */
public final class RestartPolicy {
    static final Duration BACKOFF_CAP = Duration.ofSeconds(15);
    static final Duration BACKOFF_RESET = Duration.ofSeconds(30);

    private RestartPolicy() {
    }

    /** What to do after an exit. */
    public sealed interface Decision {
        /** Start again after {@code delay}; {@code history} is what to remember from now on. */
        record Restart(java.time.Duration delay, String reason, RestartHistory history) implements Decision {
        }

        /** Leave it exited; nothing went wrong. */
        record Stop(String reason) implements Decision {
        }

        /** Give up: a crash loop. */
        record Errored(String reason) implements Decision {
        }
    }

    public static Decision decide(ExitStatus exit, RestartHistory history, Instant now, RestartSpec spec) {
        if (!spec.autorestart()) {
            return new Decision.Stop(exit.describe() + "; autorestart is off");
        }
        if (spec.stopExitCodes().contains(exit.shellValue())) {
            return new Decision.Stop(exit.describe() + ", which stop_exit_codes lists; not restarting");
        }
        Duration uptime = Duration.between(history.startedAt(), now);
        boolean unstable = uptime.compareTo(spec.minUptime()) < 0;
        if (unstable && history.unstableRestarts() >= spec.maxRestarts()) {
            return new Decision.Errored("stopped restarting: " + (spec.maxRestarts() + 1) + " starts in a row each "
                    + "ended within min_uptime " + spec.minUptime().toMillis() + " ms (max_restarts: "
                    + spec.maxRestarts() + "); last " + exit.describe());
        }
        int unstableRestarts = unstable ? history.unstableRestarts() + 1 : 0;
        Duration backoff = Duration.ZERO;
        Duration delay = spec.restartDelay();
        if (spec.expBackoffInitial().isPositive()) {
            boolean fresh = history.lastBackoff().isZero() || uptime.compareTo(BACKOFF_RESET) >= 0;
            Duration cap = BACKOFF_CAP.compareTo(spec.expBackoffInitial()) > 0 ? BACKOFF_CAP : spec.expBackoffInitial();
            backoff = fresh ? spec.expBackoffInitial()
                    : min(Duration.ofMillis((long) Math.floor(history.lastBackoff().toMillis() * 1.5)), cap);
            delay = backoff;
        }
        String reason = exit.describe() + " after " + human(uptime) + (unstable
                ? ", under min_uptime " + spec.minUptime().toMillis() + " ms (unstable restart " + unstableRestarts
                        + " of max_restarts " + spec.maxRestarts() + ")"
                : "");
        return new Decision.Restart(delay, reason, new RestartHistory(history.startedAt(), unstableRestarts, backoff));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * "850 ms", "12.3 s" (tenths rounded half up, as {@code %.1f} would), "4 min 5 s". No {@link java.util.Formatter}:
     * its first use loads the pattern parser and the locale's number symbols, ~12 ms of the daemon's first crash
     * restart, between the exit and the replacement's spawn.
     */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            long tenths = (ms + 50) / 100;
            return tenths / 10 + "." + tenths % 10 + " s";
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }
}
