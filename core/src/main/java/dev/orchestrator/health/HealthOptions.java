package dev.orchestrator.health;

import dev.orchestrator.descriptor.RootConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the health monitor is timed. Production uses {@link #of}; tests shorten the intervals and may fake the clock.
 *
 * @param heartbeat         the endpoint's port ({@code 0}: any free port), {@code CHECK_INTERVAL} and the default
 *                          {@code HEARTBEAT_TIMEOUT}
 * @param memoryInterval    how often one {@code /proc} sweep samples every app with {@code max_memory_restart}
 * @param tick              how often dependency timeouts are checked while a dependent waits for its gate
 * @param cronSleep         the longest the monitor sleeps towards the next {@code cron_restart} time while some app
 *                          has one (it wakes at that time anyway): bounds how late a wall clock set forward, or a
 *                          laptop resumed past a cron time, is noticed (the timer does not count suspended time)
 * @param dependencyTimeout how long a dependent waits for each dependency to reach its condition
 * @param clock             for heartbeats, cron schedules and dependency timeouts
 */
public record HealthOptions(RootConfig.Heartbeat heartbeat, Duration memoryInterval, Duration tick,
                            Duration cronSleep, Duration dependencyTimeout, Clock clock) {

    public static final Duration MEMORY_INTERVAL = Duration.ofSeconds(5);
    public static final Duration TICK = Duration.ofMillis(500);
    public static final Duration CRON_SLEEP = Duration.ofSeconds(10);
    public static final Duration DEPENDENCY_TIMEOUT = Duration.ofSeconds(60);

    public HealthOptions {
        Objects.requireNonNull(heartbeat, "heartbeat");
        positive(memoryInterval, "memoryInterval");
        positive(tick, "tick");
        positive(cronSleep, "cronSleep");
        positive(dependencyTimeout, "dependencyTimeout");
        Objects.requireNonNull(clock, "clock");
        positive(heartbeat.checkInterval(), "heartbeat.checkInterval");
    }

    /** The defaults, with the project's heartbeat settings; the system clock, in the system's zone. */
    public static HealthOptions of(RootConfig.Heartbeat heartbeat) {
        return new HealthOptions(heartbeat, MEMORY_INTERVAL, TICK, CRON_SLEEP, DEPENDENCY_TIMEOUT, new LocalClock());
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }
}
