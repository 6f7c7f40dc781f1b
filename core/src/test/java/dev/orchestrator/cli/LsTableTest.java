package dev.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.control.FakeTarget;
import dev.orchestrator.control.ProcessRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LsTableTest {

    @Test
    void theTableShowsInstancesOnlyForMultiInstanceAppsAndDashesForNothing() {
        Instant now = FakeTarget.T0.plus(Duration.ofMinutes(3));
        assertThat(LsTable.lines(FakeTarget.sample().rows, now)).containsExactly(
                "NAME      NAMESPACE  RUNTIME  STATUS   PID   UPTIME  RESTARTS  CPU   MEM    LAST EXIT",
                "api:0     default    python   running  4242  1m1s    2         1.5%  50.0M  code 1, 3m0s ago",
                "api:1     default    python   running  4243  1h0m    0         0.0%  1.5K   -",
                "web       default    node     backoff  -     -       5         -     -      SIGKILL, 2m30s ago",
                "duck_stt  duck       python   stopped  -     -       0         -     -      -");
    }

    @Test
    void anEmptyOrchestratorSaysSo() {
        assertThat(LsTable.lines(List.<ProcessRow>of(), Instant.EPOCH)).containsExactly(
                "NAME  NAMESPACE  RUNTIME  STATUS  PID  UPTIME  RESTARTS  CPU  MEM  LAST EXIT",
                "(no apps: the orchestrator runs nothing; check 'orchestrator config')");
    }

    @Test
    void durationsAndSizesUseTwoUnitsAtMost() {
        assertThat(LsTable.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(LsTable.duration(Duration.ofSeconds(3 * 86_400 + 7200 + 5))).isEqualTo("3d2h");
        assertThat(LsTable.bytes(512)).isEqualTo("512B");
        assertThat(LsTable.bytes(3L << 30)).isEqualTo("3.0G");
    }

    @Test
    void oneDecimalWritesWhatFormatWrites() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        List<Double> values = new java.util.ArrayList<>(List.of(0.0, 0.05, 0.15, 0.25, 0.95, 1.15, 2.675, 9.95,
                99.95, 1023.95, 0.0004, 0.049999, 1e-300, 9_999_999.95, Double.MIN_VALUE));
        for (int k = 0; k < 20_000; k++) {
            values.add(k / 100.0); // every two-decimal value up to 200: the half-way cases
            values.add(k / 20.0 + 0.05);
        }
        for (int k = 0; k < 100_000; k++) {
            values.add(random.nextDouble() * (k % 2 == 0 ? 100 : 1024));
        }
        for (double v : values) {
            assertThat(LsTable.oneDecimal(v)).as("%s", v).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", v));
        }
        assertThat(LsTable.cpu(12.25)).isEqualTo("12.3%");
        assertThat(LsTable.bytes(1536)).isEqualTo("1.5K");
    }
}
