package dev.orchestrator.boot;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.plan.ProjectPlan;
import dev.orchestrator.plan.StopSpec;
import java.time.Duration;

/**
 * How long systemd must let {@code orchestrator up} take to stop. Without {@code depends_on} every app stops at once,
 * so the slowest stop is the longest {@code kill_timeout} of the apps {@code up} starts (CONTRACTS), after which the
 * group is SIGKILLed; the margin covers reaping the groups and the JVM's own exit.
 */
public final class StopBudget {

    /** Added to the slowest kill_timeout. */
    public static final Duration MARGIN = Duration.ofSeconds(10);

    private StopBudget() {
    }

    public static Duration needed(ProjectPlan plan) {
        Duration slowest = plan.runnable().stream().map(AppSpec::stop).map(StopSpec::killTimeout)
                .max(Duration::compareTo).orElse(StopSpec.DEFAULT.killTimeout());
        return slowest.plus(MARGIN);
    }
}
