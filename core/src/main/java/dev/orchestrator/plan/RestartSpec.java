package dev.orchestrator.plan;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * PM2's restart options, made explicit.
 *
 * @param autorestart        restart after an exit at all ({@code autorestart}, default true)
 * @param restartDelay       wait before each restart ({@code restart_delay}, default 0)
 * @param expBackoffInitial  {@code exp_backoff_restart_delay}; zero means off. When on, the delay grows x1.5 per
 *                           consecutive crash up to 15 s and resets after 30 s of stable uptime
 * @param maxRestarts        consecutive unstable restarts before the app is errored ({@code max_restarts}, default 16)
 * @param minUptime          an exit sooner than this counts as unstable ({@code min_uptime}, default 1000 ms)
 * @param stopExitCodes      exit codes that mean "done, do not restart" ({@code stop_exit_codes})
 */
public record RestartSpec(
        boolean autorestart,
        Duration restartDelay,
        Duration expBackoffInitial,
        int maxRestarts,
        Duration minUptime,
        Set<Integer> stopExitCodes) {

    public static final RestartSpec DEFAULT =
            new RestartSpec(true, Duration.ZERO, Duration.ZERO, 16, Duration.ofMillis(1000), Set.of());

    public RestartSpec {
        Objects.requireNonNull(restartDelay, "restartDelay");
        Objects.requireNonNull(expBackoffInitial, "expBackoffInitial");
        Objects.requireNonNull(minUptime, "minUptime");
        stopExitCodes = Set.copyOf(stopExitCodes);
    }
}
