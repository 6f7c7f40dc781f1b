package dev.orchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void durationsAreWholeSecondsOrMilliseconds() {
        assertThat(Texts.duration(Duration.ofMinutes(10))).isEqualTo("600s");
        assertThat(Texts.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void sizesRoundToTheirUnitAndNeverEqualTheLimitTheyExceed() {
        assertThat(Texts.size(300L << 20)).isEqualTo("300M");
        assertThat(Texts.size(1L << 30)).isEqualTo("1G");
        assertThat(Texts.sizeOver(412L << 20, 300L << 20)).isEqualTo("412M");
        assertThat(Texts.sizeOver((300L << 20) + (200 << 10), 300L << 20)).isEqualTo("300.2M");
    }
}
