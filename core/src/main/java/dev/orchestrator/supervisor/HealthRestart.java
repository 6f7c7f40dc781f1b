package dev.orchestrator.supervisor;

import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.process.ExitStatus;
import dev.orchestrator.supervisor.RestartPolicy.Decision;
import java.time.Duration;
import java.util.Set;

/**
 * What follows the exit of a child the health package asked to restart (a heartbeat timeout, failed liveness probe,
 * memory limit, or a cron schedule). A pure function, like {@link RestartPolicy}.
 */
final class HealthRestart {

    /**
     * A restart in progress: the child was sent its kill signal.
     *
     * @param reason    what the user sees ({@code heartbeat timeout after 600s})
     * @param scheduled a cron restart, which the user asked for in advance: it always starts the app again at once,
     *                  forgiving earlier crashes, like {@code orchestrator restart}; a health failure instead goes
     *                  through the restart policy
     */
    record Pending(String reason, boolean scheduled) {
    }

    private HealthRestart() {
    }

    static Decision decide(Pending pending, ExitStatus exit, RestartHistory history, RestartSpec spec) {
        if (pending.scheduled()) {
            return new Decision.Restart(Duration.ZERO, pending.reason(), RestartHistory.firstStart(exit.at()));
        }
        // The exit is our own kill signal: stop_exit_codes (143 for SIGTERM) must not read it as "done".
        RestartSpec policy = new RestartSpec(spec.autorestart(), spec.restartDelay(), spec.expBackoffInitial(),
                spec.maxRestarts(), spec.minUptime(), Set.of());
        return switch (RestartPolicy.decide(exit, history, exit.at(), policy)) {
            case Decision.Restart r -> new Decision.Restart(r.delay(), pending.reason(), r.history());
            case Decision.Stop st -> new Decision.Stop(pending.reason() + "; autorestart is off, so it stays exited");
            case Decision.Errored er -> new Decision.Errored(pending.reason() + "; " + er.reason());
        };
    }
}
