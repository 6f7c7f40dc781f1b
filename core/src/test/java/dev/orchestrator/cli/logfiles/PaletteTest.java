package dev.orchestrator.cli.logfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PaletteTest {

    @Test
    void colourOnlyOnATerminalWithoutNoColor() {
        assertThat(Palette.enabled(true, Map.of())).isTrue();
        assertThat(Palette.enabled(true, Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(Palette.enabled(true, Map.of("NO_COLOR", ""))).isTrue();
        assertThat(Palette.enabled(false, Map.of())).isFalse();
    }

    @Test
    void aNameAlwaysGetsTheSameColour() {
        assertThat(Palette.paint("api")).isEqualTo("\u001b[" + Palette.colourOf("api") + "mapi\u001b[0m");
        assertThat(Palette.colourOf("api")).isEqualTo(Palette.colourOf(new String("api")));
        assertThat(Palette.colourOf("api")).isEqualTo("34");
    }
}
