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
}
