package dev.orchestrator.supervisor;

import dev.orchestrator.logs.LogFiles;
import dev.orchestrator.process.GroupStopper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link ProcessRunner} shares.
 *
 * @param control     virtual threads for exit handling, restarts and stop completion (never a pipe read)
 * @param timer       one platform thread that only waits out restart delays and hands the restart to {@code control}
 * @param pumpGrace   how long to wait for a dead group's output to drain before closing the pipe on a stray holder
 * @param stateChange called after any change that state.json should show; must not block
 */
record Services(Clock clock, String runId, GroupStopper stopper, LogFiles logs, EventBus events,
        ExecutorService control, ScheduledExecutorService timer, Duration pumpGrace, Runnable stateChange) {
}
