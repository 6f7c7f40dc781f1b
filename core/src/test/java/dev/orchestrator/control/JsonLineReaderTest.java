package dev.orchestrator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader of protocol lines (both sides) gives the tree jackson-core gives, node types included. */
class JsonLineReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"schema\":1,\"type\":\"hello\",\"protocol\":1,\"orchestrator\":\"0.1.0\"}",
        "{}",
        " { \"a\" : [ ] , \"b\" : { } }\t",
        "{\"apps\":[{\"name\":\"api\",\"instance\":0,\"pid\":4242,\"uptime_ms\":61000,\"cpu_percent\":1.5,"
                + "\"memory_bytes\":52428800000,\"last_exit\":{\"code\":null,\"signal\":\"SIGTERM\"}}]}",
        "{\"ok\":true,\"no\":false,\"n\":-7,\"big\":123456789012345678901234567890,\"e\":-2.5e-3,\"z\":0}",
        "{\"s\":\"quote \\\" slash \\\\ \\/ \\b\\f\\n\\r\\t tab \\u00e9 \\ud83d\\ude00 é\"}",
        "{\"dup\":1,\"dup\":2}",
        "{\"nested\":[[1,[2,[3]]],{\"x\":[null,true]}]}"})
    void readsWhatJacksonReads(String line) throws Exception {
        JsonNode expected = JsonText.read(line);
        JsonNode actual = JsonLineReader.object(line);
        assertThat(actual).isEqualTo(expected);
        assertThat(types(actual)).isEqualTo(types(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"a\":1|not JSON: expected ',' or '}' at column 7",
        "{\"a\":\"x|not JSON: unexpected end of the line at column 8",
        "{\"a\" 1}|not JSON: expected ':' at column 6",
        "{\"a\":tru}|not JSON: unexpected character 't' at column 6",
        "{\"a\":1}x|not JSON: unexpected text after the object at column 8",
        "{a:1}|not JSON: expected a field name at column 2",
        "{\"a\":\"\\q\"}|not JSON: bad escape '\\q' at column 9",
        "{\"a\":1.2.x}|not JSON: bad number '1.2.' at column 6",
        "{\"a\":1 \"b\":2}|not JSON: expected ',' or '}' at column 8",
        "[1]|not a JSON object: [1]",
        "`\"s\"`|not a JSON object: \"s\"",
        "[1] 2|not JSON: unexpected text after the value at column 5",
        "x|not JSON: unexpected character 'x' at column 1",
        "not json|not JSON: unexpected character 'n' at column 1",
        "``|not JSON: unexpected end of the line at column 1"})
    void saysWhereALineIsNotJson(String line, String message) {
        assertThatThrownBy(() -> JsonLineReader.object(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void limitsNestingAsJacksonDoes() {
        int limit = JsonLineReader.MAX_DEPTH;
        String deepest = "{\"a\":" + "[".repeat(limit - 1) + "]".repeat(limit - 1) + "}";
        assertThat(JsonLineReader.object(deepest).path("a").isArray()).isTrue();

        String deeper = "{\"a\":" + "[".repeat(limit) + "]".repeat(limit) + "}";
        assertThatThrownBy(() -> JsonLineReader.object(deeper)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not JSON: nested deeper than " + limit + " levels at column " + (5 + limit));
        String hostile = "[".repeat(60_000);
        assertThatThrownBy(() -> JsonLineReader.object(hostile)).hasMessageContaining("nested deeper than");
    }

    @Test
    void neverInitializesBigDecimal() throws Exception {
        // The reason it exists: a child JVM that reads a line and reports whether BigDecimal was initialized.
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), "-Xlog:class+init=info", Probe.class.getName());
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("read api").doesNotContain("java/math/BigDecimal'");
    }

    /** Reads one line with the reader in a fresh JVM. */
    static final class Probe {
        public static void main(String[] args) {
            JsonNode row = JsonLineReader.object("{\"name\":\"api\",\"cpu_percent\":1.5,\"pid\":12,\"x\":[null]}");
            System.out.println("read " + row.path("name").asText());
        }
    }

    private static String types(JsonNode node) {
        StringBuilder out = new StringBuilder(node.getClass().getSimpleName());
        if (node.isContainerNode()) {
            out.append('(');
            node.forEach(child -> out.append(types(child)).append(' '));
            out.append(')');
        }
        return out.toString();
    }
}
