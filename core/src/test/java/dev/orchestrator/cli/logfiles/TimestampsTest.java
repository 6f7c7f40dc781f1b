package dev.orchestrator.cli.logfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void leadingTimestampsInCommonFormatsAreRead() {
        assertThat(Timestamps.leading("2026-11-27 10:00:05: hello", PARIS))
                .contains(Instant.parse("2026-11-27T09:00:05Z"));
        assertThat(Timestamps.leading("2026-11-27T10:00:05.250+01:00 hello", PARIS))
                .contains(Instant.parse("2026-11-27T09:00:05.250Z"));
        assertThat(Timestamps.leading("[2026-11-27 10:00:05,5 Z] hello", PARIS))
                .contains(Instant.parse("2026-11-27T10:00:05.500Z"));
        assertThat(Timestamps.leading("2026-11-27 10:00 +0200 x", PARIS))
                .contains(Instant.parse("2026-11-27T08:00:00Z"));
    }

    @Test
    void linesWithoutATimestampAtTheStartHaveNone() {
        assertThat(Timestamps.leading("  at foo(Bar.java:3) 2026-11-27 10:00:05", PARIS)).isEmpty();
        assertThat(Timestamps.leading("2026-13-45 99:99:99 nonsense", PARIS)).isEmpty();
    }

    @Test
    void sinceTakesDurationsBackFromNow() {
        assertThat(Timestamps.since("10m", NOW, PARIS)).isEqualTo(Instant.parse("2026-11-27T11:50:00Z"));
        assertThat(Timestamps.since("1h30m", NOW, PARIS)).isEqualTo(Instant.parse("2026-11-27T10:30:00Z"));
        assertThat(Timestamps.since("2d", NOW, PARIS)).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
        assertThat(Timestamps.since("500ms", NOW, PARIS)).isEqualTo(Instant.parse("2026-11-27T11:59:59.500Z"));
    }

    @Test
    void sinceTakesTimesAndDates() {
        assertThat(Timestamps.since("2026-11-27T10:00", NOW, PARIS)).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
        assertThat(Timestamps.since("2026-11-27 10:00:00Z", NOW, PARIS))
                .isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(Timestamps.since("2026-11-27", NOW, PARIS)).isEqualTo(Instant.parse("2026-11-26T23:00:00Z"));
    }

    @Test
    void anythingElseIsRejectedWithTheForms() {
        for (String bad : new String[] {"10x", "yesterday", "", "2026-11-27 10:00 and more"}) {
            assertThatThrownBy(() -> Timestamps.since(bad, NOW, PARIS)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--since '" + bad + "' is not valid: write a duration (10m, 2h, 1h30m, 1d) or a time "
                            + "(2026-11-27T10:00, 2026-11-27 10:00:00, 2026-11-27)");
        }
    }
}
