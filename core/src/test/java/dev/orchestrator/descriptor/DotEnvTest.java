package dev.orchestrator.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DotEnvTest {

    private static final Path FILE = Path.of("/repo/agents/duck/.tokens");

    @Test
    void readsCommentsQuotesExportAndInlineComments() {
        DotEnv.Contents env = DotEnv.parse(FILE, """
                # Discord credentials
                export DISCORD_TOKEN=abc.def
                NAME="Duck \\"the\\" bot"
                RAW='${NOT_EXPANDED}'
                CHANNEL=450688080542695436 # duck-bots
                MULTI="line one
                line two"
                EMPTY=
                """);
        assertThat(env.problems()).isEmpty();
        assertThat(env.values()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().value()).containsExactly(
                "DISCORD_TOKEN=abc.def", "NAME=Duck \"the\" bot", "RAW=${NOT_EXPANDED}",
                "CHANNEL=450688080542695436", "MULTI=line one\nline two", "EMPTY=");
        assertThat(env.literal()).containsExactly("RAW");
    }

    @Test
    void aMalformedLineIsAnErrorWithItsLineNumber() {
        DotEnv.Contents env = DotEnv.parse(FILE, "A=1\nthis is not an assignment\n");
        assertThat(env.problems()).extracting(p -> p.format(Path.of("/repo"))).containsExactly(
                "agents/duck/.tokens:2:1: error: malformed line in env file: expected NAME=value, got 'this is not an "
                        + "assignment'; fix the line or comment it out with #");
    }
}
