package dev.orchestrator.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LineFramerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    @Test
    void returnsOnlyCompleteLinesAndCarriesTheRest() {
        LineFramer framer = new LineFramer(null, CLOCK);
        assertThat(text(framer.frame(buf("one\ntw")))).isEqualTo("one\n");
        assertThat(text(framer.frame(buf("o")))).isEmpty();
        assertThat(text(framer.frame(buf("\nthree\nfo")))).isEqualTo("two\nthree\n");
        assertThat(text(framer.finish())).isEqualTo("fo\n");
        assertThat(text(framer.finish())).isEmpty();
    }

    @Test
    void prefixesEveryLineWithTheTimestampIncludingACarriedOne() {
        LineFramer framer = new LineFramer(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC),
                CLOCK);
        assertThat(text(framer.frame(buf("a\nb")))).isEqualTo("2026-03-04 05:06:07: a\n");
        assertThat(text(framer.frame(buf("c\n\nd\n")))).isEqualTo(
                "2026-03-04 05:06:07: bc\n2026-03-04 05:06:07: \n2026-03-04 05:06:07: d\n");
        assertThat(text(framer.frame(buf("no newline")))).isEmpty();
        assertThat(text(framer.finish())).isEqualTo("2026-03-04 05:06:07: no newline\n");
    }

    @Test
    void passesAMultiMegabyteLineOfInvalidUtf8Intact() {
        LineFramer framer = new LineFramer(null, CLOCK);
        byte[] line = new byte[4 << 20];
        Arrays.fill(line, (byte) 0xC3); // a lead byte never followed by a continuation: invalid UTF-8
        ByteBuffer joined = ByteBuffer.allocate(line.length + 1);
        for (int off = 0; off < line.length; off += 65536) {
            ByteBuffer out = framer.frame(ByteBuffer.wrap(line, off, 65536));
            assertThat(out.remaining()).isZero();
        }
        joined.put(framer.frame(buf("\n")));
        byte[] expected = Arrays.copyOf(line, line.length + 1);
        expected[line.length] = '\n';
        assertThat(joined.array()).isEqualTo(expected);
    }

    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer b) {
        return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }
}
