package dev.orchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The production clock: the system time, and the system's zone as it is when asked. */
class LocalClockTest {

    @Test
    void followsTheDefaultZoneWhenAskedAndTellsTheSystemTime() {
        TimeZone before = TimeZone.getDefault();
        try {
            LocalClock clock = new LocalClock();
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
            assertThat(clock.getZone()).isEqualTo(ZoneId.of("Pacific/Chatham"));
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            assertThat(clock.getZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
            assertThat(clock.withZone(ZoneId.of("UTC")).getZone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
        } finally {
            TimeZone.setDefault(before);
        }
    }
}
