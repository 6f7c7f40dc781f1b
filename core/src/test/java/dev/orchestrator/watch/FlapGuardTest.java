package dev.orchestrator.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class FlapGuardTest {

    /** A clock the test moves by hand. */
    static final class FakeClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final FakeClock clock = new FakeClock();
    private final FlapGuard guard = new FlapGuard(clock);

    @Test
    void fiveRestartsWithinTenSecondsAreAllowed() {
        for (int i = 0; i < 5; i++) {
            assertThat(guard.tryRestart(Path.of("a.py"))).isTrue();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(guard.paused()).isFalse();
    }

    @Test
    void theSixthRestartWithinTenSecondsPausesTheWatchAndNamesTheFiles() {
        for (int i = 0; i < 5; i++) {
            guard.tryRestart(Path.of(i % 2 == 0 ? "a.py" : "out.txt"));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(guard.tryRestart(Path.of("b.py"))).isFalse();
        assertThat(guard.paused()).isTrue();
        assertThat(guard.recentTriggers()).containsExactly(Path.of("a.py"), Path.of("out.txt"), Path.of("b.py"));
    }

    @Test
    void aPausedWatchRefusesRestartsEvenAfterTheWindow() {
        for (int i = 0; i < 6; i++) {
            guard.tryRestart(Path.of("a.py"));
        }
        clock.advance(Duration.ofMinutes(5));

        assertThat(guard.tryRestart(Path.of("a.py"))).isFalse();
    }

    @Test
    void restartsOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 5; i++) {
            guard.tryRestart(Path.of("a.py"));
        }
        clock.advance(Duration.ofSeconds(10));

        assertThat(guard.tryRestart(Path.of("a.py"))).isTrue();
        assertThat(guard.paused()).isFalse();
    }

    @Test
    void resumeWatchesAgainWithACleanHistory() {
        for (int i = 0; i < 6; i++) {
            guard.tryRestart(Path.of("a.py"));
        }

        guard.resume();

        assertThat(guard.paused()).isFalse();
        assertThat(guard.recentTriggers()).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(guard.tryRestart(Path.of("a.py"))).isTrue();
        }
    }
}
