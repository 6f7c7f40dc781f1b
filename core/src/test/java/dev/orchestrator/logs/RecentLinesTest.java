package dev.orchestrator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecentLinesTest {
    @Test
    void keepsTheLastLinesAcrossBlocksWithTheUnfinishedOneLast() {
        RecentLines recent = new RecentLines(3);
        recent.feed(buf("a\nb\nc"));
        recent.feed(buf("c\nd\ne"));
        assertThat(recent.lines()).containsExactly("cc", "d", "e");
        recent.feed(buf("\nf\n"));
        assertThat(recent.lines()).containsExactly("d", "e", "f");
    }

    @Test
    void skipsAllButTheLastLinesOfALargeBlock() {
        RecentLines recent = new RecentLines(50);
        recent.feed(buf("partial "));
        String block = String.join("", IntStream.range(0, 1000).mapToObj(i -> "line " + i + "\n").toList());
        recent.feed(buf(block));
        List<String> lines = recent.lines();
        assertThat(lines).hasSize(50);
        assertThat(lines.getFirst()).isEqualTo("line 950");
        assertThat(lines.getLast()).isEqualTo("line 999");
    }

    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
