package dev.orchestrator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsolePrinterTest {
    @Test
    void prefixesEachMessageLineWithTheLabelAlignedToTheWidestLabel() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsolePrinter console = new ConsolePrinter(out, false);
        console.reserve("api-worker");
        console.message("api", "started\nsecond line");
        console.close(Duration.ofSeconds(10));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "api        | started\napi        | second line\n");
    }

    @Test
    void coloursTheLabelWithAColourThatDependsOnlyOnTheLabel() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsolePrinter console = new ConsolePrinter(out, true);
        console.message("api", "hi");
        console.close(Duration.ofSeconds(10));
        int colour = ConsolePrinter.colourOf("api");
        assertThat(colour).isEqualTo(ConsolePrinter.colourOf(new String("api")));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\u001b[" + colour + "mapi |\u001b[0m hi\n");
    }
}
