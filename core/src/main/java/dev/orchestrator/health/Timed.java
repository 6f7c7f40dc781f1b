package dev.orchestrator.health;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A check that runs only when something asks for it: each turn returns how long until it wants its next turn (in
 * nanoseconds; negative: not until {@link #wake woken}), so an idle monitor sleeps without a timer. Turns run one at
 * a time on {@code io}, timed by the monitor's scheduler; a wake that comes while a turn runs is kept for after it,
 * so a change the turn did not see yet is never lost.
 */
final class Timed {
    private static final Logger LOG = LoggerFactory.getLogger(Timed.class);
    private static final long NONE = Long.MAX_VALUE;

    private final String name;
    private final ScheduledExecutorService scheduler;
    private final Executor io;
    private final LongSupplier turn;
    private final long afterFailure;
    private ScheduledFuture<?> next; // guarded by this
    private boolean running;         // guarded by this
    private long wokenDelay = NONE;  // guarded by this: the shortest wake asked for while running

    /**
     * @param turn         one turn; returns the nanoseconds until the next one, negative for none
     * @param afterFailure when the next turn comes after a turn that threw
     */
    Timed(String name, ScheduledExecutorService scheduler, Executor io, long afterFailure, LongSupplier turn) {
        this.name = name;
        this.scheduler = scheduler;
        this.io = io;
        this.afterFailure = afterFailure;
        this.turn = turn;
    }

    /** Makes sure a turn begins within {@code delayNanos} (an earlier one already due stays). */
    synchronized void wake(long delayNanos) {
        long delay = Math.max(0, delayNanos);
        if (running) {
            wokenDelay = Math.min(wokenDelay, delay);
            return;
        }
        if (next != null) {
            if (next.getDelay(TimeUnit.NANOSECONDS) <= delay) {
                return;
            }
            next.cancel(false);
        }
        schedule(delay);
    }

    private void schedule(long delay) {
        try {
            next = scheduler.schedule(this::fire, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            next = null; // the monitor is closing
        }
    }

    private void fire() {
        synchronized (this) {
            if (running) {
                wokenDelay = 0;
                return;
            }
            running = true;
            next = null;
        }
        try {
            io.execute(this::run);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running = false; // the monitor is closing
            }
        }
    }

    private void run() {
        long after;
        try {
            after = turn.getAsLong();
        } catch (RuntimeException e) {
            LOG.warn("health check '{}' failed: {}", name, e.toString());
            after = afterFailure;
        }
        synchronized (this) {
            running = false;
            if (wokenDelay != NONE) {
                after = after < 0 ? wokenDelay : Math.min(after, wokenDelay);
                wokenDelay = NONE;
            }
            if (after >= 0) {
                schedule(after);
            }
        }
    }
}
