package dev.orchestrator.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleUnitCheckTest {

    @TempDir
    Path temp;

    private Path unit(String timeout) throws IOException {
        return Files.writeString(temp.resolve("orchestrator-x-00000000.service"),
                "[Service]\nExecStart=/x up\n" + timeout + "KillMode=mixed\n");
    }

    @Test
    void aUnitWithEnoughTimeSaysNothing() throws IOException {
        assertThat(StaleUnitCheck.check(unit("TimeoutStopSec=40s\n"), Duration.ofSeconds(40))).isEmpty();
        assertThat(StaleUnitCheck.check(unit("TimeoutStopSec=1min 30s\n"), Duration.ofSeconds(90))).isEmpty();
        assertThat(StaleUnitCheck.check(unit("TimeoutStopSec=infinity\n"), Duration.ofHours(5))).isEmpty();
    }

    @Test
    void aMissingUnitSaysNothing() {
        assertThat(StaleUnitCheck.check(temp.resolve("none.service"), Duration.ofSeconds(40))).isEmpty();
    }

    @Test
    void aTooShortTimeoutIsAWarningWithTheRemedy() throws IOException {
        Path unit = unit("TimeoutStopSec=21s\n");
        assertThat(StaleUnitCheck.check(unit, Duration.ofMillis(40_001))).hasValue("systemd unit " + unit
                + " has TimeoutStopSec=21s, but stopping every app can take 41s (the slowest kill_timeout plus 10s): "
                + "systemd would SIGKILL the orchestrator in the middle of stopping; run 'orchestrator startup' "
                + "again to rewrite it, then 'systemctl daemon-reload' (with --user for a user unit)");
    }

    @Test
    void withoutTimeoutStopSecSystemdsNinetySecondsCount() throws IOException {
        Path unit = unit("");
        assertThat(StaleUnitCheck.check(unit, Duration.ofSeconds(90))).isEmpty();
        assertThat(StaleUnitCheck.check(unit, Duration.ofSeconds(100))).get().asString()
                .contains("has no TimeoutStopSec (systemd's default, 90s), but stopping every app can take 100s");
    }

    @Test
    void systemdTimeSpansParse() {
        assertThat(StaleUnitCheck.parse("40")).hasValue(Duration.ofSeconds(40));
        assertThat(StaleUnitCheck.parse("500ms")).hasValue(Duration.ofMillis(500));
        assertThat(StaleUnitCheck.parse("2min30s")).hasValue(Duration.ofSeconds(150));
        assertThat(StaleUnitCheck.parse("1h 1s")).hasValue(Duration.ofSeconds(3601));
        assertThat(StaleUnitCheck.parse("soon")).isEqualTo(Optional.empty());
        assertThat(StaleUnitCheck.parse("")).isEqualTo(Optional.empty());
    }
}
