package dev.orchestrator.cli.logfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReverseLinesTest {

    @TempDir
    Path dir;

    private List<String> backwards(String content) throws IOException {
        Path file = dir.resolve("f.log");
        Files.writeString(file, content);
        List<String> lines = new ArrayList<>();
        try (ReverseLines r = new ReverseLines(file, Long.MAX_VALUE)) {
            for (String l = r.previous(); l != null; l = r.previous()) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void linesComeLastFirstWithoutTheFinalNewlineMakingAnEmptyLine() throws IOException {
        assertThat(backwards("a\nb\n\nc\n")).containsExactly("c", "", "b", "a");
    }

    @Test
    void aLastLineWithoutNewlineAndCarriageReturnsAreHandled() throws IOException {
        assertThat(backwards("a\r\nb")).containsExactly("b", "a");
        assertThat(backwards("\n")).containsExactly("");
        assertThat(backwards("")).isEmpty();
    }

    @Test
    void linesAcrossBlockBoundariesAndMultiByteCharactersStayWhole() throws IOException {
        List<String> written = IntStream.range(0, 20_000).mapToObj(i -> "line " + i + " é€😀 " + "x".repeat(i % 17))
                .toList();
        List<String> read = backwards(String.join("\n", written) + "\n");
        assertThat(read.reversed()).isEqualTo(written);
    }

    @Test
    void completeEndStopsBeforeALineStillBeingWritten() throws IOException {
        Path file = dir.resolve("g.log");
        Files.writeString(file, "one\ntwo\nthr");
        assertThat(ReverseLines.completeEnd(file, Files.size(file))).isEqualTo(8);
        Files.writeString(file, "partial");
        assertThat(ReverseLines.completeEnd(file, Files.size(file))).isZero();
    }
}
