package dev.orchestrator.health;

import dev.orchestrator.plan.AppSpec;
import dev.orchestrator.supervisor.LifecycleEvent;
import java.time.Instant;

/**
 * One running child the monitor watches, from its {@code Started} event until it exits or stops.
 *
 * @param label     the process label ({@code api}, or {@code api-1} with several instances)
 * @param pid       the child's pid, which is also its process group id
 * @param spec      the spec it was started with
 * @param startedAt when the monitor saw it start (on the monitor's clock)
 * @param output    where its output begins in its log files
 */
record LiveProcess(String name, int instance, String label, int pid, AppSpec spec, Instant startedAt,
                   LifecycleEvent.OutputStart output) {
}
