package dev.orchestrator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.orchestrator.control.JsonText;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON output: every top-level object carries {@code "schema": 1} first, so scripts can check what they read. */
final class Json {

    static final int SCHEMA = 1;

    private Json() {
    }

    static Map<String, Object> object() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema", SCHEMA);
        return out;
    }

    /** Indented JSON; trees are written without an {@code ObjectMapper} (see {@link JsonText}), the same text. */
    static String write(Object value) {
        if (value instanceof JsonNode node) {
            return JsonText.write(node, true);
        }
        try {
            return Mapper.INDENTED.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Created on first use: {@code ls}, {@code stop} and friends write trees only. */
    private static final class Mapper {
        static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
