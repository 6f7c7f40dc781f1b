package dev.orchestrator.health;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the system's time zone, looked up when something first asks for the zone (a
 * {@code cron_restart} schedule). {@link Clock#systemDefaultZone()} looks it up at once, and the JDK's time-zone
 * set-up (reading {@code /etc/localtime} and the tz database) took ~5 ms of every start, for projects without cron.
 * Each call of {@link #getZone()} asks again, so a changed default zone applies, as it would to a new clock.
 */
final class LocalClock extends Clock {

    @Override
    public ZoneId getZone() {
        return ZoneId.systemDefault();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.system(zone);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "LocalClock";
    }
}
