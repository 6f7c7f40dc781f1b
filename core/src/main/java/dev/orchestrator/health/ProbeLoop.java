package dev.orchestrator.health;

import dev.orchestrator.descriptor.Settings;
import dev.orchestrator.supervisor.Supervisor;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The probes of one running child. The ready probe runs every {@code interval} from {@code initial_delay} until it
 * passes once; then the child is {@code ready} and the live probe begins (at once, without a ready probe). The live
 * probe restarts the child after {@code failure_threshold} failures in a row, under its restart policy (Kubernetes'
 * meaning). Tries are timed by the monitor's one scheduler thread and run on virtual threads; one try at a time, the
 * next one {@code interval} after the previous ended.
 */
final class ProbeLoop {

    private final LiveProcess process;
    private final Supervisor supervisor;
    private final ScheduledExecutorService scheduler;
    private final Executor io;
    private final Settings.Probe readyProbe;
    private final Settings.Probe liveProbe;
    private final Check ready;
    private final Check live;
    private volatile boolean cancelled;
    private volatile ScheduledFuture<?> next;
    private int liveFailures; // touched only by the one try in flight

    ProbeLoop(LiveProcess process, Supervisor supervisor, ScheduledExecutorService scheduler, Executor io) {
        this.process = process;
        this.supervisor = supervisor;
        this.scheduler = scheduler;
        this.io = io;
        this.readyProbe = process.spec().health().ready().orElse(null);
        this.liveProbe = process.spec().health().live().orElse(null);
        this.ready = readyProbe == null ? null : check(readyProbe, process, supervisor.runId());
        this.live = liveProbe == null ? null : check(liveProbe, process, supervisor.runId());
    }

    static boolean needed(LiveProcess p) {
        return p.spec().health().ready().isPresent() || p.spec().health().live().isPresent();
    }

    static Check check(Settings.Probe probe, LiveProcess p, String runId) {
        return switch (probe.kind()) {
            case HTTP -> new HttpCheck(probe.target());
            case TCP -> new TcpCheck(probe.target());
            case EXEC -> new ExecCheck(probe.target(), p, runId);
            case LOG -> new LogCheck(probe.target(), p);
        };
    }

    void start() {
        if (ready != null) {
            schedule(this::tryReady, readyProbe.initialDelay());
        } else if (live != null) {
            schedule(this::tryLive, liveProbe.initialDelay());
        }
    }

    /** The child is gone: no further tries; a try in flight finishes but acts on nothing. */
    void cancel() {
        cancelled = true;
        ScheduledFuture<?> n = next;
        if (n != null) {
            n.cancel(false);
        }
    }

    private void tryReady() {
        Check.Outcome outcome = safely(ready, readyProbe);
        if (cancelled) {
            return;
        }
        if (!outcome.ok()) {
            schedule(this::tryReady, readyProbe.interval());
            return;
        }
        supervisor.markReady(process.name(), process.instance(), process.pid());
        if (live != null) {
            schedule(this::tryLive, liveProbe.initialDelay());
        }
    }

    private void tryLive() {
        Check.Outcome outcome = safely(live, liveProbe);
        if (cancelled) {
            return;
        }
        if (outcome.ok()) {
            liveFailures = 0;
        } else if (++liveFailures >= Math.max(1, liveProbe.failureThreshold())) {
            cancelled = true;
            supervisor.restartUnhealthy(process.name(), process.instance(), process.pid(), "live probe failed "
                    + liveFailures + (liveFailures == 1 ? " time: " : " times in a row: ") + outcome.detail());
            return;
        }
        schedule(this::tryLive, liveProbe.interval());
    }

    private static Check.Outcome safely(Check check, Settings.Probe probe) {
        try {
            return check.run(probe.timeout());
        } catch (RuntimeException e) {
            return Check.Outcome.fail(probe.kind().key() + " probe failed: " + e);
        }
    }

    private void schedule(Runnable attempt, Duration delay) {
        if (cancelled) {
            return;
        }
        try {
            next = scheduler.schedule(() -> {
                try {
                    io.execute(attempt);
                } catch (RejectedExecutionException e) {
                    cancelled = true;
                }
            }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            cancelled = true; // the monitor is closing
        }
    }
}
