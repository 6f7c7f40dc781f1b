package dev.orchestrator.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrator.plan.RestartSpec;
import dev.orchestrator.process.ExitStatus;
import dev.orchestrator.process.Signal;
import dev.orchestrator.supervisor.RestartPolicy.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy with a fake clock: {@code now} moves by hand, no process is involved. */
class RestartPolicyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RestartSpec DEFAULTS = RestartSpec.DEFAULT;

    @Test
    void restartsAStableExitAtOnceByDefault() {
        Decision d = decide(ExitStatus.exited(1, at(5000)), RestartHistory.firstStart(T0), at(5000), DEFAULTS);
        assertThat(d).isEqualTo(new Decision.Restart(Duration.ZERO, "exited with code 1 after 5.0 s",
                new RestartHistory(T0, 0, Duration.ZERO)));
    }

    @Test
    void countsAnExitBeforeMinUptimeAsUnstable() {
        Decision d = decide(ExitStatus.killed(Signal.SIGKILL, at(200)), RestartHistory.firstStart(T0), at(200),
                DEFAULTS);
        assertThat(d).isEqualTo(new Decision.Restart(Duration.ZERO,
                "killed by SIGKILL after 200 ms, under min_uptime 1000 ms (unstable restart 1 of max_restarts 16)",
                new RestartHistory(T0, 1, Duration.ZERO)));
    }

    @Test
    void startsAnAppExactlyOnePlusMaxRestartsTimesWhenEveryRunIsUnstable() {
        RestartSpec spec = new RestartSpec(true, Duration.ZERO, Duration.ZERO, 3, Duration.ofSeconds(1), Set.of());
        Instant now = T0;
        RestartHistory history = RestartHistory.firstStart(now);
        int starts = 1;
        Decision d;
        while ((d = decide(ExitStatus.exited(2, now.plusMillis(10)), history, now.plusMillis(10), spec))
                instanceof Decision.Restart r) {
            now = now.plusMillis(10);
            history = r.history().startedAgain(now);
            starts++;
        }
        assertThat(starts).isEqualTo(4);
        assertThat(d).isEqualTo(new Decision.Errored("stopped restarting: 4 starts in a row each ended within "
                + "min_uptime 1000 ms (max_restarts: 3); last exited with code 2"));
    }

    @Test
    void aStableRunResetsTheUnstableCount() {
        RestartSpec spec = new RestartSpec(true, Duration.ZERO, Duration.ZERO, 1, Duration.ofSeconds(1), Set.of());
        RestartHistory twiceUnstable = new RestartHistory(T0, 1, Duration.ZERO);
        Decision d = decide(ExitStatus.exited(1, at(1000)), twiceUnstable, at(1000), spec);
        assertThat(d).isInstanceOfSatisfying(Decision.Restart.class,
                r -> assertThat(r.history().unstableRestarts()).isZero());
    }

    @Test
    void waitsRestartDelayBeforeEachRestart() {
        RestartSpec spec = new RestartSpec(true, Duration.ofSeconds(10), Duration.ZERO, 16, Duration.ofSeconds(1),
                Set.of());
        Decision d = decide(ExitStatus.exited(1, at(60_000)), RestartHistory.firstStart(T0), at(60_000), spec);
        assertThat(((Decision.Restart) d).delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(((Decision.Restart) d).reason()).isEqualTo("exited with code 1 after 1 min 0 s");
    }

    @Test
    void growsTheBackoffByHalfPerCrashUpToFifteenSeconds() {
        RestartSpec spec = new RestartSpec(true, Duration.ZERO, Duration.ofMillis(1000), 100, Duration.ofMillis(10),
                Set.of());
        List<Long> delays = new ArrayList<>();
        Instant now = T0;
        RestartHistory history = RestartHistory.firstStart(now);
        for (int i = 0; i < 10; i++) {
            now = now.plusSeconds(5); // stable (over min_uptime) but under the 30 s reset
            Decision.Restart r = (Decision.Restart) decide(ExitStatus.exited(1, now), history, now, spec);
            delays.add(r.delay().toMillis());
            now = now.plus(r.delay());
            history = r.history().startedAgain(now);
        }
        assertThat(delays).containsExactly(1000L, 1500L, 2250L, 3375L, 5062L, 7593L, 11389L, 15000L, 15000L, 15000L);
    }

    @Test
    void resetsTheBackoffAfterThirtySecondsOfUptime() {
        RestartSpec spec = new RestartSpec(true, Duration.ofSeconds(7), Duration.ofMillis(100), 16,
                Duration.ofSeconds(1), Set.of());
        RestartHistory grown = new RestartHistory(T0, 0, Duration.ofSeconds(8));
        Decision.Restart early = (Decision.Restart) decide(ExitStatus.exited(1, at(29_999)), grown, at(29_999), spec);
        Decision.Restart late = (Decision.Restart) decide(ExitStatus.exited(1, at(30_000)), grown, at(30_000), spec);
        assertThat(early.delay()).isEqualTo(Duration.ofSeconds(12));
        assertThat(late.delay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void doesNotRestartAnExitCodeListedInStopExitCodesIncludingSignalValues() {
        RestartSpec spec = new RestartSpec(true, Duration.ZERO, Duration.ZERO, 16, Duration.ofSeconds(1),
                Set.of(0, 143));
        RestartHistory h = RestartHistory.firstStart(T0);
        assertThat(decide(ExitStatus.exited(0, at(10)), h, at(10), spec))
                .isEqualTo(new Decision.Stop("exited with code 0, which stop_exit_codes lists; not restarting"));
        assertThat(decide(ExitStatus.killed(Signal.SIGTERM, at(10)), h, at(10), spec))
                .isEqualTo(new Decision.Stop("killed by SIGTERM, which stop_exit_codes lists; not restarting"));
        assertThat(decide(ExitStatus.exited(1, at(10)), h, at(10), spec)).isInstanceOf(Decision.Restart.class);
    }

    @Test
    void neverRestartsWhenAutorestartIsOff() {
        RestartSpec spec = new RestartSpec(false, Duration.ZERO, Duration.ZERO, 16, Duration.ofSeconds(1), Set.of());
        assertThat(decide(ExitStatus.exited(1, at(10)), RestartHistory.firstStart(T0), at(10), spec))
                .isEqualTo(new Decision.Stop("exited with code 1; autorestart is off"));
    }

    @Test
    void errorsAtOnceWithMaxRestartsZero() {
        RestartSpec spec = new RestartSpec(true, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(1), Set.of());
        assertThat(decide(ExitStatus.exited(1, at(10)), RestartHistory.firstStart(T0), at(10), spec))
                .isInstanceOf(Decision.Errored.class);
    }

    private static Decision decide(ExitStatus exit, RestartHistory h, Instant now, RestartSpec spec) {
        return RestartPolicy.decide(exit, h, now, spec);
    }

    private static Instant at(long ms) {
        return T0.plusMillis(ms);
    }

    @Test
    void durationsReadAsPrintfWouldWriteThemWithOneDecimal() {
        assertThat(RestartPolicy.human(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(RestartPolicy.human(Duration.ofMillis(1000))).isEqualTo("1.0 s");
        assertThat(RestartPolicy.human(Duration.ofMinutes(4).plusSeconds(5))).isEqualTo("4 min 5 s");
        for (long ms = 1000; ms < 60_000; ms += 7) { // 1249 -> 1.2, 1250 -> 1.3, 59960 -> 60.0
            assertThat(RestartPolicy.human(Duration.ofMillis(ms)))
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0));
        }
        assertThat(RestartPolicy.human(Duration.ofMillis(59_960))).isEqualTo("60.0 s");
    }
}
