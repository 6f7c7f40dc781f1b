package dev.orchestrator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JsonText must give exactly what an ObjectMapper gives for trees: the CLI's JSON output is a contract. */
class JsonTextTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode sample() {
        ObjectNode node = JsonText.object();
        node.put("schema", 1);
        node.put("text", "tab\there \"quoted\" \\ é ✓ \u0001");
        node.put("long", 1L << 40);
        node.put("negative", -3);
        node.put("double", 12.5);
        node.put("small", 0.000001);
        node.put("big", new BigInteger("123456789012345678901234567890"));
        node.put("yes", true);
        node.putNull("nothing");
        node.putArray("empty");
        node.putObject("nested").putArray("rows").add(1).add("two").addObject().put("three", 3.0);
        return node;
    }

    @Test
    void compactTextIsWhatTheMapperWrites() throws Exception {
        assertThat(JsonText.write(sample(), false)).isEqualTo(MAPPER.writeValueAsString(sample()));
    }

    @Test
    void indentedTextIsWhatTheMapperWritesWithIndentOutput() throws Exception {
        assertThat(JsonText.write(sample(), true))
                .isEqualTo(MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sample()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"b\":[1,2.5,\"x\",null,true,false,{}],\"c\":{\"d\":12345678901}}",
            "{\"a\":1,\"a\":2}", "[1,2]", "\"text\"", "42", "{} trailing", "", "   ",
            "{\"big\":123456789012345678901234567890,\"e\":1e3}"})
    void readingGivesTheMappersTree(String text) throws Exception {
        JsonNode expected = MAPPER.readTree(text);
        assertThat(JsonText.read(text)).isEqualTo(expected);
        assertThat(JsonText.read(text).getClass()).isEqualTo(expected.getClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":", "{\"a\" 1}", "[1,", "nope", "{\"a\":1,}", "{'a':1}"})
    void malformedTextFailsWithTheMappersMessage(String text) {
        String expected = messageOf(() -> MAPPER.readTree(text));
        assertThatThrownBy(() -> JsonText.read(text)).isInstanceOf(JsonProcessingException.class)
                .extracting(e -> ((JsonProcessingException) e).getOriginalMessage()).isEqualTo(expected);
    }

    private interface Read {
        Object run() throws Exception;
    }

    private static String messageOf(Read read) {
        try {
            read.run();
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the mapper read it");
    }
}
