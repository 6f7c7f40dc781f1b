package dev.orchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A check that sleeps until asked: driven by hand through a scheduler that only records what it is given. */
class TimedTest {

    /** One scheduled turn; {@link #fire} runs it. */
    private static final class Slot implements ScheduledFuture<Object> {
        final Runnable command;
        final long delay;
        boolean cancelled;

        Slot(Runnable command, long delay) {
            this.command = command;
            this.delay = delay;
        }

        void fire() {
            command.run();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(delay, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(delay, o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean interrupt) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            Slot s = new Slot(command, unit.toNanos(delay));
            slots.add(s);
            return s;
        }
    };
    private int turns;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Timed timed(LongSupplier turn) {
        return new Timed("test", scheduler, Runnable::run, 99, () -> {
            turns++;
            return turn.getAsLong();
        });
    }

    private List<Long> live() {
        return slots.stream().filter(s -> !s.cancelled).map(s -> s.delay).toList();
    }

    private Slot last() {
        return slots.getLast();
    }

    @Test
    void aWakeSchedulesOneTurnAndAnEarlierWakeReplacesALaterOne() {
        Timed t = timed(() -> -1);

        t.wake(50);
        t.wake(80);
        assertThat(live()).containsExactly(50L);
        t.wake(10);
        assertThat(live()).containsExactly(10L);
        assertThat(turns).isZero();
    }

    @Test
    void aTurnSaysWhenTheNextComesAndNoneWhenNothingNeedsChecking() {
        long[] next = {7};
        Timed t = timed(() -> next[0]);
        t.wake(0);

        last().fire();
        assertThat(turns).isEqualTo(1);
        assertThat(last().delay).isEqualTo(7);

        next[0] = -1;
        last().fire();
        assertThat(turns).isEqualTo(2);
        assertThat(slots).hasSize(2);
    }

    @Test
    void aWakeDuringATurnIsKeptForAfterIt() {
        Timed[] self = new Timed[1];
        self[0] = timed(() -> {
            self[0].wake(3); // e.g. a heartbeat that made a child tracked while the check ran
            return -1;
        });
        self[0].wake(0);

        last().fire();

        assertThat(turns).isEqualTo(1);
        assertThat(last().delay).isEqualTo(3);
    }

    @Test
    void aTurnThatThrowsComesAgainAfterTheFailureDelay() {
        Timed t = timed(() -> {
            throw new IllegalStateException("boom");
        });
        t.wake(0);

        last().fire();

        assertThat(last().delay).isEqualTo(99);
    }
}
